/** Where the shipped model lives, relative to the page (public/ in the source tree). */
export const MODEL_PATH = './models/emoji64/';
