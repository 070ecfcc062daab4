/** Where the shipped model lives, relative to the page (public/ in the source tree). */
export const MODEL_PATH = './models/emoji64/';
/** Its image size in pixels (its manifest's config says the same; the worker checks its inputs). */
export const MODEL_IMAGE_SIZE = 64;
