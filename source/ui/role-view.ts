// What a role's screen holds (spec §10), as entries of text: the kinds of feed its view has (alerts, fleet, logs,
// chat, inbox) and the team's turn log. The play screen shows the newest of each that fit; the detail view all of them.
import type {EpisodeStep} from '../agents/runner.js';
import type {FleetAction, LogLine, RoleView} from '../env/types.js';
import {type Role, TURN_ORDER} from '../env/vocabulary.js';
import {LEVEL_COLOR, SEVERITY_COLOR} from './components/colors.js';
import type {Entry} from './components/Feed.js';
import type {StatusEntry} from './components/Spinner.js';
import {breakdownWords, roleName, signed} from './format.js';
import type {LoggedStep, SeatScreen} from './seat-screen.js';
import {HUMAN} from './session.js';

export type FeedKind = 'alerts' | 'fleet' | 'logs' | 'chat' | 'inbox';

/** What each role's screen holds: metrics or not, and the kinds of entry in its feed. */
export const ROLE_SCREENS: Record<Role, {readonly metrics: boolean; readonly feed: readonly FeedKind[]}> = {
	sre: {metrics: true, feed: ['alerts', 'logs', 'chat', 'inbox']},
	dev: {metrics: true, feed: ['alerts', 'logs', 'chat', 'inbox']},
	manager: {metrics: false, feed: ['alerts', 'chat', 'inbox']},
	oversight: {metrics: true, feed: ['alerts', 'fleet', 'logs', 'chat', 'inbox']},
};

/** A log line as a feed shows it: `t3 ERROR db: lock wait timeout`, in its level's colour. */
export const logEntry = (log: LogLine): Entry => ({text: `t${log.timestamp} ${log.level} ${log.service}: ${log.message}`, color: LEVEL_COLOR[log.level]});

/** A fleet agent's action as a feed shows it: `t2 deploy_bot rollback -> payments`. */
export const fleetEntry = (action: FleetAction): Entry => ({text: `t${action.step} ${action.agent_name} ${action.action} -> ${action.target}`, color: 'yellow'});

export const FEED: Record<FeedKind, {readonly label: string; readonly entries: (view: RoleView) => Entry[]}> = {
	alerts: {
		label: 'alerts',
		entries: view =>
			view.visible_alerts.map(alert => ({
				text: `${alert.severity.toUpperCase()} ${alert.service}: ${alert.message}`,
				color: SEVERITY_COLOR[alert.severity],
			})),
	},
	fleet: {
		label: 'fleet',
		entries: view => view.visible_fleet_actions.map(fleetEntry),
	},
	logs: {
		label: 'logs',
		entries: view => view.visible_logs.map(logEntry),
	},
	chat: {label: 'chat', entries: view => view.shared_chat.map(text => ({text}))},
	inbox: {
		label: 'inbox',
		entries: view => [
			...(view.private_note === null ? [] : [{text: `note: ${view.private_note}`, color: 'cyan'}]),
			...view.private_inbox.map(text => ({text})),
		],
	},
};

const outcomeColor = (message: string): string | undefined =>
	message.includes('✓') ? 'green' : /[✗×]/.test(message) ? 'red' : message.includes('⚠') ? 'yellow' : undefined;

/**
 * A step as the turn log tells it, its decider named `who`: by default `you` for the person at the keyboard, nobody
 * for a script.
 */
export const loggedStep = (step: EpisodeStep, who: string | null = step.by === HUMAN ? 'you' : null): LoggedStep => ({
	number: step.info.step_count,
	account: step.next.message,
	reward: step.reward,
	cumulative: step.info.cumulative_reward,
	breakdown: step.breakdown,
	who,
	agent: step.agent ?? null,
});

/** What a step's reward was made of, in words. */
export const stepWords = (step: LoggedStep): string => breakdownWords(step.breakdown, step.number);

/** One step of the turn log: its number, what happened, its reward, who decided it and, with `words`, what the reward was made of. */
export function stepEntry(step: LoggedStep, words = false): Entry {
	const reward = `${signed(step.reward)}${step.who === null ? '' : ` (${step.who})`}${words ? `: ${stepWords(step)}` : ''}`;
	return {
		text: `${String(step.number).padStart(2)} ${step.account}  ${reward}`,
		color: outcomeColor(step.account),
	};
}

/** A turn log at least this wide tells each step's reward in words on its line. */
export const TURN_LOG_WORDS_WIDTH = 90;

/** What went wrong in a model's or a program's turn, as the turn log and the status line tell it; null when nothing did. */
export const agentNoticeEntry = ({agent}: LoggedStep): Entry | null =>
	agent === null || agent.notice === null ? null : {text: `⚠ ${agent.source}: ${agent.notice}`, color: 'yellow'};

/** A status line's news that a model or a program (`title`) is deciding a role's turn: `qwen2.5:7b is thinking… (SRE)`. */
export const thinkingEntry = (title: string, role: Role): StatusEntry => ({text: `${title} is thinking… (${roleName(role)})`, color: 'cyan', spinning: true});

/** The newest notice of the last round of steps: the status line keeps it until every role has moved once since. */
export function recentAgentNotice(steps: readonly LoggedStep[]): Entry | null {
	for (const step of steps.slice(-TURN_ORDER.length).reverse()) {
		const notice = agentNoticeEntry(step);
		if (notice !== null) return notice;
	}
	return null;
}

/** A step's lines of the turn log: the step, then what went wrong in it, if a model or a program decided it and something did. */
export function stepEntries(step: LoggedStep, words = false): Entry[] {
	const notice = agentNoticeEntry(step);
	return notice === null ? [stepEntry(step, words)] : [stepEntry(step, words), notice];
}

/** The turn log's first lines: the scenario's briefing and the incident's first message. */
export const turnLogOpening = ({opening}: SeatScreen, briefing: string | null): Entry[] => [
	...(briefing === null ? [] : [{text: `Briefing: ${briefing}`, color: 'gray'}]),
	{text: opening, color: 'gray'},
];

/** The turn log: the scenario's briefing, the incident's first message, then every step played. */
export const turnLog = (screen: SeatScreen, briefing: string | null, words = false): Entry[] => [
	...turnLogOpening(screen, briefing),
	...screen.steps.flatMap(step => stepEntries(step, words)),
];
