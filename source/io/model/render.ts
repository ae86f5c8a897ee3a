// An observation as a language model reads it (the reference's render_observation and build_prompt): a compact block
// of lines, numbers rounded as Python's format() rounds them, the last few alerts, logs and messages only.
import type {Observation} from '../../env/types.js';
import {pythonFixed} from '../python-format.js';

/** How many of the most recent entries of each list a rendering shows. */
const SHOWN = {alerts: 4, logs: 4, fleetActions: 6, chat: 6, inbox: 4} as const;

const RESPOND_LINES = [
	'RESPOND with JSON only: {"action_type": "<type>", "target": "<service|agent>", "args": {...}}',
	'For private messages use args.to="sre|dev|manager|oversight"; default communicate broadcasts to all roles.',
];

/** `{x:.0f}`, and `{x:.0%}`: the value times 100 in floating point, then `.0f`, then `%`. */
const whole = (value: number): string => pythonFixed(value, 0);
const percent = (value: number): string => `${whole(value * 100)}%`;

/** A titled section of the last `count` items, each line indented two spaces; nothing when there are none. */
function section<T>(title: string, items: readonly T[], count: number, line: (item: T) => string): string[] {
	return items.length === 0 ? [] : [title, ...items.slice(-count).map(item => `  ${line(item)}`)];
}

/** The observation as the lines a model reads, joined by newlines, no newline at the end. */
export function renderObservation(observation: Observation): string {
	const {view} = observation;
	const metrics = Object.entries(view.visible_metrics).map(
		([name, m]) =>
			`${name}: cpu=${whole(m.cpu_pct)}% mem=${whole(m.memory_mb)}MB lat=${whole(m.latency_ms)}ms err=${percent(m.error_rate)} repl=${m.replicas} health=${m.health}`,
	);
	return [
		`STEP ${observation.step}`,
		`ROLE ${view.role.toUpperCase()}`,
		...section('METRICS', metrics, metrics.length, line => line),
		...section('ALERTS', view.visible_alerts, SHOWN.alerts, alert => `[${alert.severity}] ${alert.service}: ${alert.message}`),
		...section('LOGS', view.visible_logs, SHOWN.logs, log => `(${log.level}) ${log.service}: ${log.message}`),
		...section('FLEET_ACTIONS', view.visible_fleet_actions, SHOWN.fleetActions, fleet => `step ${fleet.step}: ${fleet.agent_name} ${fleet.action} -> ${fleet.target}`),
		...section('CHAT', view.shared_chat, SHOWN.chat, message => message),
		...section('PRIVATE_INBOX', view.private_inbox, SHOWN.inbox, message => message),
		...(view.private_note ? [`NOTE ${view.private_note}`] : []),
		...RESPOND_LINES,
	].join('\n');
}

export type ChatMessage = {role: 'system' | 'user' | 'assistant'; content: string};

const promptOf = (rendering: string, systemPrompt: string | null): string => (systemPrompt ? `${systemPrompt}\n\n${rendering}` : rendering);

function messagesOf(rendering: string, systemPrompt: string | null): ChatMessage[] {
	const user: ChatMessage = {role: 'user', content: rendering};
	return systemPrompt ? [{role: 'system', content: systemPrompt}, user] : [user];
}

/** The role's system prompt, a blank line, then the rendering; the rendering alone when there is no prompt (or an empty one). */
export const buildPrompt = (observation: Observation, systemPrompt: string | null): string => promptOf(renderObservation(observation), systemPrompt);

/** The messages of a chat-completions request: the role's prompt as the system message (if any), the rendering as the user's. */
export const chatMessages = (observation: Observation, systemPrompt: string | null): ChatMessage[] => messagesOf(renderObservation(observation), systemPrompt);

/** Both forms at once, from one rendering: the prompt (buildPrompt's) and the chat messages (chatMessages'). */
export function modelInput(observation: Observation, systemPrompt: string | null): {prompt: string; messages: ChatMessage[]} {
	const rendering = renderObservation(observation);
	return {prompt: promptOf(rendering, systemPrompt), messages: messagesOf(rendering, systemPrompt)};
}
