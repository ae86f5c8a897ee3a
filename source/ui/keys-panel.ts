// Every key and what it does, as lines kept in view under the action picker on a terminal tall enough to hold them.
import type {KeySet} from './controls.js';
import {type SheetLine, hanging, line} from './sheet.js';

const KEY_WIDTH = 6;

/** The panel's lines in `width` columns: a gap, its heading, then each key with its help wrapped beside it. */
export const keysPanelLines = ({reference}: KeySet<string, never>, width: number): SheetLine[] => [
	line(' ', width),
	line('KEYS', width, {bold: true, color: 'cyan'}),
	...reference.flatMap(([key, help]) => hanging({text: `${key.padEnd(KEY_WIDTH)} `}, help, width, KEY_WIDTH + 1, {dim: true})),
];
