export declare const occurrences: (text: string, part: string) => number;
export declare function replaceOnce(source: string, replacements: ReadonlyArray<readonly [string, string]>, what: string, patcher: string): string;
