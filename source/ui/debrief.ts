// What the incident's author says once the ground truth is out: what really happened, and the notes on the actions
// the team took, each marked with its verdict and who took it. The reveal and the summary both show it.
import {type NoteTaker, type PlayedAction, type TrainerNote, notesOnActions} from '../env/trainer-notes.js';
import {VERDICT_STYLE} from './components/colors.js';
import {roleName} from './format.js';
import {HUMAN, type Trainer} from './session.js';
import {type Block, hanging, line} from './sheet.js';

/** Continuation lines of a note line up under its text, past the mark. */
const NOTE_INDENT = 4;

/** The action a note is about: `restart db`, `scale payments to 4-6`, `rollback`. */
function notedAction({action, target, replicas}: TrainerNote): string {
	const parts: string[] = [action];
	if (target !== undefined) parts.push(target);
	if (replicas !== undefined) {
		const {min, max} = replicas;
		parts.push(min === undefined ? `to at most ${max}` : max === undefined ? `to ${min}+` : min === max ? `to ${min}` : `to ${min}-${max}`);
	}
	return parts.join(' ');
}

/**
 * Who took it and when: `DEV step 3 (you), SRE step 5 (wrong fix)`, numbered from 1 as the turn log numbers steps; a
 * step at which the move was a wrong fix says so, whatever the note's verdict.
 */
const takersText = (takers: readonly NoteTaker[]): string =>
	takers
		.map(({turn, role, by, wrongFix}) => {
			const remarks = [...(by === HUMAN ? ['you'] : []), ...(wrongFix ? ['wrong fix'] : [])];
			return `${roleName(role)} step ${turn + 1}${remarks.length === 0 ? '' : ` (${remarks.join(', ')})`}`;
		})
		.join(', ');

/** The root cause, then the notes on what was played: blocks for fitBlocks, the root cause first to get more room. */
export function debriefBlocks(trainer: Trainer, played: readonly PlayedAction[], width: number): Block[] {
	const taken = notesOnActions(trainer.notes, played);
	const rootCause = hanging({text: 'What happened: ', bold: true, color: 'magenta'}, trainer.rootCause, width, 2);
	if (taken.length === 0) {
		return [
			{lines: rootCause, min: 2},
			{lines: [line('No notes on the actions taken: the incident remarks on none of them.', width, {dim: true})], min: 1},
		];
	}
	return [
		{lines: rootCause, min: 2},
		{lines: [line('Notes on the actions taken:', width, {bold: true})], min: 1},
		...taken.map(({note, takers}) => {
			const {mark, color} = VERDICT_STYLE[note.verdict];
			return {lines: hanging({text: `  ${mark} `, color, bold: true}, `${notedAction(note)} — ${takersText(takers)}: ${note.note}`, width, NOTE_INDENT), min: 1};
		}),
	];
}
