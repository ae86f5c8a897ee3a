import type {Plugin} from 'esbuild';
export declare const meowPatchedText: (file: 'dependencies.js' | 'options.js', source: string) => string;
export declare const meowPatch: Plugin;
