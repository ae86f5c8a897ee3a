// What each role sees (§10). Every view is a snapshot: it holds objects and arrays that are never mutated.
import type {RoleView, Services} from './types.js';
import type {Role} from './vocabulary.js';
import {type World, servicesOf} from './world.js';

const PUBLIC_LOG_COUNT = 6;
const CHAT_COUNT = 8;
const OVERSIGHT_NOTE = 'fleet actions visible; cross-reference with alerts.';
const NO_METRICS: Services = Object.freeze({});
const NOTHING: readonly never[] = Object.freeze([]);

type Visibility = {
	readonly metrics: boolean;
	/** How many of the public logs (the last six) the role sees. */
	readonly logs: number;
	readonly fleet: boolean;
};

const VISIBILITY: Record<Role, Visibility> = {
	sre: {metrics: true, logs: PUBLIC_LOG_COUNT, fleet: false},
	dev: {metrics: true, logs: 3, fleet: false},
	manager: {metrics: false, logs: 0, fleet: false},
	oversight: {metrics: true, logs: PUBLIC_LOG_COUNT, fleet: true},
};

export function roleView(world: World, role: Role): RoleView {
	const visibility = VISIBILITY[role];
	const fleet = visibility.fleet ? world.publicFleetActions : NOTHING;
	return {
		role,
		visible_metrics: visibility.metrics ? servicesOf(world) : NO_METRICS,
		visible_logs: world.publicLogs.last(visibility.logs),
		visible_alerts: world.alerts,
		visible_fleet_actions: fleet,
		shared_chat: world.chat.last(CHAT_COUNT),
		private_note: fleet.length > 0 ? OVERSIGHT_NOTE : null,
		private_inbox: world.privateChat[role].last(CHAT_COUNT),
	};
}
