// The screen during an episode, for one role: only what that role sees (spec §10), the team's turn log and reward,
// and the action picker when it is a human's turn.
import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {legalActionTypes} from '../../env/environment.js';
import type {ActionRequest, RoleView} from '../../env/types.js';
import type {Role} from '../../env/vocabulary.js';
import {componentsText, roleName, signed, sumBreakdowns} from '../format.js';
import {type Room, type TerminalSize, allocate} from '../layout.js';
import {observationOf, seriesAt} from '../observed.js';
import {HUMAN, type PlaySnapshot} from '../session.js';
import {cutShort, fit, wrapWords} from '../text-fit.js';
import {ActionPicker} from './ActionPicker.js';
import {LEVEL_COLOR, SEVERITY_COLOR} from './colors.js';
import {Footer} from './Footer.js';
import {Header} from './Header.js';
import {type Entry, Feed} from './Feed.js';
import {Panel} from './Panel.js';
import {ServicesTable, servicesLines} from './ServicesTable.js';

type FeedKind = 'alerts' | 'fleet' | 'logs' | 'chat' | 'inbox';

/** What each role's screen holds (spec §10): metrics or not, and the kinds of entry in its feed. */
const ROLE_SCREENS: Record<Role, {readonly metrics: boolean; readonly feed: readonly FeedKind[]}> = {
	sre: {metrics: true, feed: ['alerts', 'logs', 'chat', 'inbox']},
	dev: {metrics: true, feed: ['alerts', 'logs', 'chat', 'inbox']},
	manager: {metrics: false, feed: ['alerts', 'chat', 'inbox']},
	oversight: {metrics: true, feed: ['alerts', 'fleet', 'logs', 'chat', 'inbox']},
};

const FEED: Record<FeedKind, {readonly label: string; readonly entries: (view: RoleView) => Entry[]}> = {
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
		entries: view =>
			view.visible_fleet_actions.map(action => ({
				text: `t${action.step} ${action.agent_name} ${action.action} -> ${action.target}`,
				color: 'yellow',
			})),
	},
	logs: {
		label: 'logs',
		entries: view =>
			view.visible_logs.map(log => ({
				text: `t${log.timestamp} ${log.level} ${log.service}: ${log.message}`,
				color: LEVEL_COLOR[log.level],
			})),
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

/** The feed kinds that come before the action picker when lines are short; the rest come after it. */
const BEFORE_PICKER: ReadonlySet<FeedKind> = new Set(['alerts', 'fleet', 'logs']);

const FRAME_LINES = 2; // header, footer
/** A long status (a hint from the incident) wraps to this many lines, taken from the feed. */
const STATUS_MAX_LINES = 3;
/** The services table never gets fewer lines than this when it has more services (heading and "+N" line included). */
const SERVICES_MIN_LINES = 5;
const BOTTOM_MIN_LINES = 6;
const REWARD_LINES = 2;
/** The picker's widest line; beyond it the room goes to the turn log. */
const PICKER_MAX_WIDTH = 44;

/** The status as lines: one, or a few for a long one, the last cut short if even they do not hold it. */
function statusLines(status: Entry | null, columns: number): string[] {
	if (status === null) return [' '];
	const lines = wrapWords(status.text, columns - 1).map(text => ` ${text}`);
	if (lines.length <= STATUS_MAX_LINES) return lines;
	return [...lines.slice(0, STATUS_MAX_LINES - 1), cutShort(lines[STATUS_MAX_LINES - 1]!, columns)];
}

const outcomeColor = (message: string): string | undefined =>
	message.includes('✓') ? 'green' : /[✗×]/.test(message) ? 'red' : message.includes('⚠') ? 'yellow' : undefined;

type Props = {
	readonly play: PlaySnapshot;
	readonly title: string;
	/** The scenario's briefing, first in the turn log until turns push it out. */
	readonly briefing: string | null;
	readonly size: TerminalSize;
	/** Whose view the screen shows. */
	readonly viewer: Role;
	/** Drawn over everything between the header and the status line: help, the seat picker, the ground truth, the quit prompt. */
	readonly overlay: ((room: Room) => ReactNode) | null;
	readonly status: Entry | null;
	readonly pickerActive: boolean;
	readonly onChoose: (action: ActionRequest) => void;
	readonly onTyping: (typing: boolean) => void;
};

export function PlayScreen({play, title, briefing, size, viewer, overlay, status, pickerActive, onChoose, onTyping}: Props) {
	const {columns, rows} = size;
	const {pending, readOnly} = play;
	const observation = observationOf(play, viewer);
	const screen = ROLE_SCREENS[viewer];
	const showServices = screen.metrics && observation !== null;
	const statusText = statusLines(status, columns);
	const body = rows - FRAME_LINES - statusText.length;
	// The table takes up to half the body, never less than its minimum; what it cannot show it counts.
	const servicesWant = showServices ? Math.min(servicesLines(play.vocabulary.services.length), Math.max(SERVICES_MIN_LINES, Math.floor(body / 2))) : 1;
	const leftWidth = Math.min(PICKER_MAX_WIDTH, Math.floor(columns / 2));
	const rightWidth = columns - leftWidth - 1;
	const picking = pending?.human === true && pending.role === viewer && !readOnly;
	const actions = legalActionTypes(viewer);

	const feed = screen.feed.map(kind => ({kind, entries: observation === null ? [] : FEED[kind].entries(observation.view)}));
	const feedSection = ({kind, entries}: (typeof feed)[number]) => ({name: kind, min: 1, want: Math.max(1, entries.length)});
	const lines = allocate<FeedKind | 'bottom' | 'services' | 'picker' | 'more'>(body, [
		{name: 'bottom', min: BOTTOM_MIN_LINES, want: BOTTOM_MIN_LINES},
		{name: 'services', min: Math.min(servicesWant, SERVICES_MIN_LINES), want: servicesWant},
		...feed.filter(({kind}) => BEFORE_PICKER.has(kind)).map(feedSection),
		{name: 'picker', min: 0, want: picking ? 1 + actions.length - BOTTOM_MIN_LINES : 0},
		...feed.filter(({kind}) => !BEFORE_PICKER.has(kind)).map(feedSection),
		{name: 'more', min: 0, want: body},
	]);
	const bottom = lines.bottom + lines.picker + lines.more;

	const turnLog: Entry[] = [
		...(briefing === null ? [] : [{text: `Briefing: ${briefing}`, color: 'gray'}]),
		{text: play.start.message, color: 'gray'},
		...play.played.map(step => ({
			text: `${String(step.turn + 1).padStart(2)} ${step.next.message}  ${signed(step.reward)}${step.by === HUMAN ? ' (you)' : ''}`,
			color: outcomeColor(step.next.message),
		})),
	];
	const last = play.played.at(-1);
	const totals = sumBreakdowns(play.played.map(step => step.breakdown));

	return (
		<Box flexDirection="column" width={columns} height={rows}>
			<Header play={play} title={title} width={columns} />
			{overlay === null ? (
				<>
					{showServices ? (
						<ServicesTable
							observation={observation}
							services={play.vocabulary.services}
							room={{lines: lines.services, width: columns}}
							series={service => seriesAt(play, service, observation.step)}
						/>
					) : (
						<Text dimColor>
							{fit(
								observation === null
									? ` ${roleName(viewer)}: your view appears at your first turn.`
									: ` ${roleName(viewer)} sees no metrics and no logs: alerts, the chat and your inbox.`,
								columns,
							)}
						</Text>
					)}
					<Feed sections={feed.map(({kind, entries}) => ({label: FEED[kind].label, entries, lines: lines[kind]}))} width={columns} />
					<Box height={bottom}>
						<Box width={leftWidth} flexDirection="column">
							{picking ? (
								<ActionPicker
									key={pending.turn}
									role={viewer}
									actions={actions}
									vocabulary={play.vocabulary}
									active={pickerActive}
									lines={bottom}
									width={leftWidth}
									onChoose={onChoose}
									onTyping={onTyping}
								/>
							) : (
								<Text dimColor>
									{pending === null ? '' : fit(`Waiting for ${roleName(pending.role)} (${pending.by})...`, leftWidth)}
								</Text>
							)}
						</Box>
						<Box width={1} />
						<Box width={rightWidth} flexDirection="column">
							<Text>
								<Text bold color="cyan">
									{'REWARD '}
								</Text>
								{fit(
									`${signed(last?.info.cumulative_reward ?? 0)}  last ${signed(last?.reward ?? 0)}: ${last ? componentsText(last.breakdown) : '-'}`,
									rightWidth - 'REWARD '.length,
								)}
							</Text>
							<Text dimColor>{fit(`team ${signed(totals.team_reward)}  oversight ${signed(totals.oversight_reward)}`, rightWidth)}</Text>
							<Panel title="TURN LOG" lines={bottom - REWARD_LINES} width={rightWidth} entries={turnLog} />
						</Box>
					</Box>
				</>
			) : (
				<Box height={body} width={columns} flexDirection="column" overflow="hidden">
					{overlay({lines: body, width: columns})}
				</Box>
			)}
			{statusText.map((text, index) => (
				<Text key={index} color={status?.color} bold={status?.bold}>
					{text}
				</Text>
			))}
			<Footer readOnly={readOnly} width={columns} />
		</Box>
	);
}
