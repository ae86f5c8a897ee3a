// What a role's screen holds (spec §10), as entries of text: the kinds of feed its view has (alerts, fleet, logs,
// chat, inbox) and the team's turn log. The play screen shows the newest of each that fit; the detail view all of them.
import type {EpisodeStep} from '../agents/runner.js';
import type {FleetAction, LogLine, RoleView} from '../env/types.js';
import type {Role} from '../env/vocabulary.js';
import {LEVEL_COLOR, SEVERITY_COLOR} from './components/colors.js';
import type {Entry} from './components/Feed.js';
import {breakdownWords, signed} from './format.js';
import {HUMAN, type PlaySnapshot} from './session.js';

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

/** A step's number: the step count after it, as the header, the notes and the summary count steps. */
export const stepNumber = (step: EpisodeStep): number => step.info.step_count;

/** What a step's reward was made of, in words. */
export const stepWords = (step: EpisodeStep): string => breakdownWords(step.breakdown, stepNumber(step));

/**
 * One step of the turn log: its number, what happened, its reward, who decided it (by default `you` for the person at
 * the keyboard, nobody named for a script) and, with `words`, what the reward was made of.
 */
export function stepEntry(step: EpisodeStep, words = false, who: string | null = step.by === HUMAN ? 'you' : null): Entry {
	const reward = `${signed(step.reward)}${who === null ? '' : ` (${who})`}${words ? `: ${stepWords(step)}` : ''}`;
	return {
		text: `${String(stepNumber(step)).padStart(2)} ${step.next.message}  ${reward}`,
		color: outcomeColor(step.next.message),
	};
}

/** The turn log: the scenario's briefing, the incident's first message, then every step played. */
export const turnLog = (play: PlaySnapshot, briefing: string | null, words = false): Entry[] => [
	...(briefing === null ? [] : [{text: `Briefing: ${briefing}`, color: 'gray'}]),
	{text: play.start.message, color: 'gray'},
	...play.played.map(step => stepEntry(step, words)),
];

/** The step under way: the next to be played while a turn is pending, else the last played. */
export const stepUnderWay = (play: PlaySnapshot): number => play.stepCount + (play.pending === null ? 0 : 1);
