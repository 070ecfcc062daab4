import { useTranslation } from 'react-i18next';
import { lazy, useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { explorerLevels, pooledMix } from '../../math/explorerLevels';
import { alphaSquared, asTime, resolutionShift, sigmaSquared } from '../../math/logSnr';
import { poolingGain } from '../../math/snr';
import type { RgbImage } from '../../math/image';
import { SCHEDULES } from '../../math/scheduleCatalog';
import { CanvasFigure } from '../controls/CanvasFigure';
import { ChartSuspense } from '../controls/ChartSuspense';
import { useApproached, useHeldOffScreen, useOnScreen } from '../controls/offScreen';
import { plainChoices, SelectField, useScheduleChoices } from '../controls/SelectField';
import { tr as translate } from '../i18n/i18n';
import { SpectrumClient, type Spectra } from '../../worker/spectrumClient';
import { markFirstPaint, useAfterFirstPaint } from '../firstPaint';
import { hooks, recordLatency } from '../testHooks';
import { HI_SIZES, LO_SIZES, type ExplorerState, type Update } from '../urlState';
import { decodeImageFile, type DecodedImage } from './decodeImage';
import { ExplorerScene } from './explorerScene';
import { GlMix, wantsGl } from './glMix';
import { ImageSource } from './ImageSource';
import { Ladder } from './Ladder';
import { LADDER_TOP } from './ladderScene';
import { BlinkFigure, copyBlink, useBlink } from './Blink';
import { ALL_PANELS, sampleFile, type ImageId, type PanelId } from '../explorerContent';
import { mixMode } from './mixMode';
import { rasterise } from './rasterise';
import { GainExplanation, PooledCallout } from './PooledCallout';
import { usePresentationKeys } from './usePresentationKeys';
import { wantsWasm } from './wasmMix';
import { Readouts } from './Readouts';

// Loaded after the panels paint (recharts is a chunk of its own; see ChartSuspense).
const SpectrumChart = lazy(() => import('./SpectrumChart').then((m) => ({ default: m.SpectrumChart })));

interface ExplorerProps {
  state: ExplorerState;
  update: Update<ExplorerState>;
  onError: (message: string | null) => void;
  /** Told the clean H image whenever it changes (the sampler's "denoise my image" uses it). */
  onImage?: (image: RgbImage) => void;
  /** An image handed over from elsewhere (a finished sample): loaded as an upload, then shown. */
  input?: ExplorerInput | null;
  /**
   * The panels shown (all three by default). A lesson step shows only what its text is about; a
   * hidden panel keeps rendering (its canvas stays in the DOM), so showing it again is instant.
   */
  panels?: readonly PanelId[];
}

/** A file for the explorer; a new `key` loads it (again). */
export interface ExplorerInput {
  file: Blob;
  name: string;
  key: number;
}

const T_STEP = 0.001;
const HI_CHOICES = plainChoices(HI_SIZES);
const LO_CHOICES = plainChoices(LO_SIZES);

/** The SNR explorer: one image noised at H and at L, and H pooled to L, at a chosen t. */
export function Explorer({ state, update, onError, onImage, input, panels: shownPanels = ALL_PANELS }: ExplorerProps) {
  const { t, schedule: scheduleId, hi, lo, shift, seed, pooled: pooledView, present, image, view } = state;
  const laddered = view === 'ladder';
  const shows = (panel: PanelId) => shownPanels.includes(panel);
  const presenting = present === 'on';
  const { t: tr } = useTranslation();
  const scheduleChoices = useScheduleChoices();
  const pooledChoices = [
    { value: 'unit', label: tr('explorer.pooledUnit') },
    { value: 'raw', label: tr('explorer.pooledRaw') },
  ] as const;
  const [source, setSource] = useState<DecodedImage | null>(null);
  const [computed, setComputed] = useState<{ scene: ExplorerScene; spectra: Spectra } | null>(null);
  const [busy, setBusy] = useState(false);
  const canvasHi = useRef<HTMLCanvasElement>(null);
  const canvasLo = useRef<HTMLCanvasElement>(null);
  const canvasPooled = useRef<HTMLCanvasElement>(null);
  const canvasBlink = useRef<HTMLCanvasElement>(null);
  const blink = useBlink();
  const panels = useRef<HTMLDivElement>(null);
  const inputTime = useRef<number | null>(null);
  // The WebGL mixer: undefined until first wanted, null where WebGL2 is unavailable.
  const glMix = useRef<GlMix | null | undefined>(undefined);
  useEffect(
    () => () => {
      glMix.current?.dispose();
      glMix.current = undefined;
    },
    [],
  );
  const spectrumClient = useMemo(() => new SpectrumClient(), []);
  useEffect(() => () => spectrumClient.dispose(), [spectrumClient]);

  const schedule = useMemo(() => SCHEDULES[scheduleId].create(), [scheduleId]);
  const levels = useMemo(
    () => explorerLevels(schedule, asTime(t), hi, lo, shift === 'auto'),
    [schedule, t, hi, lo, shift],
  );
  const factor = hi / lo;
  const mix = useMemo(() => pooledMix(levels, factor, pooledView), [levels, factor, pooledView]);
  usePresentationKeys(presenting, t, T_KEY_STEP, update);

  // The clean H image is rebuilt only when the image or H changes; the scene (L, noise) when L or
  // the seed changes. A t change touches neither.
  const rasterised = useMemo(() => (source ? rasterise(source.bitmap, hi) : null), [source, hi]);
  const scene = useMemo(
    () => (rasterised ? new ExplorerScene(rasterised.image, lo, seed) : null),
    [rasterised, lo, seed],
  );
  useEffect(() => {
    if (rasterised) onImage?.(rasterised.image);
  }, [rasterised, onImage]);
  // Said while the image is the photograph that stands in for a link's 'own' (the sender's image,
  // which a link cannot carry); cleared when the user picks an image.
  const [ownFromLink, setOwnFromLink] = useState(() => image === 'own');
  const notices = useMemo(
    () => [
      ...(ownFromLink ? [translate('explorer.ownFromLink')] : []),
      ...(source?.notices ?? []),
      ...(rasterised?.notices ?? []),
    ],
    [ownFromLink, source, rasterised],
  );
  const spectra = computed && computed.scene === scene ? computed.spectra : null;
  // A replaced image's bitmap is released at once rather than at the next garbage collection.
  useEffect(() => () => source?.bitmap.close(), [source]);

  // Only the latest load may replace the image: a sample asked for by one lesson step and still
  // decoding when the next step asks for another must not land after it.
  const latestLoad = useRef(0);
  /** Decodes and checks an image, and shows it; false (with a message) if it cannot be shown. */
  const load = useCallback(
    async (file: Blob, name: string): Promise<boolean> => {
      const request = ++latestLoad.current;
      setBusy(true);
      try {
        const result = await decodeImageFile(file, name);
        if (!result.ok) {
          onError(result.message);
          return false;
        }
        const { width, height } = result.image.bitmap;
        if (request !== latestLoad.current || Math.min(width, height) < lo) {
          result.image.bitmap.close();
          if (request === latestLoad.current) onError(tooSmallMessage(name, width, height, lo));
          return false;
        }
        onError(null);
        setSource(result.image);
        return true;
      } catch (error) {
        onError(translate('explorer.loadFailed', { name, error: String(error) }));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [lo, onError],
  );

  const loadSample = useCallback(
    async (file: string) => {
      try {
        const response = await fetch(`./samples/${file}`);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        await load(await response.blob(), file);
      } catch (error) {
        onError(translate('explorer.fetchFailed', { name: file, error: String(error) }));
      }
    },
    [load, onError],
  );

  // The user's own image (a file, a drop, a paste, a handed-over sample): once it shows, the
  // URL's image key says 'own', so a lesson step that asks for the photograph loads it again.
  const shownImage = useRef<ImageId | null>(null);
  // and, for a sample, which of its files (the photograph has one for H ≤ 512 and one above)
  const shownFile = useRef<string | null>(null);
  const loadOwn = useCallback(
    async (file: Blob, name: string) => {
      const shown = await load(file, name);
      if (shown) {
        shownImage.current = 'own';
        shownFile.current = null;
        setOwnFromLink(false);
        update({ image: 'own' });
      }
      return shown;
    },
    [load, update],
  );

  // A handed-over image takes the upload path (same checks: size against L, decoding), then the
  // explorer scrolls into view and takes the focus. Each key is loaded once.
  const section = useRef<HTMLElement>(null);
  const loadedInput = useRef(0);
  useEffect(() => {
    if (!input || input.key === loadedInput.current) return;
    loadedInput.current = input.key;
    void loadOwn(input.file, input.name).then(() => {
      section.current?.scrollIntoView({ block: 'start' });
      section.current?.focus({ preventScroll: true });
    });
  }, [input, loadOwn]);

  // The image the URL names: loaded when it changes (a sample button, a lesson step, a link), or
  // when H (or the ladder, which goes up to LADDER_TOP) needs another of its files. The first one
  // is the photograph unless the link names another sample.
  const file = image === 'own' ? null : sampleFile(image, laddered ? Math.max(hi, LADDER_TOP) : hi);
  useEffect(() => {
    if (image === shownImage.current && file === shownFile.current) return;
    const first = shownImage.current === null;
    if (image === 'own' || file === null) {
      if (!first) return;
      // A link cannot carry the sender's own image: show the photograph (ownFromLink says why).
      update({ image: 'photo' });
      return;
    }
    shownImage.current = image;
    shownFile.current = file;
    // If the first image fails, the charts need not wait for a paint that will not come.
    // The URL names an image to fetch (an outside resource): loading it sets `busy` on the way.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a fetch the URL asks for, not derived state
    void loadSample(file).finally(() => {
      if (first) markFirstPaint();
    });
  }, [image, file, loadSample, update]);

  // Spectra: once per image and noise, in a worker; t only rescales them. Only once the chart
  // comes near the screen: at load the worker's FFTs competed with the model load for the cores.
  const spectrumBox = useRef<HTMLDivElement>(null);
  const spectrumWanted = useApproached(spectrumBox, useAfterFirstPaint());
  useEffect(() => {
    if (!scene || !spectrumWanted) return;
    let live = true;
    spectrumClient
      .compute(scene.hi, scene.cleanHi.data, scene.noiseHiBuffer)
      .then((result) => {
        if (live && result) setComputed({ scene, spectra: result });
      })
      .catch((error: unknown) => onError(translate('explorer.spectrumFailed', { error: String(error) })));
    return () => {
      live = false;
    };
  }, [scene, spectrumWanted, spectrumClient, onError]);

  // The hot path: mix and paint before the browser paints this frame.
  useLayoutEffect(() => {
    if (!scene || !canvasHi.current || !canvasLo.current || !canvasPooled.current) return;
    let gl: GlMix | null = null;
    const mode = mixMode();
    if (wantsGl(mode, scene.hi)) {
      if (glMix.current === undefined) glMix.current = GlMix.create(mode === 'webgl');
      gl = glMix.current;
    } else {
      glMix.current?.release();
    }
    const path = scene.render(
      levels,
      mix,
      { hi: canvasHi.current, lo: canvasLo.current, pooled: canvasPooled.current },
      gl,
      wantsWasm(mode),
    );
    if (panels.current) panels.current.dataset.mix = path;
    const testHooks = hooks();
    testHooks.mix = path;
    testHooks.renders += 1;
    testHooks.ready = true;
    markFirstPaint();
    if (inputTime.current !== null) {
      recordLatency(inputTime.current);
      inputTime.current = null;
    }
  }, [scene, levels, mix]);
  // Blink copies the panel it shows after every render of the panels and at every phase flip
  // (every 250 ms), which only copies: it never re-mixes the panels.
  useLayoutEffect(() => {
    if (blink.on) copyBlink(canvasBlink.current, blink.showsPooled ? canvasPooled.current : canvasLo.current);
  }, [blink.on, blink.showsPooled, scene, levels, mix]);

  // The spectrum follows t at low priority, and only while it can be seen (its recharts redraw cost
  // more than the three panels' mix at 512 px, docs/BENCHMARKS.md §1).
  const spectrumLevels = useHeldOffScreen(useDeferredValue(levels), useOnScreen(spectrumBox));
  // Powers depend on the image and the noise only, so the gain does not change with t.
  const gain = useMemo(
    () =>
      scene
        ? poolingGain(
            factor,
            scene.powers.signalHi,
            scene.powers.signalLo,
            scene.powers.noiseHi,
            scene.powers.noisePooled,
          )
        : null,
    [scene, factor],
  );

  return (
    <section
      ref={section}
      tabIndex={-1}
      className={presenting ? 'explorer presenting' : 'explorer'}
      aria-labelledby="explorer-title"
    >
      <div className="explorer-title">
        <h2 id="explorer-title">{tr('explorer.title')}</h2>
        <button
          type="button"
          data-testid="present-toggle"
          aria-pressed={presenting}
          title={tr('explorer.presentTitle')}
          onClick={() => update({ present: presenting ? 'off' : 'on' })}
        >
          {presenting ? tr('explorer.leavePresent') : tr('explorer.present')}
        </button>
      </div>
      {!presenting && (
        <ImageSource
          onFile={loadOwn}
          onSample={(id) => {
            setOwnFromLink(false);
            update({ image: id });
          }}
          busy={busy}
        />
      )}
      {/* t on a bar of its own: on a phone it stays at the top of the screen while the panels scroll. */}
      <div className="t-bar">
        <label className="t-control">
          t ={' '}
          <output data-testid="t-value" data-value={String(t)}>
            {t.toFixed(3)}
          </output>
          <input
            type="range"
            min={0}
            max={1}
            step={T_STEP}
            value={t}
            data-testid="t-slider"
            aria-label={tr('explorer.tLabel')}
            onChange={(event) => {
              inputTime.current = event.nativeEvent.timeStamp;
              update({ t: Number(event.target.value) });
            }}
          />
        </label>
      </div>
      <div className="controls">
        {!presenting && (
          <>
            <SelectField
              label={tr('common.schedule')}
              testId="schedule-select"
              value={scheduleId}
              choices={scheduleChoices}
              onChange={(schedule) => update({ schedule })}
            />
            <SelectField
              label="H"
              testId="hi-select"
              value={hi}
              choices={HI_CHOICES}
              onChange={(size) => update(validPair(size, lo))}
            />
            <SelectField
              label="L"
              testId="lo-select"
              value={lo}
              choices={LO_CHOICES.filter((choice) => choice.value <= hi)}
              onChange={(size) => update(validPair(hi, size))}
            />
          </>
        )}
        <label>
          <input
            type="checkbox"
            data-testid="shift-toggle"
            checked={shift === 'auto'}
            onChange={(event) => update({ shift: event.target.checked ? 'auto' : 'off' })}
          />{' '}
          {tr('explorer.shiftToggle')}: λ + 2·ln(L/H) = λ {formatNats(resolutionShift(lo, hi))}
        </label>
        {!presenting && (
          <>
            <SelectField
              label={tr('explorer.pooledPanel')}
              testId="pooled-view"
              value={pooledView}
              choices={pooledChoices}
              onChange={(view) => update({ pooled: view })}
            />
            <button type="button" data-testid="new-noise" onClick={() => update({ seed: (seed + 1) >>> 0 })}>
              {tr('explorer.newNoise', { seed })}
            </button>
            <button
              type="button"
              data-testid="blink-toggle"
              aria-pressed={blink.on}
              disabled={laddered}
              title={tr('explorer.blinkTitle')}
              onClick={blink.toggle}
            >
              {tr('explorer.blink')}
            </button>
            <button
              type="button"
              data-testid="ladder-toggle"
              aria-pressed={laddered}
              title={tr('explorer.ladderTitle')}
              onClick={() => update({ view: laddered ? 'panels' : 'ladder' })}
            >
              {tr('explorer.ladder')}
            </button>
          </>
        )}
      </div>
      {notices.length > 0 && (
        <ul className="notices" data-testid="image-notices">
          {notices.map((notice) => (
            <li key={notice}>{notice}</li>
          ))}
        </ul>
      )}
      {laddered && source && <Ladder bitmap={source.bitmap} lo={lo} seed={seed} schedule={schedule} t={t} />}
      <div className="panels" data-testid="panels" ref={panels} hidden={laddered}>
        <CanvasFigure
          hidden={!shows('hi')}
          testId="panel-hi"
          canvasRef={canvasHi}
          label={tr('explorer.panelHi', { hi })}
          caption={tr('explorer.panelHi', { hi })}
        />
        <CanvasFigure
          hidden={!shows('lo')}
          testId="panel-lo"
          canvasRef={canvasLo}
          label={tr('explorer.panelLo', { lo })}
          caption={tr('explorer.panelLo', { lo })}
        />
        <CanvasFigure
          hidden={!shows('pooled')}
          testId="panel-pooled"
          canvasRef={canvasPooled}
          label={
            tr('explorer.panelPooled', { factor, lo }) +
            (pooledView === 'unit' ? tr('explorer.panelPooledUnitLong') : '')
          }
          caption={
            <>
              {tr('explorer.panelPooled', { factor, lo })}
              {pooledView === 'unit' ? tr('explorer.panelPooledUnit') : ''}
              {gain && <PooledCallout gain={gain} factor={factor} shifted={shift === 'auto'} />}
            </>
          }
        />
        {blink.on && (
          <BlinkFigure
            canvasRef={canvasBlink}
            showsPooled={blink.showsPooled}
            caption={blink.showsPooled ? tr('explorer.panelPooled', { factor, lo }) : tr('explorer.panelLo', { lo })}
          />
        )}
      </div>
      {gain && shows('pooled') && <GainExplanation gain={gain} factor={factor} pooledView={pooledView} />}
      {/* The numbers and the spectrum: one above the other, side by side in a lesson on a wide screen. */}
      <div className="measures">
        {scene && gain && (
          <Readouts levels={levels} powers={scene.powers} factor={factor} gain={gain} rows={shownPanels} />
        )}
        {!presenting && (
          <div ref={spectrumBox} className="spectrum-box">
            <ChartSuspense name="spectrum" height={311}>
              <SpectrumChart
                spectra={spectra}
                alphaSq={alphaSquared(spectrumLevels.logSnrHi)}
                sigmaSq={sigmaSquared(spectrumLevels.logSnrHi)}
                factor={factor}
              />
            </ChartSuspense>
          </div>
        )}
      </div>
      {!presenting && (
        <>
          <aside className="explanation">
            <p>{tr('explorer.explain1')}</p>
            <p>{tr('explorer.explain2')}</p>
            <p>{tr('explorer.explain3')}</p>
          </aside>
        </>
      )}
    </section>
  );
}

/** The t step of one arrow key press in presentation mode. */
const T_KEY_STEP = 0.01;

const formatNats = (nats: number) => (nats < 0 ? `− ${(-nats).toFixed(3)}` : `+ ${nats.toFixed(3)}`);

/** Keeps L dividing H when one of them changes. */
function validPair(hi: number, lo: number): { hi: number; lo: number } {
  return { hi, lo: Math.min(lo, hi) };
}

/**
 * Why an image is refused as smaller than L, with advice that can work: the largest L it fits,
 * or, when it is smaller than every L, the smallest image size the explorer takes.
 */
function tooSmallMessage(name: string, width: number, height: number, lo: number): string {
  const fits = LO_SIZES.filter((size) => size <= Math.min(width, height));
  if (fits.length === 0) return translate('explorer.tooSmallForAny', { name, width, height, smallest: LO_SIZES[0] });
  return translate('explorer.tooSmall', { name, width, height, lo, fit: fits[fits.length - 1] });
}
