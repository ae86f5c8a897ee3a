// What a facilitator without the console can tell a drill: one JSON object per line (host --headless reads them on
// stdin), each run by the drill method it names. docs/drill-protocol.md lists them.
import * as z from 'zod';
import {ROLES} from '../env/vocabulary.js';
import {closedObject} from '../io/validation.js';
import type {Drill} from './drill.js';

const role = z.enum(ROLES);
const text = z.string().trim().min(1).max(2000);

const COMMANDS = {
	start: closedObject({op: z.literal('start')}),
	pause: closedObject({op: z.literal('pause')}),
	resume: closedObject({op: z.literal('resume')}),
	hint: closedObject({op: z.literal('hint'), role, text}),
	note: closedObject({op: z.literal('note'), text}),
	seat: closedObject({op: z.literal('seat'), role, to: z.enum(['teammate', 'player'])}),
	spectators: closedObject({op: z.literal('spectators'), role}),
	end: closedObject({op: z.literal('end')}),
};

export const facilitatorCommandSchema = z.discriminatedUnion('op', Object.values(COMMANDS) as [(typeof COMMANDS)[keyof typeof COMMANDS], ...(typeof COMMANDS)[keyof typeof COMMANDS][]]);
export type FacilitatorCommand = z.infer<typeof facilitatorCommandSchema>;
type Op = FacilitatorCommand['op'];
type Run<O extends Op> = (drill: Drill, command: Extract<FacilitatorCommand, {op: O}>) => string | null;

const RUN: {readonly [O in Op]: Run<O>} = {
	start: drill => (drill.started ? 'the drill has started already' : (drill.start(), null)),
	pause: drill => (drill.setPaused(true) ? null : 'the drill is paused already, or over'),
	resume: drill => (drill.setPaused(false) ? null : 'the drill is not paused'),
	hint: (drill, {role, text}) => (drill.hint(role, text) ? null : `nobody is in the ${role} seat to read a hint`),
	note: (drill, {text}) => (drill.note(text), null),
	seat: (drill, {role, to}) => (drill.handOver(role, to === 'teammate') ? null : `the ${role} seat is not one people play in this drill`),
	spectators: (drill, {role}) => (drill.showSpectators(role), null),
	end: drill => (drill.stop(), null),
};

/** Runs the command; what was wrong with it in words, or null. */
export const runFacilitatorCommand = (drill: Drill, command: FacilitatorCommand): string | null =>
	(RUN[command.op] as Run<Op>)(drill, command as never);
