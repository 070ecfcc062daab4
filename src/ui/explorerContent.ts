/**
 * What the explorer shows, named for the code around it (the URL state, the lesson): its bundled
 * images (public/samples/), by the id the URL's `image` key and the buttons' data-testids
 * (`sample-<id>`) use, and its panels. 'own' is not a sample: it marks an image the user loaded
 * (a file, a paste, a drop or a finished sample), which a link cannot carry.
 */
export const SAMPLES = [
  { id: 'photo', file: 'photo.jpg', label: 'samples.photo' },
  { id: 'flat', file: 'flat.png', label: 'samples.flat' },
  { id: 'white-noise', file: 'white-noise.png', label: 'samples.whiteNoise' },
] as const;

export type SampleId = (typeof SAMPLES)[number]['id'];
export const IMAGE_IDS = [...SAMPLES.map((sample) => sample.id), 'own'] as const;
export type ImageId = SampleId | 'own';

export const sampleFile = (id: SampleId): string => SAMPLES.find((sample) => sample.id === id)!.file;

/** The explorer's three panels: noisy H, noisy L, and H average-pooled to L. */
export type PanelId = 'hi' | 'lo' | 'pooled';
export const ALL_PANELS: readonly PanelId[] = ['hi', 'lo', 'pooled'];
