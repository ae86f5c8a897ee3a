// What the facilitator console shows of a drill, as text worked out of the drill's snapshot and events: the seats
// with their players, the time each has taken and the countdown of the pending turn; the join commands still to
// give; each role's feed with the red herrings and malicious fleet actions marked; the ground truth; the turn log.
import {HUMAN} from '../agents/person.js';
import type {EpisodeStep} from '../agents/runner.js';
import type {GroundTruthState} from '../env/environment.js';
import type {FleetAction, LogLine, RoleView} from '../env/types.js';
import {TURN_ORDER, type Role} from '../env/vocabulary.js';
import type {DrillEvent, DrillSeat, DrillSnapshot} from '../net/drill.js';
import type {EndReason} from '../net/drill-protocol.js';
import type {Entry} from './components/Feed.js';
import type {StatusEntry} from './components/Spinner.js';
import {roleName, signed} from './format.js';
import {FEED, type FeedKind, agentNoticeEntry, fleetEntry, logEntry, loggedStep, stepEntry, thinkingEntry} from './role-view.js';

/** What players need to join: the address and code, and the command for each open seat. */
export type JoinInfo = {
	/** HOST:PORT as players give it. */
	readonly address: string;
	readonly code: string;
	readonly commands: Readonly<Partial<Record<Role, string>>>;
};

/** A connection the server refused or closed for what its client did. */
export type RefusalEvent = {readonly kind: 'refused'; readonly turn: number; readonly reason: string};

/** What the turn log tells: the drill's events, and the server's refusals. */
export type ConsoleEvent = DrillEvent | RefusalEvent;

/** Whole seconds as `m:ss`. */
export const clock = (seconds: number): string => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/** The open seats nobody is in, with the command that takes each; none once the drill is over. */
export const joinsWanted = (drill: DrillSnapshot, join: JoinInfo): Array<{readonly role: Role; readonly command: string}> =>
	drill.ended !== null
		? []
		: TURN_ORDER.flatMap(role => {
				const command = join.commands[role];
				return drill.seats[role].open && !drill.seats[role].connected && command !== undefined ? [{role, command}] : [];
			});

export type SeatRow = {
	readonly role: Role;
	/** The pending turn is this seat's. */
	readonly deciding: boolean;
	readonly player: string;
	readonly link: Entry;
	readonly holder: string;
	readonly taken: string;
	/** The pending turn's clock: the countdown, or how long it has been pending; empty for another seat's. */
	readonly turn: Entry;
};

const linkOf = (seat: DrillSeat): Entry =>
	!seat.open
		? {text: '-', color: 'gray'}
		: seat.connected
			? {text: 'online', color: 'green'}
			: seat.player === null
				? {text: 'waiting', color: 'gray'}
				: {text: 'away', color: 'yellow'};

const holderOf = (seat: DrillSeat): string => (seat.holder === HUMAN ? 'player' : seat.toTeammate ? `${seat.holder} (handed)` : seat.holder);

/** Milliseconds a seat's players have taken, the pending turn's so far included. */
const takenMs = (seat: DrillSeat, now: number): number => seat.thinkingMs + (seat.thinkingSince === null ? 0 : Math.max(0, now - seat.thinkingSince));

function turnClock(drill: DrillSnapshot, role: Role, now: number): Entry {
	const {pending} = drill;
	if (pending === null || pending.role !== role) return {text: ''};
	if (pending.by !== HUMAN) return {text: 'deciding', color: 'gray'};
	if (drill.paused) return {text: pending.remainingMs === null ? 'paused' : `paused (${clock(Math.ceil(pending.remainingMs / 1000))})`, color: 'yellow'};
	if (pending.deadline === null) {
		const since = drill.seats[role].thinkingSince;
		return {text: since === null ? 'deciding' : `deciding ${clock(Math.floor(Math.max(0, now - since) / 1000))}`, color: 'greenBright'};
	}
	const left = Math.max(0, Math.ceil((pending.deadline - now) / 1000));
	return {text: `${clock(left)} left`, color: left <= 10 ? 'red' : 'greenBright'};
}

/** The seats in turn order, as the seats table shows them at `now` (the drill's clock). */
export const seatRows = (drill: DrillSnapshot, now: number): SeatRow[] =>
	TURN_ORDER.map(role => {
		const seat = drill.seats[role];
		return {
			role,
			deciding: drill.pending?.role === role,
			player: seat.open ? (seat.player ?? 'nobody yet') : 'teammate seat',
			link: linkOf(seat),
			holder: holderOf(seat),
			taken: seat.open ? clock(Math.floor(takenMs(seat, now) / 1000)) : '-',
			turn: turnClock(drill, role, now),
		};
	});

/** The seats a hint can go to: those with a player in them. */
export const hintableSeats = (drill: DrillSnapshot): Role[] => TURN_ORDER.filter(role => drill.seats[role].connected);

/** The seats people play, which can be handed to the teammate and back. */
export const openSeats = (drill: DrillSnapshot): Role[] => TURN_ORDER.filter(role => drill.seats[role].open);

/** The roles whose views are shown, `count` of them in turn order from `lead`; all four from SRE when they fit. */
export function viewRoles(lead: Role, count: number): Role[] {
	if (count >= TURN_ORDER.length) return [...TURN_ORDER];
	const start = TURN_ORDER.indexOf(lead);
	return Array.from({length: count}, (_, index) => TURN_ORDER[(start + index) % TURN_ORDER.length]!);
}

const logKey = (log: LogLine): string => JSON.stringify([log.timestamp, log.service, log.level, log.message]);
const fleetKey = (action: FleetAction): string => JSON.stringify([action.step, action.agent_name, action.action, action.target]);

/** What the ground truth marks, to find in what a role sees: its misleading log lines and malicious fleet actions. */
export type TruthMarks = {readonly herrings: ReadonlySet<string>; readonly malicious: ReadonlySet<string>};

export const truthMarks = (truth: GroundTruthState): TruthMarks => ({
	herrings: new Set(truth.all_logs.filter(log => log.is_red_herring).map(logKey)),
	malicious: new Set(truth.fleet_actions.filter(action => action.was_malicious).map(fleetKey)),
});

export const HERRING_MARK = '[herring]';
export const MALICIOUS_MARK = '[MALICIOUS]';

const markedLog = (log: LogLine, herring: boolean): Entry => {
	const entry = logEntry(log);
	return herring ? {...entry, text: `${HERRING_MARK} ${entry.text}`, color: 'yellow', bold: true} : entry;
};

const markedFleet = (action: FleetAction, malicious: boolean): Entry => {
	const entry = fleetEntry(action);
	return malicious ? {text: `${MALICIOUS_MARK} ${entry.text}`, color: 'red', bold: true} : entry;
};

/** A kind of a role's feed, its log lines and fleet actions marked as the ground truth knows them. */
export function markedFeed(kind: FeedKind, view: RoleView, marks: TruthMarks): Entry[] {
	if (kind === 'logs') return view.visible_logs.map(log => markedLog(log, marks.herrings.has(logKey(log))));
	if (kind === 'fleet') return view.visible_fleet_actions.map(action => markedFleet(action, marks.malicious.has(fleetKey(action))));
	return FEED[kind].entries(view);
}

export type TruthSection = {readonly label: string; readonly entries: readonly Entry[]};

/** The ground truth's facts, a line each: the cause and any rogue agent, and the root cause the team named. */
export const truthFacts = (truth: GroundTruthState): TruthSection[] => [
	{
		label: 'cause',
		entries: [{text: `${truth.failure_type}${truth.rogue_fleet_agent === null ? '' : `, rogue agent ${truth.rogue_fleet_agent}`}`, color: 'magenta', bold: true}],
	},
	{
		label: 'named',
		entries: [
			truth.declared_root_cause === null
				? {text: 'no root cause named yet', color: 'gray'}
				: {
						text: `${truth.declared_root_cause} at step ${truth.declared_root_cause_step ?? '?'}`,
						color: truth.declared_root_cause === truth.failure_type ? 'green' : 'red',
					},
		],
	},
];

/** Every log line and fleet action there is, the misleading and the malicious marked. */
export const truthFeed = (truth: GroundTruthState): TruthSection[] => [
	{label: 'logs', entries: truth.all_logs.map(log => markedLog(log, log.is_red_herring))},
	{label: 'fleet', entries: truth.fleet_actions.map(action => markedFleet(action, action.was_malicious))},
];

const END_WORDS: Record<EndReason, string> = {
	resolved: 'over: the incident is resolved',
	out_of_steps: 'over: out of steps, unresolved',
	ended: 'ended by the facilitator',
};

/** Who decided a step, as the turn log names them: the player, the model or program that answered, or the teammate policy. */
const decider = ({by, agent}: EpisodeStep, player: string | null): string => (by === HUMAN ? (player ?? 'player') : (agent?.source ?? by));

/** Where in the drill an event came: before it started, or after it ended. */
type Moment = {readonly started: boolean; readonly ended: boolean};

/** What an event adds to the turn log: an entry, a few (a step and its notice), or nothing. */
type Told = Entry | readonly Entry[] | null;

const EVENT_ENTRIES: {readonly [Kind in ConsoleEvent['kind']]: (event: Extract<ConsoleEvent, {kind: Kind}>, moment: Moment) => Told} = {
	joined: ({role, name}) => ({text: `${name} took the ${roleName(role)} seat`, color: 'green'}),
	left: ({role, name}, {ended}) =>
		ended ? {text: `${name} left the ${roleName(role)} seat`, color: 'gray'} : {text: `${name} left the ${roleName(role)} seat; the teammate plays it until they are back`, color: 'yellow'},
	started: () => ({text: 'Drill started', bold: true}),
	// The seats table shows whose turn it is.
	turn: () => null,
	// A model's or a program's step that went wrong says so under it.
	step: ({step, player, timedOut}) => {
		const logged = loggedStep(step, decider(step, player));
		const entry = stepEntry(logged);
		const notice = agentNoticeEntry(logged);
		return [timedOut ? {...entry, text: `${entry.text}, out of time`, color: 'yellow'} : entry, ...(notice === null ? [] : [notice])];
	},
	// The seats handed out as the drill starts are the seats table's news, not the log's.
	seat: ({role, by}, {started}) => (started ? {text: `${roleName(role)} is played by ${by === HUMAN ? 'its player' : by}`, color: 'gray'} : null),
	paused: () => ({text: 'Paused for everyone', color: 'yellow'}),
	resumed: () => ({text: 'Resumed', color: 'yellow'}),
	hint: ({role, text}) => ({text: `Hint to ${roleName(role)}: ${text}`, color: 'cyan'}),
	note: ({turn, text}) => ({text: text === '' ? `MARKED turn ${turn} important` : `NOTE at turn ${turn}: ${text}`, color: 'magenta', bold: true}),
	ended: ({reason, result}) => ({text: `Drill ${END_WORDS[reason]}; reward ${signed(result.cumulative_reward)}`, bold: true}),
	refused: ({reason}) => ({text: `Refused a connection: ${reason}`, color: 'red'}),
};

/** The turn log: each event that tells the facilitator something, oldest first. */
export function turnLogEntries(events: readonly ConsoleEvent[]): Entry[] {
	let moment: Moment = {started: false, ended: false};
	return events.flatMap(event => {
		const told = (EVENT_ENTRIES[event.kind] as (event: ConsoleEvent, moment: Moment) => Told)(event, moment);
		if (event.kind === 'started') moment = {...moment, started: true};
		if (event.kind === 'ended') moment = {...moment, ended: true};
		return told ?? [];
	});
}

/** What the status line says when nothing was just said: how the drill stands and what to do about it. */
export function drillStatus(drill: DrillSnapshot, now: number): StatusEntry {
	if (drill.ended !== null) {
		const {reason, result} = drill.ended;
		return {text: `Drill ${END_WORDS[reason]} at step ${result.final_step}, reward ${signed(result.cumulative_reward)}. q leaves.`, color: 'cyan', bold: true};
	}
	if (!drill.started) {
		const open = openSeats(drill);
		const taken = open.filter(role => drill.seats[role].connected).length;
		return {text: `Waiting for players: ${taken} of ${open.length} seats taken. s starts now, teammates in the empty seats.`, color: 'yellow'};
	}
	if (drill.paused) return {text: 'Paused for everyone: space resumes.', color: 'yellow', bold: true};
	const {pending} = drill;
	if (pending === null) return {text: ' '};
	if (pending.title !== pending.by) return thinkingEntry(pending.title, pending.role);
	if (pending.by !== HUMAN) return {text: `${roleName(pending.role)}'s turn: the ${pending.by} policy plays it.`, color: 'gray'};
	const clockText = turnClock(drill, pending.role, now).text;
	return {text: `${roleName(pending.role)}'s turn: ${drill.seats[pending.role].player ?? 'the player'} is ${clockText.startsWith('deciding') ? clockText : `deciding, ${clockText}`}.`, color: 'greenBright'};
}
