import { useLayoutEffect, useRef, useState } from 'react';
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
import { askLabels, askPair, guidanceWeight } from './conditioning';
import { drawGrid } from './imageGrid';
import { manifestLabels, manifestSchedule, type ModelEntry } from './modelIndex';
import type { useModel } from './useModel';
import { modelUrl } from './useModelIndex';
import { sampleSettings } from './sampleSettings';

interface DenoisePanelProps {
  state: SamplerState;
  model: ReturnType<typeof useModel>;
  /**
   * The model, or compare mode's two (issue 26): each denoises the same image at the same t, on
   * its own training schedule (the other's with swap), shown side by side. A manifest, once
   * loaded, gives the size S and the training schedule.
   */
  entries: ModelEntry[];
  onError: (message: string | null) => void;
  /** The explorer's clean image at H. */
  getImage: () => RgbImage | null;
}

/** What one model's column shows: [S, S, 3] images in [−1, 1], each null until computed. */
interface DenoiseShown {
  size: number;
  noisy: Float32Array;
  x0: Float32Array | null;
  resample: Float32Array | null;
}

/**
 * "Denoise my image": the explorer's image at the model's size S, noised to the explorer's t on the sampling
 * schedule, one model call on it, and an SDEdit resample from t. Its own figures and status, so
 * it never overwrites the sample run's previews, filmstrip or result.
 */
export function DenoisePanel({ state, model, entries, onError, getImage }: DenoisePanelProps) {
  const { t: tr } = useTranslation();
  const [note, setNote] = useState<string | null>(null);
  const [shown, setShown] = useState<Record<string, DenoiseShown>>({});
  const paired = entries.length > 1;

  const onDenoise = async () => {
    const image = getImage();
    if (!image) {
      onError(tr('denoise.noImage'));
      return;
    }
    onError(null);
    const readies = [];
    for (const entry of entries) {
      const ready = await model.ensureModel(modelUrl(entry), entry.name);
      if (!ready) return;
      readies.push(ready);
    }
    const tooSmall = readies.find((ready) => image.width < ready.model.imageSize);
    if (tooSmall) {
      onError(tr('denoise.tooSmall', { width: image.width, size: tooSmall.model.imageSize }));
      return;
    }
    const schedules = readies.map((ready) => manifestSchedule(ready.model));
    if (paired && state.swap) schedules.reverse();
    const t = asTime(Math.min(state.t, 0.999));
    setShown({});
    const logSnrs: string[] = []; // each model's λ at t, for the note ("λ −1.23 / −2.62")
    try {
      for (const [i, entry] of entries.entries()) {
        const { url, imageSize: size } = readies[i].model;
        const small = areaResize(image, size, size).data; // [S, S, 3], exactly the average pool for H = S·k
        const spec = samplingSpec(state, schedules[i]);
        const logSnr = samplingSchedule(spec).logSnr(t);
        logSnrs.push(logSnr.toFixed(2));
        const noise = gaussianNoise(small.length, state.seed, 2000); // the same noise for both models
        const noisy = noiseToLogSnr(small, noise, logSnr); // [S, S, 3], VP x_t at λ
        const show = (change: Partial<DenoiseShown>) =>
          setShown((previous) => ({
            ...previous,
            [entry.name]: { ...(previous[entry.name] ?? { size, noisy, x0: null, resample: null }), ...change },
          }));
        show({});
        // A conditional model denoises as the sampler asks it (class, vendor, guidance); compare
        // mode asks both models what its sampling asks them (nothing, for an unconditional pair).
        const { conditioning } = paired
          ? askPair(state, [entries[0], entries[1]], 1)
          : askLabels(state, manifestLabels(readies[i].model), guidanceWeight(state, entry), 1, entry.randomClasses);
        setNote(tr('denoise.oneCall'));
        const { x0 } = await model.client().denoise(noisy.slice(), 1, Float64Array.of(logSnr), url, conditioning);
        show({ x0 });
        const grid = samplingLogSnrs(spec, t);
        const steps = grid.length - 1;
        const outcome = await model.runJob(
          sampleSettings(state, { modelUrl: url, logSnrs: grid, conditioning, batch: 1, start: noisy }),
          (event) => {
            setNote(tr('denoise.resampling', { step: event.step, steps }) + (paired ? ` (${entry.name})` : ''));
            if (event.preview) show({ resample: event.preview.x });
          },
          (result) => show({ resample: result.images }),
          i < entries.length - 1,
        );
        if (outcome.outcome !== 'done') {
          setNote(tr(`status.${outcome.outcome}`));
          return;
        }
      }
      setNote(tr('denoise.done', { t: t.toFixed(2), logSnr: logSnrs.join(' / ') }));
    } catch (error) {
      setNote(tr('status.failed'));
      onError(tr('denoise.failed', { error: errorText(error) }));
    }
  };

  const anyShown = Object.keys(shown).length > 0;
  return (
    <section className="denoise-panel" aria-labelledby="denoise-title" data-testid="denoise-panel">
      <h3 id="denoise-title">{tr('denoise.title')}</h3>
      <div className="controls">
        <button type="button" data-testid="denoise-image" disabled={model.busy} onClick={() => void onDenoise()}>
          {tr('denoise.button', { t: state.t.toFixed(2) })}
        </button>
        <output data-testid="denoise-status">{note ?? ''}</output>
      </div>
      {!anyShown && (
        <p className="sampler-placeholder" data-testid="denoise-placeholder">
          {tr('denoise.placeholder', { size: entries[0].imageSize })}
        </p>
      )}
      <div className={paired ? 'compare-columns denoise-columns' : undefined} hidden={!anyShown}>
        {entries.map((entry) => (
          <DenoiseFigures
            key={entry.name}
            heading={paired ? entry.name : null}
            shown={shown[entry.name] ?? null}
            testIdSuffix={paired ? `-${entry.name}` : ''}
          />
        ))}
      </div>
    </section>
  );
}

/** One model's three figures: the noised image, the one-call x̂₀ and the resample from t. */
function DenoiseFigures({
  heading,
  shown,
  testIdSuffix,
}: {
  heading: string | null;
  shown: DenoiseShown | null;
  testIdSuffix: string;
}) {
  const { t: tr } = useTranslation();
  const size = shown?.size ?? 0;
  return (
    <div className="denoise-figures" data-testid={`denoise-figures${testIdSuffix}`}>
      {heading && <h4>{heading}</h4>}
      <div className="sample-panels">
        <GridFigure
          testId={`denoise-xt${testIdSuffix}`}
          pixels={shown?.noisy ?? null}
          size={size}
          label={tr('denoise.xtLabel', { size })}
          caption={tr('denoise.xtCaption', { size })}
        />
        <GridFigure
          testId={`denoise-x0${testIdSuffix}`}
          pixels={shown?.x0 ?? null}
          size={size}
          label={tr('denoise.x0Label')}
          caption={tr('denoise.x0Caption')}
        />
        <GridFigure
          testId={`denoise-resample${testIdSuffix}`}
          pixels={shown?.resample ?? null}
          size={size}
          label={tr('denoise.resampleLabel')}
          caption={tr('denoise.resampleCaption')}
        />
      </div>
    </div>
  );
}

/** A CanvasFigure that draws one [S, S, 3] image whenever it changes (kept as drawn when null). */
function GridFigure({
  testId,
  pixels,
  size,
  label,
  caption,
}: {
  testId: string;
  pixels: Float32Array | null;
  size: number;
  label: string;
  caption: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    if (pixels && canvas.current) drawGrid(canvas.current, pixels, 1, size);
  }, [pixels, size]);
  return <CanvasFigure testId={testId} canvasRef={canvas} label={label} caption={caption} />;
}
