// The end-of-episode review: the debrief's timeline walked one step at a time, each step with its verdicts, what each
// means, and the incident's note on it. This module is the review's state and its lines; components/Review.tsx
// draws them and takes the keys.
import type {TimelineEntry, Verdict} from '../io/debrief.js';
import {describeAction} from '../io/step-words.js';
import {roleName, signed} from './format.js';
import {type Block, type SheetLine, fitBlocks, hanging, line} from './sheet.js';

/** The key on the end screen that opens the review. */
export const REVIEW_KEY = 'r';

/** Each verdict in words, and whether it went well: green for what helped, red for what hurt. */
const VERDICT_WORDS: Record<Verdict, {readonly text: string; readonly good: boolean}> = {
	fix: {text: 'this step resolved the incident', good: true},
	helped: {text: 'a repair the incident counts as beneficial', good: true},
	wrong_fix: {text: 'a repair that did not help: the wrong-fix penalty', good: false},
	cascade: {text: 'the wrong fix set off a secondary failure', good: false},
	red_herring: {text: 'acted on a service only a misleading log pointed at', good: false},
	rogue_caught: {text: 'Oversight flagged the rogue agent', good: true},
	false_flag: {text: 'Oversight flagged an agent that is no rogue', good: false},
	root_cause_correct: {text: 'the true root cause, declared', good: true},
	root_cause_wrong: {text: 'a root cause that is not the true one', good: false},
	miscommunication: {text: 'the miscommunication penalty', good: false},
};

/** How the review moves for a key: back or on one step, or to either end. */
export type ReviewMove = 'back' | 'on' | 'first' | 'last';

/** The step shown after a move, kept within the timeline. */
export function movedTo(index: number, move: ReviewMove, steps: number): number {
	const last = Math.max(0, steps - 1);
	const next = {back: index - 1, on: index + 1, first: 0, last}[move];
	return Math.max(0, Math.min(last, next));
}

/** One step's lines: what was done and by whom, its reward, each verdict and what it means, and the note. */
export function reviewLines(entry: TimelineEntry, steps: number, rows: number, width: number): SheetLine[] {
	const who = entry.player ?? entry.by;
	const verdicts: Block[] =
		entry.verdicts.length === 0
			? [{lines: [line('  no verdict: nothing the scoring or the incident remarks on', width, {dim: true})], min: 1}]
			: entry.verdicts.map(verdict => {
					const {text, good} = VERDICT_WORDS[verdict];
					return {lines: hanging({text: `  ${good ? '✓' : '✗'} ${verdict}: `, color: good ? 'green' : 'red', bold: true}, text, width, 4), min: 1};
				});
	const blocks: Block[] = [
		{lines: [line(`Step ${entry.step} of ${steps} · ${roleName(entry.role)} (${who})`, width, {bold: true})], min: 1},
		{lines: hanging({text: 'Action: ', bold: true}, describeAction(entry.action), width, 8), min: 1},
		{lines: [line(`Reward: ${signed(entry.reward)} · cumulative ${signed(entry.cumulative_reward)}`, width)], min: 1},
		...verdicts,
		...(entry.note === null ? [] : [{lines: hanging({text: 'Note: ', bold: true, color: 'magenta'}, entry.note, width, 6), min: 1}]),
	];
	return fitBlocks(blocks, rows, width);
}
