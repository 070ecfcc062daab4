// Types for chromium.mjs (plain ES module, shared with the Node runner scripts).
export declare const MISSING_CHROMIUM_MESSAGE: string;
export declare function findChromium(): string | null;
export declare const CHROMIUM_ARGS: string[];
