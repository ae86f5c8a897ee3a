// An incident of six services (or more), built inline as a file would describe it: for screens that must cope with
// more than the reference's four.
import type {Incident} from '../../source/env/incident.js';
import {incidentFromValue} from '../../source/io/incidents.js';

const healthy = (replicas: number, depends_on: string[] = []) => ({replicas, depends_on});

/** The ledger incident: six services, two of them unhealthy, and `extra` more healthy ones (cache_1, cache_2, …) after them. */
export const ledgerIncident = (extra = 0): Incident =>
	incidentFromValue(
		{
			format: 1,
			name: 'ledger_lock',
			title: 'Ledger lock contention',
			briefing: 'Checkout is slow and the ledger is paging.',
			root_causes: ['ledger_lock', 'bad_config_push'],
			system: {
				services: {
					gateway: healthy(3, ['checkout']),
					checkout: healthy(3, ['ledger']),
					ledger: healthy(2, ['db']),
					search: healthy(2),
					mailer: healthy(1),
					db: healthy(1),
					...Object.fromEntries(Array.from({length: extra}, (_, index) => [`cache_${index + 1}`, healthy(1)])),
				},
				fleet_agents: ['autoscaler', 'deploy_bot'],
			},
			rogue_agent: null,
			start: {
				metrics: {
					ledger: {latency_ms: 2400, error_rate: 0.4, health: 'critical'},
					checkout: {latency_ms: 900, error_rate: 0.2, health: 'degraded'},
				},
				logs: [{service: 'ledger', level: 'ERROR', message: 'lock wait timeout on ledger_entries'}],
				alerts: [{service: 'checkout', severity: 'page', message: 'checkout p95 > 800ms'}],
			},
			rules: {resolved_by: [{action: 'restart', target: 'ledger'}]},
			solution: {dev: {action_type: 'restart', target: 'ledger'}},
			trainer: {
				root_cause: 'A batch job holds row locks on the ledger; checkout queues behind it. Restarting the ledger releases them.',
				notes: [
					{action: 'restart', target: 'ledger', verdict: 'helps', note: 'Restarting the ledger releases the locks.'},
					{action: 'scale', target: 'checkout', replicas: {min: 4}, verdict: 'neutral', note: 'More checkout replicas only queue more requests.'},
					{action: 'restart', target: 'checkout', verdict: 'hurts', note: 'Checkout is a victim: a wrong fix.'},
				],
				hints: ['Checkout waits on something.', 'The ledger is holding locks.', 'Restart the ledger.'],
			},
		},
		'ledger test incident',
	);
