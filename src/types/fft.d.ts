// fft.js ships no type declarations; this covers the part of its API we use.
declare module 'fft.js' {
  export default class FFT {
    constructor(size: number);
    createComplexArray(): number[];
    transform(output: ArrayLike<number>, input: ArrayLike<number>): void;
    realTransform(output: ArrayLike<number>, input: ArrayLike<number>): void;
    completeSpectrum(spectrum: ArrayLike<number>): void;
  }
}
