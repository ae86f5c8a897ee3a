// Writing a drill to its recording as it happens: each of the drill's events goes to the journal line it names.
import type {DrillJournal} from '../io/recording-writer.js';
import type {Drill, DrillEvent} from './drill.js';

type Write<Kind extends DrillEvent['kind']> = (journal: DrillJournal, event: Extract<DrillEvent, {kind: Kind}>) => void;

const NOTHING = () => {};

/** What each event writes: the steps with their players, the seats changing hands, the facilitator's doings. */
const WRITE: {readonly [Kind in DrillEvent['kind']]: Write<Kind>} = {
	joined: (journal, {turn, role, name}) => journal.player(turn, role, name, true),
	left: (journal, {turn, role, name}) => journal.player(turn, role, name, false),
	step: (journal, {step, player, timedOut}) => journal.drillStep(step, player, timedOut),
	seat: (journal, {turn, role, by}) => journal.seat(turn, role, by),
	paused: (journal, {turn}) => journal.pause(turn),
	resumed: (journal, {turn}) => journal.resume(turn),
	hint: (journal, {turn, role, text}) => journal.facilitatorHint(turn, role, text),
	note: (journal, {turn, text}) => journal.note(turn, text),
	// The steps say who was asked and the header what was played; the start, each turn and the end add nothing.
	started: NOTHING,
	turn: NOTHING,
	ended: NOTHING,
};

/** Writes the drill's events to the journal from now on; returns how to stop. */
export const journalDrill = (journal: DrillJournal, drill: Drill): (() => void) =>
	drill.subscribe(event => (WRITE[event.kind] as Write<DrillEvent['kind']>)(journal, event as never));
