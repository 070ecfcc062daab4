// Types for wat.mjs (plain ES module, run by `npm run build:wasm` and imported by the unit test).
export declare const WAT_SOURCES: string[];
export declare function compileWat(path: string): Promise<Uint8Array>;
