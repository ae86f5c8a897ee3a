// What the play screen draws for one seat, as plain data: a local session makes it (session-screen.ts), and so does
// a seat joined to a drill (drill-screen.ts). The screen and its panels read nothing else, so that both look alike.
import type {AgentTurn} from '../agents/policy.js';
import type {Observation, RewardBreakdown, RoleView} from '../env/types.js';
import type {ActionType, Role} from '../env/vocabulary.js';
import type {Vocabulary} from './action-form.js';

export type Series = {readonly latency_ms: readonly number[]; readonly error_rate: readonly number[]};

/** The components of a step's reward, and its team and oversight streams; a component it does not hold counts 0. */
export type Breakdown = Readonly<Partial<RewardBreakdown>>;

/** One step as the turn log and the reward panel tell it. */
export type LoggedStep = {
	/** The step count after it, as the header, the notes and the summary count steps. */
	readonly number: number;
	/** Its one-line account: `DEV: restart | -> db | ✓ incident resolved`. */
	readonly account: string;
	readonly reward: number;
	/** The team's reward after it. */
	readonly cumulative: number;
	readonly breakdown: Breakdown;
	/** Who decided it, when the log names them (`you`, another player); null for a teammate policy. */
	readonly who: string | null;
	/** A model's or a program's account of it (its replies, what went wrong), where one decided it; null otherwise. */
	readonly agent: AgentTurn | null;
};

/** The turn waiting for a decision. */
export type PendingShown = {
	readonly turn: number;
	readonly role: Role;
	/** Who plays it, as the waiting line names them: a policy, `human`, a player, a model's name. */
	readonly by: string;
	/** The model or program deciding it (its name, as `by`), which the screen shows thinking; null for anyone else. */
	readonly agent: string | null;
	/** The turn is the one this keyboard decides: the header says `you`. */
	readonly yours: boolean;
};

/** A line of the seats list: who holds a seat, in words. */
export type SeatLine = {readonly role: Role; readonly holder: string; readonly color?: string | undefined};

export type SeatScreen = {
	/** Whose view the screen shows. */
	readonly viewer: Role;
	readonly maxSteps: number;
	/** The header's last, dim words: the difficulty, and the seed where it is known. */
	readonly setting: string;
	/** The step under way: the next to be played while a turn is pending, else the last played. */
	readonly stepUnderWay: number;
	/** Null once the episode is over. */
	readonly pending: PendingShown | null;
	/** A drill that waits for its seats to be taken before its first turn: nobody is deciding yet. */
	readonly starting: boolean;
	readonly paused: boolean;
	/** The viewer's latest observation: its services and the step they stand at; null before its first turn. */
	readonly observation: Observation | null;
	/** What the viewer's feed shows (its alerts, logs, chat, inbox); null before there is any. */
	readonly view: RoleView | null;
	readonly vocabulary: Vocabulary;
	/** The actions the viewer's role may take, in the picker's order. */
	readonly actions: readonly ActionType[];
	/** A service's latency and error-rate history up to the observation, oldest first. */
	readonly series: (service: string) => Series;
	/** The turn log's first line: the incident's first message. */
	readonly opening: string;
	readonly steps: readonly LoggedStep[];
	/** Who holds each seat, for a screen that lists them (a drill's); null for one that does not. */
	readonly seats: readonly SeatLine[] | null;
};
