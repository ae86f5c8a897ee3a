// The teammate policy: a competent colleague in any seat, not an omniscient one. It reads only its seat's view:
// it shares what it finds once, follows the directives others give it (privately, or in the shared chat by role
// name), reacts to what they report, and takes the fix on its own only once nobody has led for two rounds, so that
// a person in any seat gets real turns before the teammates could end the incident without them.
//
// One instance plays every seat the policy holds (buildSeats shares it), so its memory is the team's: the seats it
// has played, what it said, the fixes it tried. A seat knows which others are teammates only by having played them.
import type {Incident} from '../env/incident.js';
import type {ActionRequest, Observation, RoleView} from '../env/types.js';
import {ACTION_OWNER, ROLES, type Role, TURN_ORDER} from '../env/vocabulary.js';
import type {Policy} from './policy.js';
import {type ChatReader, type Directive, chatReader} from './teammate-directives.js';
import {allHealthy, deliberateFleetActions, fixesToTry, handsOff, isDeliberate, leadingLog, percent, triedKey, worstService} from './teammate-reading.js';

/** Steps nobody leads for before a teammate acts on its own: two rounds, so every seat has two turns first. */
const PATIENCE_STEPS = 2 * TURN_ORDER.length;

type Memory = {
	/** The shared chat as it last saw it, from any of its seats. */
	chat: readonly string[];
	inboxes: Partial<Record<Role, readonly string[]>>;
	/** Directives waiting for each seat, oldest first. */
	readonly waiting: Record<Role, Directive[]>;
	/** The chat lines it wrote, so that it never takes its own words for a directive. */
	readonly said: Set<string>;
	readonly seats: Set<Role>;
	/** The step at which it last read a directive from someone else, or null: nobody has led yet. */
	ledAt: number | null;
	/** The once-only moves already made ("finding sre", "summary", …). */
	readonly done: Set<string>;
	/** The fixes taken, each with the situation it was taken in (triedKey). */
	readonly tried: Set<string>;
	/** Every agent it flagged, and those it has not yet followed up on. */
	readonly flagged: Set<string>;
	readonly toFollowUp: string[];
	/** Whether a seat of its has seen a service in trouble, and whether it has since said all look healthy. */
	sawTrouble: boolean;
	saidHealthy: boolean;
	/** Someone said to hold off: it takes no fix on its own any more, only those it is asked for. */
	holding: boolean;
};

type Turn = {
	readonly role: Role;
	readonly view: RoleView;
	readonly memory: Memory;
	/** Nobody has led for long enough: it may take the fix on its own. */
	readonly onItsOwn: boolean;
};

type Move = (turn: Turn) => ActionRequest | null;

/**
 * The lines added since `before` was seen: the longest tail of `now` after its part that `before` ends with. A
 * window whose lines all repeat may be read as unchanged; that costs a directive repeated word for word, no more.
 */
export function newLines(before: readonly string[], now: readonly string[]): readonly string[] {
	for (let added = 0; added <= now.length; added++) {
		const kept = now.length - added;
		if (kept > before.length) continue;
		if (now.slice(0, kept).every((line, index) => line === before[before.length - kept + index])) return now.slice(kept);
	}
	return now;
}

const say = (message: string): ActionRequest => ({action_type: 'communicate', args: {message}});

const brief = (text: string, length: number): string => (text.length <= length ? text : `${text.slice(0, length - 1)}…`);

const ROLE_TITLE: Record<Role, string> = {sre: 'the SRE', dev: 'Dev', manager: 'the Manager', oversight: 'Oversight'};

/** Once: a move keyed by what it is, made the first time it has something to say. */
function once(turn: Turn, key: string, move: () => ActionRequest | null): ActionRequest | null {
	if (turn.memory.done.has(key)) return null;
	const action = move();
	if (action !== null) turn.memory.done.add(key);
	return action;
}

/** The oldest directive waiting for this seat: done if it can be, else answered in words. */
const followDirective: Move = ({role, view, memory}) => {
	const directive = memory.waiting[role].shift();
	if (directive === undefined) return null;
	if (directive.action === null) return say(directive.question!);
	const owner = ACTION_OWNER[directive.action.action_type];
	if (owner !== undefined && owner !== role) return say(`I can't do that from my seat: only ${ROLE_TITLE[owner]} can.`);
	if (directive.action.action_type === 'flag_rogue') return flag(memory, directive.action.target!);
	memory.tried.add(triedKey(directive.action, view));
	return directive.action;
};

/** What each role shares once, from its own view. */
const FINDINGS: Record<Role, (view: RoleView) => string> = {
	sre(view) {
		const worst = worstService(view);
		if (worst === null) return 'Metrics look normal from here.';
		const [name, metrics] = worst;
		const others = Object.values(view.visible_metrics).filter(other => other.health !== 'healthy').length - 1;
		const also = others > 0 ? `; ${others} more not healthy` : '';
		const warning = handsOff(view);
		const careful = warning === null ? '' : ` Careful: "${brief(warning, 60)}"; restarting would make it worse.`;
		return `Worst is ${name}: ${metrics.health}, ${percent(metrics.error_rate)} errors, ${Math.round(metrics.latency_ms)} ms${also}.${careful}`;
	},
	dev(view) {
		const lead = leadingLog(view);
		if (lead !== null) return `Logs point at ${lead.service}: "${brief(lead.message, 90)}"`;
		const worst = worstService(view);
		return worst === null ? 'Nothing in the logs from here.' : `No log explains it yet; ${worst[0]} looks worst.`;
	},
	oversight(view) {
		const suspect = deliberateFleetActions(view)[0];
		if (suspect !== undefined) {
			return `${suspect.agent_name} did ${suspect.action.replaceAll('_', ' ')} on ${suspect.target} at step ${suspect.step}: deliberate, not a reaction. I suspect it.`;
		}
		const reaction = view.visible_fleet_actions.find(action => !isDeliberate(action));
		if (reaction !== undefined) return `Fleet: ${reaction.agent_name} did ${reaction.action.replaceAll('_', ' ')} on ${reaction.target}, a reaction to load; nothing suspicious.`;
		return 'No fleet activity around the affected services.';
	},
	manager: () => 'Status check: SRE, Dev, Oversight, what do you each see? Post findings here.',
};

const shareFinding: Move = turn => once(turn, `finding ${turn.role}`, () => say(FINDINGS[turn.role](turn.view)));

/** Once things turn healthy, the first of its seats to see it says so, for the manager to close the incident. */
const reportHealthy: Move = ({view, memory}) => {
	if (!allHealthy(view) || !memory.sawTrouble || memory.saidHealthy) return null;
	memory.saidHealthy = true;
	return say('All services look healthy from here.');
};

/**
 * The fix, on its own: by Dev, or by the SRE when Dev is not a teammate; each fix once while nothing changes, then
 * it says it is stuck.
 */
const fixOnItsOwn: Move = turn => {
	const {role, view, memory, onItsOwn} = turn;
	if (!onItsOwn || memory.holding || (role === 'sre' && memory.seats.has('dev'))) return null;
	const fix = fixesToTry(view).find(candidate => !memory.tried.has(triedKey(candidate, view)));
	if (fix !== undefined) {
		memory.tried.add(triedKey(fix, view));
		return fix;
	}
	if (worstService(view) === null) return null;
	const warning = handsOff(view);
	return once(turn, 'stuck', () =>
		say(warning === null ? 'I have no fix I am sure of; this needs a lead.' : `Restarting now would make it worse ("${brief(warning, 70)}"); waiting for a plan.`),
	);
};

function flag(memory: Memory, agent: string): ActionRequest {
	memory.flagged.add(agent);
	memory.toFollowUp.push(agent);
	return {action_type: 'flag_rogue', target: agent};
}

/** After a flag: tell the Manager, who escalates; with no Manager among its seats, escalate itself. */
const followUpFlag: Move = ({memory}) => {
	const agent = memory.toFollowUp.shift();
	if (agent === undefined) return null;
	return memory.seats.has('manager') ? say(`Flagged ${agent} as rogue.`) : {action_type: 'escalate'};
};

const flagOnItsOwn: Move = ({view, memory, onItsOwn}) => {
	if (!onItsOwn) return null;
	const suspect = deliberateFleetActions(view).find(action => !memory.flagged.has(action.agent_name));
	return suspect === undefined ? null : flag(memory, suspect.agent_name);
};

/** Once at least two others have said something that is not a directive, the Manager sums it up. */
function summarise(reader: ChatReader): Move {
	return turn =>
		once(turn, 'summary', () => {
			const latest = new Map<Role, string>();
			for (const line of turn.view.shared_chat) {
				const author = reader.author(line);
				if (author === null || author === turn.role || reader.shared(line).length > 0) continue;
				latest.set(author, line.slice(author.length + 3));
			}
			if (latest.size < 2) return null;
			const points = ROLES.filter(role => latest.has(role)).map(role => `${role}: ${brief(latest.get(role)!.replace(/\.$/, ''), 60)}`);
			return say(`Summary so far: ${points.join('; ')}.`);
		});
}

/** Each role's moves, first that has something to do wins; noop if none. */
const movesByRole = (reader: ChatReader): Record<Role, readonly Move[]> => ({
	sre: [followDirective, shareFinding, reportHealthy, fixOnItsOwn],
	dev: [followDirective, shareFinding, reportHealthy, fixOnItsOwn],
	oversight: [followDirective, shareFinding, followUpFlag, flagOnItsOwn],
	manager: [followDirective, shareFinding, summarise(reader)],
});

/** What a report has the Manager do: close the incident once it is healthy, escalate once an agent is flagged. */
const MANAGER_REACTIONS: Record<'healthy' | 'flagged', {readonly kind: Directive['kind']; readonly action: ActionRequest}> = {
	healthy: {kind: 'resolve', action: {action_type: 'resolve'}},
	flagged: {kind: 'escalate', action: {action_type: 'escalate'}},
};

/** Reads what is new in the chat and this seat's inbox: directives from others wait for their seats; reports for the Manager. */
function read(reader: ChatReader, memory: Memory, role: Role, {view, step}: Observation): void {
	const chat = newLines(memory.chat, view.shared_chat);
	const inbox = newLines(memory.inboxes[role] ?? [], view.private_inbox);
	memory.chat = view.shared_chat;
	memory.inboxes[role] = view.private_inbox;
	const directives = [...chat.filter(line => !memory.said.has(line)).flatMap(line => reader.shared(line)), ...inbox.flatMap(line => reader.inbox(line))];
	for (const directive of directives) memory.waiting[directive.to].push(directive);
	if (directives.length > 0) memory.ledAt = step;
	for (const report of chat.flatMap(line => reader.reports(line))) {
		if (report.kind === 'hold') memory.holding = true;
		else memory.waiting.manager.push({to: 'manager', ...MANAGER_REACTIONS[report.kind], question: null});
	}
}

export function teammatePolicy(incident: Incident): Policy {
	const reader = chatReader(incident);
	const moves = movesByRole(reader);
	const memory: Memory = {
		chat: [],
		inboxes: {},
		waiting: {sre: [], dev: [], manager: [], oversight: []},
		said: new Set(),
		seats: new Set(),
		ledAt: null,
		done: new Set(),
		tried: new Set(),
		flagged: new Set(),
		toFollowUp: [],
		sawTrouble: false,
		saidHealthy: false,
		holding: false,
	};
	return {
		name: 'teammate',
		act(observation, role) {
			memory.seats.add(role);
			read(reader, memory, role, observation);
			const {view, step} = observation;
			if (worstService(view) !== null) {
				memory.sawTrouble = true;
				memory.saidHealthy = false;
			}
			const onItsOwn = step >= PATIENCE_STEPS && (memory.ledAt === null || step - memory.ledAt >= PATIENCE_STEPS);
			const turn: Turn = {role, view, memory, onItsOwn};
			for (const move of moves[role]) {
				const action = move(turn);
				if (action === null) continue;
				if (action.action_type === 'communicate') memory.said.add(`[${role}] ${action.args!.message}`);
				return action;
			}
			return {action_type: 'noop'};
		},
	};
}
