/**
 * What the explorer shows, named for the code around it (the URL state, the lesson): its bundled
 * images (public/samples/), by the id the URL's `image` key and the buttons' data-testids
 * (`sample-<id>`) use, and its panels. 'own' is not a sample: it marks an image the user loaded
 * (a file, a paste, a drop or a finished sample), which a link cannot carry.
 */
export const SAMPLES = [
  // one photograph in two files (public/samples/README.md): the 2048 px one, 0.4 MB, is fetched
  // only for an H above 512, so that H = 1024 and 2048 show real detail and not an upscaled copy
  {
    id: 'photo',
    files: [
      { size: 512, file: 'photo.jpg' },
      { size: 2048, file: 'photo-2048.jpg' },
    ],
    label: 'samples.photo',
  },
  { id: 'flat', files: [{ size: 512, file: 'flat.png' }], label: 'samples.flat' },
  { id: 'white-noise', files: [{ size: 512, file: 'white-noise.png' }], label: 'samples.whiteNoise' },
] as const;

export type SampleId = (typeof SAMPLES)[number]['id'];

/**
 * The files only an H above 512 fetches: left out of the service worker's precache (vite.config.ts)
 * and kept, once fetched, in this runtime cache for offline use.
 */
export const LARGE_SAMPLE_FILES: readonly string[] = SAMPLES.flatMap((sample) =>
  sample.files.filter((file) => file.size > 512).map((file) => file.file),
);
export const LARGE_SAMPLES_CACHE = 'snrlab-large-samples';
export const IMAGE_IDS = [...SAMPLES.map((sample) => sample.id), 'own'] as const;
export type ImageId = SampleId | 'own';

/** The sample's smallest file of at least `hi` px (its largest if none is): what H needs, no more. */
export function sampleFile(id: SampleId, hi: number): string {
  const files = SAMPLES.find((sample) => sample.id === id)!.files;
  return (files.find((file) => file.size >= hi) ?? files[files.length - 1]).file;
}

/** The explorer's three panels: noisy H, noisy L, and H average-pooled to L. */
export type PanelId = 'hi' | 'lo' | 'pooled';
export const ALL_PANELS: readonly PanelId[] = ['hi', 'lo', 'pooled'];
