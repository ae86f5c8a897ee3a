// What each role sees (§10). Every view is a snapshot: it holds frozen objects and fresh arrays only.
import type {RoleView, Services} from './types.js';
import type {Role} from './vocabulary.js';
import type {World} from './world.js';

const PUBLIC_LOG_COUNT = 6;
const DEV_LOG_COUNT = 3;
const CHAT_COUNT = 8;
const OVERSIGHT_NOTE = 'fleet actions visible; cross-reference with alerts.';
const NO_METRICS: Partial<Services> = Object.freeze({});
const NOTHING: readonly never[] = Object.freeze([]);

/** The last `count` items as a fresh array; the shared empty one when there are none, as is usual for chat. */
const lastOf = <T>(items: readonly T[], count: number): readonly T[] => (items.length === 0 ? NOTHING : items.slice(-count));

const publicLogs = (world: World) => lastOf(world.publicLogs, PUBLIC_LOG_COUNT);

type Visibility = Pick<RoleView, 'visible_metrics' | 'visible_logs' | 'visible_fleet_actions' | 'private_note'>;

const VISIBILITY: Record<Role, (world: World) => Visibility> = {
	sre: world => ({visible_metrics: world.services, visible_logs: publicLogs(world), visible_fleet_actions: NOTHING, private_note: null}),
	dev: world => ({
		visible_metrics: world.services,
		visible_logs: publicLogs(world).slice(-DEV_LOG_COUNT),
		visible_fleet_actions: NOTHING,
		private_note: null,
	}),
	manager: () => ({visible_metrics: NO_METRICS, visible_logs: NOTHING, visible_fleet_actions: NOTHING, private_note: null}),
	oversight: world => ({
		visible_metrics: world.services,
		visible_logs: publicLogs(world),
		visible_fleet_actions: world.publicFleetActions,
		private_note: world.publicFleetActions.length > 0 ? OVERSIGHT_NOTE : null,
	}),
};

export function roleView(world: World, role: Role): RoleView {
	const {visible_metrics, visible_logs, visible_fleet_actions, private_note} = VISIBILITY[role](world);
	return {
		role,
		visible_metrics,
		visible_logs,
		visible_alerts: world.alerts,
		visible_fleet_actions,
		shared_chat: lastOf(world.chat, CHAT_COUNT),
		private_note,
		private_inbox: lastOf(world.privateChat[role], CHAT_COUNT),
	};
}
