/** Types of scripts/docs-dictionary.mjs, for the test that keeps docs/dictionary.md up to date. */
export declare const TERMS: string;
export declare const OUTPUT: string;
export declare function readEntries(directory?: string): Record<string, unknown>[];
export declare function renderDictionary(entries?: Record<string, unknown>[]): string;
