import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { areaResize, type RgbImage } from '../../math/image';
import { noiseToLogSnr } from '../../math/forwardProcess';
import { asTime } from '../../math/logSnr';
import { gaussianNoise } from '../../math/rng';
import { samplingLogSnrs, samplingSchedule } from '../../math/samplingGrid';
import { CanvasFigure } from '../controls/CanvasFigure';
import { errorText } from '../i18n/workerMessages';
import { samplingSpec } from '../specs';
import type { SamplerState } from '../urlState';
import { askLabels, guidanceWeight } from './conditioning';
import { drawGrid } from './imageGrid';
import { manifestLabels, manifestSchedule, type ModelEntry } from './modelIndex';
import type { useModel } from './useModel';
import { modelUrl } from './useModelIndex';
import { sampleSettings } from './sampleSettings';

interface DenoisePanelProps {
  state: SamplerState;
  model: ReturnType<typeof useModel>;
  /** The chosen model: its manifest, once loaded, gives the size S and the training schedule. */
  entry: ModelEntry;
  onError: (message: string | null) => void;
  /** The explorer's clean image at H. */
  getImage: () => RgbImage | null;
}

/**
 * "Denoise my image": the explorer's image at the model's size S, noised to the explorer's t on the sampling
 * schedule, one model call on it, and an SDEdit resample from t. Its own figures and status, so
 * it never overwrites the sample run's previews, filmstrip or result.
 */
export function DenoisePanel({ state, model, entry, onError, getImage }: DenoisePanelProps) {
  const { t: tr } = useTranslation();
  const noisyCanvas = useRef<HTMLCanvasElement>(null);
  const x0Canvas = useRef<HTMLCanvasElement>(null);
  const resampleCanvas = useRef<HTMLCanvasElement>(null);
  const [note, setNote] = useState<string | null>(null);
  const [shown, setShown] = useState(false);
  /** S of the last denoised image (the model's size). */
  const [size, setSize] = useState(entry.imageSize);

  const onDenoise = async () => {
    const image = getImage();
    if (!image) {
      onError(tr('denoise.noImage'));
      return;
    }
    onError(null);
    const ready = await model.ensureModel(modelUrl(entry), entry.name);
    if (!ready) return;
    const { url, imageSize: size } = ready.model;
    if (image.width < size) {
      onError(tr('denoise.tooSmall', { width: image.width, size }));
      return;
    }
    const small = areaResize(image, size, size).data; // [S, S, 3], exactly the average pool for H = S·k
    const t = asTime(Math.min(state.t, 0.999));
    const spec = samplingSpec(state, manifestSchedule(ready.model));
    const logSnr = samplingSchedule(spec).logSnr(t);
    const noise = gaussianNoise(small.length, state.seed, 2000);
    const noisy = noiseToLogSnr(small, noise, logSnr); // [S, S, 3], VP x_t at λ
    // A conditional model denoises as the sampler asks it (class, vendor, guidance).
    const { conditioning } = askLabels(
      state,
      manifestLabels(ready.model),
      guidanceWeight(state, entry),
      1,
      entry.randomClasses,
    );
    setSize(size);
    setShown(true);
    if (noisyCanvas.current) drawGrid(noisyCanvas.current, noisy, 1, size);
    try {
      setNote(tr('denoise.oneCall'));
      const { x0 } = await model.client().denoise(noisy.slice(), 1, Float64Array.of(logSnr), url, conditioning);
      if (x0Canvas.current) drawGrid(x0Canvas.current, x0, 1, size);
      const grid = samplingLogSnrs(spec, t);
      const steps = grid.length - 1;
      const outcome = await model.runJob(
        sampleSettings(state, { modelUrl: url, logSnrs: grid, conditioning, batch: 1, start: noisy }),
        (event) => {
          setNote(tr('denoise.resampling', { step: event.step, steps }));
          if (event.preview && resampleCanvas.current) drawGrid(resampleCanvas.current, event.preview.x, 1, size);
        },
        (result) => {
          if (resampleCanvas.current) drawGrid(resampleCanvas.current, result.images, 1, size);
        },
      );
      setNote(
        outcome.outcome === 'done'
          ? tr('denoise.done', { t: t.toFixed(2), logSnr: logSnr.toFixed(2) })
          : tr(`status.${outcome.outcome}`),
      );
    } catch (error) {
      setNote(tr('status.failed'));
      onError(tr('denoise.failed', { error: errorText(error) }));
    }
  };

  return (
    <section className="denoise-panel" aria-labelledby="denoise-title" data-testid="denoise-panel">
      <h3 id="denoise-title">{tr('denoise.title')}</h3>
      <div className="controls">
        <button type="button" data-testid="denoise-image" disabled={model.busy} onClick={() => void onDenoise()}>
          {tr('denoise.button', { t: state.t.toFixed(2) })}
        </button>
        <output data-testid="denoise-status">{note ?? ''}</output>
      </div>
      {!shown && (
        <p className="sampler-placeholder" data-testid="denoise-placeholder">
          {tr('denoise.placeholder', { size: entry.imageSize })}
        </p>
      )}
      <div className="sample-panels" hidden={!shown}>
        <CanvasFigure
          testId="denoise-xt"
          canvasRef={noisyCanvas}
          label={tr('denoise.xtLabel', { size })}
          caption={tr('denoise.xtCaption', { size })}
        />
        <CanvasFigure
          testId="denoise-x0"
          canvasRef={x0Canvas}
          label={tr('denoise.x0Label')}
          caption={tr('denoise.x0Caption')}
        />
        <CanvasFigure
          testId="denoise-resample"
          canvasRef={resampleCanvas}
          label={tr('denoise.resampleLabel')}
          caption={tr('denoise.resampleCaption')}
        />
      </div>
    </section>
  );
}
