// Each kind of rule an incident file can hold, on its own, in a tiny incident made for it: what a player sees the
// engine do with it. The reference incidents (scenarios/incidents/) are covered by the parity suites; these are not.
import {describe, expect, it} from 'vitest';
import {heuristicPolicy, oraclePolicy} from '../../source/agents/policies.js';
import type {Policy} from '../../source/agents/policy.js';
import {ChaosOpsEnv} from '../../source/env/environment.js';
import type {Incident} from '../../source/env/incident.js';
import {type ScenarioOptions, makeScenario} from '../../source/env/scenario.js';
import type {ActionRequest, StepResult} from '../../source/env/types.js';
import type {Role} from '../../source/env/vocabulary.js';
import {incidentFromValue} from '../../source/io/incidents.js';

/**
 * The smallest incident worth playing: an api that depends on a store, a mailer on its own, one fleet agent. The store
 * is critical; restarting it resolves the incident.
 */
const MINIMAL = {
	format: 1,
	name: 'stuck_store',
	title: 'The store is stuck',
	briefing: 'The api is slow.',
	root_causes: ['stuck_store', 'slow_api'],
	system: {
		services: {
			api: {replicas: 2, depends_on: ['store']},
			store: {replicas: 1, cpu_pct: 10, memory_mb: 500, latency_ms: 20, error_rate: 0.001},
			mailer: {replicas: 1},
		},
		fleet_agents: ['janitor', 'pager_bot'],
	},
	rogue_agent: null,
	start: {
		metrics: {
			store: {cpu_pct: 90, memory_mb: 900, latency_ms: 1200, error_rate: 0.4, health: 'critical'},
			api: {latency_ms: 800, error_rate: 0.2, health: 'degraded'},
			mailer: {latency_ms: 300, health: 'degraded'},
		},
	},
	rules: {resolved_by: [{action: 'restart', target: 'store'}]},
	solution: {dev: {action_type: 'restart', target: 'store'}},
	trainer: {root_cause: 'The store is stuck.', hints: ['Look at the store.']},
} as const;

type Parts = {readonly [key: string]: unknown; readonly rules?: Record<string, unknown>; readonly start?: Record<string, unknown>};

/** MINIMAL with some parts replaced; `rules` and `start` replace only the keys they give. */
function incident(parts: Parts = {}): Incident {
	const {rules, start, ...rest} = parts;
	return incidentFromValue({...MINIMAL, ...rest, start: {...MINIMAL.start, ...start}, rules: {...MINIMAL.rules, ...rules}}, 'test incident');
}

const NOOP: ActionRequest = {action_type: 'noop'};
const restart = (target: string): ActionRequest => ({action_type: 'restart', target});
const rollback = (target: string): ActionRequest => ({action_type: 'rollback', target});
const scale = (target: string, replicas: number): ActionRequest => ({action_type: 'scale', target, args: {replicas}});
const declare = (failure_type: string): ActionRequest => ({action_type: 'identify_root_cause', args: {failure_type}});
const flag = (target: string): ActionRequest => ({action_type: 'flag_rogue', target});
const RESOLVE: ActionRequest = {action_type: 'resolve'};
const say = (message: string): ActionRequest => ({action_type: 'communicate', args: {message}});

/** A fresh episode of the incident and a way to play steps (turn order: sre, oversight, dev, manager). */
function episode(played: Incident, options: ScenarioOptions = {}) {
	const env = new ChaosOpsEnv({episodeId: () => 'test'});
	env.reset(makeScenario(played, {maxSteps: 30, ...options}));
	const results: StepResult[] = [];
	return {
		env,
		results,
		/** Plays the actions in turn order; returns the last step's result. */
		play(...actions: ActionRequest[]): StepResult {
			for (const action of actions) results.push(env.step(action));
			return results.at(-1)!;
		},
		services: () => env.state().services,
	};
}

/** Plays the actions and says whether the last one resolved the incident. */
const resolvesWith = (played: Incident, ...actions: ActionRequest[]) => episode(played).play(...actions).info.resolved;

describe('resolved_by', () => {
	it('matches the action type and target', () => {
		const played = incident();
		expect(resolvesWith(played, restart('store'))).toBe(true);
		expect(resolvesWith(played, rollback('store'))).toBe(false);
		expect(resolvesWith(played, restart('api'))).toBe(false);
	});

	it('takes any target when the rule names none', () => {
		const played = incident({rules: {resolved_by: [{action: 'rollback'}]}});
		expect(resolvesWith(played, rollback('mailer'))).toBe(true);
	});

	it('takes a scale only within its replicas bounds, both inclusive', () => {
		const played = incident({rules: {resolved_by: [{action: 'scale', target: 'store', replicas: {min: 3, max: 5}}]}});
		expect([2, 3, 5, 6].map(replicas => resolvesWith(played, scale('store', replicas)))).toEqual([false, true, true, false]);
		const atLeast = incident({rules: {resolved_by: [{action: 'scale', target: 'store', replicas: {min: 4}}]}});
		expect([3, 4, 400].map(replicas => resolvesWith(atLeast, scale('store', replicas)))).toEqual([false, true, true]);
	});

	it('takes the action only from the role it names', () => {
		const played = incident({rules: {resolved_by: [{action: 'restart', target: 'store', by: 'dev'}]}});
		const game = episode(played);
		expect(game.play(restart('store')).info.resolved).toBe(false); // the sre's
		expect(game.play(NOOP, restart('store')).info.resolved).toBe(true); // the dev's
	});

	it('waits for the health its `when` asks for, judged after the action', () => {
		const played = incident({
			rules: {
				resolved_by: [{action: 'resolve', when: {health: {store: 'healthy', api: ['healthy', 'degraded']}}}],
				beneficial: [{action: 'restart', target: 'store'}],
			},
		});
		expect(resolvesWith(played, NOOP, NOOP, NOOP, RESOLVE)).toBe(false);
		expect(resolvesWith(played, restart('store'), NOOP, NOOP, RESOLVE)).toBe(true);
		// Judged after the handler: the restart that makes the store healthy is itself the fix. (Without rules.beneficial,
		// resolved_by would be read as the beneficial rules too, judged before: the critical store would make it a wrong fix.)
		const afterwards = incident({
			rules: {resolved_by: [{action: 'restart', target: 'store', when: {health: {store: 'healthy'}}}], beneficial: [{action: 'restart', target: 'store'}]},
		});
		expect(resolvesWith(afterwards, restart('store'))).toBe(true);
		// incidentProblems refuses that trap rather than let it play.
		expect(() => incident({rules: {resolved_by: afterwards.file.rules.resolved_by}})).toThrow(/asks for the health of the service this restart repairs.*give rules.beneficial/);
	});

	it('waits for the fleet agents its `when` wants flagged', () => {
		const played = incident({rules: {resolved_by: [{action: 'resolve', when: {flagged: ['janitor']}}]}});
		expect(resolvesWith(played, NOOP, flag('pager_bot'), NOOP, RESOLVE)).toBe(false);
		expect(resolvesWith(played, NOOP, flag('janitor'), NOOP, RESOLVE)).toBe(true);
	});

	it('reads metrics above and below a value', () => {
		const below = incident({
			rules: {
				resolved_by: [{action: 'restart', target: 'store', when: {metrics: [{service: 'store', metric: 'latency_ms', below: 100}]}}],
				beneficial: [{action: 'restart', target: 'store'}],
			},
		});
		expect(resolvesWith(below, restart('store'))).toBe(true); // back to its 20 ms baseline
		const above = incident({rules: {resolved_by: [{action: 'communicate', when: {metrics: [{service: 'store', metric: 'cpu_pct', above: 50}]}}]}});
		expect(resolvesWith(above, say('cpu is high'))).toBe(true); // 90 %
		const calm = incident({
			start: {metrics: {store: {cpu_pct: 40, health: 'critical'}}},
			rules: {resolved_by: [{action: 'communicate', when: {metrics: [{service: 'store', metric: 'cpu_pct', above: 50}]}}]},
		});
		expect(resolvesWith(calm, say('cpu is fine'))).toBe(false);
		const band = incident({rules: {resolved_by: [{action: 'noop', when: {metrics: [{service: 'store', metric: 'error_rate', above: 0.3, below: 0.5}]}}]}});
		expect(resolvesWith(band, NOOP)).toBe(true); // 0.4
	});

	it('asks whether the true root cause has been declared', () => {
		const declared = incident({rules: {resolved_by: [{action: 'resolve', when: {root_cause_declared: true}}]}});
		expect(resolvesWith(declared, declare('stuck_store'), NOOP, NOOP, RESOLVE)).toBe(true);
		expect(resolvesWith(declared, declare('slow_api'), NOOP, NOOP, RESOLVE)).toBe(false);
		expect(resolvesWith(declared, NOOP, NOOP, NOOP, RESOLVE)).toBe(false);
		const undeclared = incident({rules: {resolved_by: [{action: 'resolve', when: {root_cause_declared: false}}]}});
		expect(resolvesWith(undeclared, NOOP, NOOP, NOOP, RESOLVE)).toBe(true);
		expect(resolvesWith(undeclared, declare('stuck_store'), NOOP, NOOP, RESOLVE)).toBe(false);
	});

	it('needs every part of a `when` to hold', () => {
		const played = incident({rules: {resolved_by: [{action: 'resolve', when: {flagged: ['janitor'], root_cause_declared: true}}]}});
		expect(resolvesWith(played, declare('stuck_store'), NOOP, NOOP, RESOLVE)).toBe(false);
		expect(resolvesWith(played, NOOP, flag('janitor'), NOOP, RESOLVE)).toBe(false);
		expect(resolvesWith(played, declare('stuck_store'), flag('janitor'), NOOP, RESOLVE)).toBe(true);
	});

	it('resolves by any one of its alternatives', () => {
		const played = incident({rules: {resolved_by: [{action: 'restart', target: 'store'}, {action: 'scale', target: 'store', replicas: {min: 2}}]}});
		expect(resolvesWith(played, restart('store'))).toBe(true);
		expect(resolvesWith(played, scale('store', 2))).toBe(true);
		expect(resolvesWith(played, rollback('store'))).toBe(false);
	});

	it('ends the episode with the resolved bonus, and nothing after it drifts or fires', () => {
		const played = incident({
			rules: {drift: [{service: 'mailer', grow: {memory_mb: {by: 100}}}]},
			injects: [{at_step: 1, then: {chat: ['[pager] late page']}}],
		});
		const game = episode(played);
		const step = game.play(restart('store'));
		expect(step.observation.done).toBe(true);
		expect(step.breakdown.resolved_bonus).toBe(100);
		expect(game.services()['mailer']!.memory_mb).toBe(340);
		expect(game.env.state().chat_history).toEqual([]);
	});
});

describe('beneficial and wrong fixes', () => {
	it('judges a beneficial action on the state before its handler', () => {
		// The restart helps while the api is degraded; once it has made it healthy, the same restart is a wrong fix.
		const played = incident({rules: {beneficial: [{action: 'restart', target: 'api', when: {health: {api: 'degraded'}}}]}});
		const game = episode(played);
		const first = game.play(restart('api'));
		expect(first.breakdown.wrong_fix_penalty).toBe(0);
		expect(game.services()['api']!.health).toBe('healthy');
		const second = game.play(NOOP, NOOP, NOOP, restart('api'));
		expect(second.breakdown.wrong_fix_penalty).toBe(-50);
		expect(second.info.wrong_fixes).toBe(1);
	});

	it('reads resolved_by as the beneficial rules when there are none', () => {
		const step = episode(incident()).play(restart('store'));
		expect(step.breakdown.wrong_fix_penalty).toBe(0);
	});

	it('calls any other restart, rollback or scale a wrong fix, and leaves the service as it was', () => {
		const game = episode(incident());
		const before = game.services()['api'];
		const step = game.play(rollback('api'));
		expect(step.breakdown.wrong_fix_penalty).toBe(-50);
		expect(game.services()['api']).toEqual(before);
		expect(game.play(NOOP, NOOP, NOOP, restart('nowhere')).breakdown.wrong_fix_penalty).toBe(-50);
	});

	it('applies a rule’s effect instead of the default repair', () => {
		const played = incident({
			rules: {
				beneficial: [{action: 'restart', target: 'store', effect: {store: {latency_ms: 300, health: 'degraded'}, mailer: {health: 'healthy'}}}],
				resolved_by: [{action: 'resolve'}],
			},
		});
		const game = episode(played);
		expect(game.play(restart('store')).breakdown.wrong_fix_penalty).toBe(0);
		const services = game.services();
		expect(services['store']).toMatchObject({latency_ms: 300, health: 'degraded', cpu_pct: 90, memory_mb: 900});
		expect(services['mailer']!.health).toBe('healthy');
		expect(services['api']!.health).toBe('degraded'); // no dependents healed: the effect is all there is
	});
});

describe('default repairs', () => {
	const played = incident({
		rules: {
			resolved_by: [{action: 'resolve'}],
			beneficial: [{action: 'restart'}, {action: 'rollback'}, {action: 'scale'}],
		},
	});

	it('restart: the service back to its baseline, and each service that depends on it back to health', () => {
		const game = episode(played);
		game.play(restart('store'));
		const services = game.services();
		expect(services['store']).toEqual({cpu_pct: 10, memory_mb: 500, latency_ms: 20, error_rate: 0.001, replicas: 1, health: 'healthy'});
		expect(services['api']).toMatchObject({latency_ms: 55, error_rate: 0.01, health: 'healthy'});
		expect(services['mailer']).toMatchObject({latency_ms: 300, health: 'degraded'}); // depends on nothing restarted
	});

	it('restart of a service nothing depends on heals only that service', () => {
		const game = episode(played);
		game.play(restart('api'));
		const services = game.services();
		expect(services['api']).toEqual({cpu_pct: 22, memory_mb: 340, latency_ms: 45, error_rate: 0.01, replicas: 2, health: 'healthy'});
		expect(services['store']!.health).toBe('critical');
	});

	it('rollback: baseline latency and error rate, healthy; cpu and memory as they were', () => {
		const game = episode(played);
		game.play(rollback('store'));
		expect(game.services()['store']).toEqual({cpu_pct: 90, memory_mb: 900, latency_ms: 20, error_rate: 0.001, replicas: 1, health: 'healthy'});
		expect(game.services()['api']!.health).toBe('degraded');
	});

	it('scale: the replicas asked for, cpu 30, latency 55, error rate 0.01, healthy', () => {
		const game = episode(played);
		game.play(scale('store', 4));
		expect(game.services()['store']).toEqual({cpu_pct: 30, memory_mb: 900, latency_ms: 55, error_rate: 0.01, replicas: 4, health: 'healthy'});
	});

	it('a wrong scale still sets the replicas, and a scale to none is a wrong fix that changes nothing', () => {
		const game = episode(incident());
		expect(game.play(scale('api', 5)).breakdown.wrong_fix_penalty).toBe(-50);
		expect(game.services()['api']).toMatchObject({replicas: 5, health: 'degraded'});
		expect(game.play(NOOP, NOOP, NOOP, scale('api', 0)).breakdown.wrong_fix_penalty).toBe(-50);
		expect(game.services()['api']!.replicas).toBe(5);
	});
});

describe('secondary_failures', () => {
	const failure = (when?: object) =>
		incident({
			rules: {
				secondary_failures: [
					{
						after: ['rollback', 'scale'],
						...(when === undefined ? {} : {when}),
						then: {metrics: {mailer: {memory_mb: 2000, health: 'down'}}, logs: [{service: 'mailer', level: 'FATAL', message: 'mailer fell over'}]},
					},
				],
			},
		});

	it('follows a wrong fix of a listed action type, with the cascade penalty', () => {
		const game = episode(failure());
		const step = game.play(rollback('api'));
		expect(step.breakdown).toMatchObject({wrong_fix_penalty: -50, cascade_penalty: -40});
		expect(game.services()['mailer']).toMatchObject({memory_mb: 2000, health: 'down'});
		expect(step.observation.view.visible_logs.at(-1)).toEqual({timestamp: 1, service: 'mailer', level: 'FATAL', message: 'mailer fell over'});
	});

	it('does not follow a wrong fix of another type, nor a beneficial action', () => {
		const wrongRestart = episode(failure());
		const step = wrongRestart.play(restart('api'));
		expect(step.breakdown).toMatchObject({wrong_fix_penalty: -50, cascade_penalty: 0});
		expect(wrongRestart.services()['mailer']!.health).toBe('degraded');
		const helpful = incident({
			rules: {
				resolved_by: [{action: 'resolve'}],
				beneficial: [{action: 'scale', target: 'store'}],
				secondary_failures: [{after: ['scale'], then: {metrics: {mailer: {health: 'down'}}}}],
			},
		});
		expect(episode(helpful).play(scale('store', 3)).breakdown.cascade_penalty).toBe(0);
	});

	it('happens only while its condition holds', () => {
		const game = episode(failure({health: {mailer: 'degraded'}}));
		expect(game.play(rollback('api')).breakdown.cascade_penalty).toBe(-40);
		// The mailer is down now, so the condition no longer holds.
		expect(game.play(NOOP, NOOP, NOOP, rollback('api')).breakdown).toMatchObject({wrong_fix_penalty: -50, cascade_penalty: 0});
		const never = episode(failure({health: {mailer: 'healthy'}}));
		expect(never.play(scale('api', 3)).breakdown.cascade_penalty).toBe(0);
		expect(never.services()['mailer']!.health).toBe('degraded');
	});
});

describe('drift', () => {
	const drifting = (drift: object) => episode(incident({rules: {drift: [drift]}}));
	const memoryOver = (game: ReturnType<typeof episode>, steps: number) =>
		Array.from({length: steps}, () => (game.play(NOOP), game.services()['mailer']!.memory_mb));

	it('grows a metric every unresolved step, up to its max', () => {
		expect(memoryOver(drifting({service: 'mailer', grow: {memory_mb: {by: 100, max: 600}}}), 4)).toEqual([440, 540, 600, 600]);
	});

	it('shrinks a metric down to its min', () => {
		const game = drifting({service: 'mailer', grow: {latency_ms: {by: -100, min: 50}}});
		const latencies = Array.from({length: 4}, () => (game.play(NOOP), game.services()['mailer']!.latency_ms));
		expect(latencies).toEqual([200, 100, 50, 50]);
	});

	it('keeps a drifting metric within its own range, whatever bounds the file gives', () => {
		const game = drifting({service: 'store', grow: {error_rate: {by: 0.5}, replicas: {by: -4}, cpu_pct: {by: 50, max: 500}, latency_ms: {by: -900, min: -100}}});
		game.play(NOOP, NOOP);
		expect(game.services()['store']).toMatchObject({error_rate: 1, replicas: 0, cpu_pct: 100, latency_ms: 0});
	});

	it('reads a -0 in the file as 0, as JSON (and so a recording of the incident) does', () => {
		const game = drifting({service: 'mailer', grow: {latency_ms: {by: -1000, min: -0}}});
		game.play(NOOP);
		expect(Object.is(game.services()['mailer']!.latency_ms, 0)).toBe(true);
		const start = episode(incident({start: {metrics: {store: {latency_ms: -0, health: 'critical'}}}}));
		expect(Object.is(start.services()['store']!.latency_ms, 0)).toBe(true);
	});

	it('grows several metrics of a service at once', () => {
		const game = drifting({service: 'store', grow: {error_rate: {by: 0.25, max: 0.9}, replicas: {by: 2}}});
		game.play(NOOP, NOOP);
		expect(game.services()['store']).toMatchObject({error_rate: 0.9, replicas: 5});
	});

	it('sets the health of the first threshold the grown metrics cross', () => {
		const game = drifting({
			service: 'mailer',
			grow: {memory_mb: {by: 100}},
			thresholds: [
				{metric: 'memory_mb', above: 600, health: 'down'},
				{metric: 'memory_mb', above: 400, health: 'critical'},
				{metric: 'latency_ms', below: 1000, health: 'healthy'},
			],
		});
		const healths = Array.from({length: 3}, () => (game.play(NOOP), game.services()['mailer']!.health));
		// 440 crosses the second; 540 still the second; 640 the first. The third (always crossed) never gets a turn.
		expect(healths).toEqual(['critical', 'critical', 'down']);
	});

	it('drifts only while its `when` holds', () => {
		const game = episode(
			incident({
				rules: {
					resolved_by: [{action: 'resolve'}],
					beneficial: [{action: 'restart', target: 'mailer'}],
					drift: [{service: 'mailer', when: {health: {mailer: 'degraded'}}, grow: {memory_mb: {by: 100}}}],
				},
			}),
		);
		game.play(NOOP);
		expect(game.services()['mailer']!.memory_mb).toBe(440);
		game.play(NOOP, restart('mailer'));
		expect(game.services()['mailer']!.memory_mb).toBe(340); // back to baseline, healthy: no more drift
		game.play(NOOP, NOOP);
		expect(game.services()['mailer']!.memory_mb).toBe(340);
	});
});

describe('injects', () => {
	const chatOver = (played: Incident, actions: ActionRequest[]) => {
		const game = episode(played);
		return actions.map(action => game.play(action).observation.view.shared_chat.length);
	};

	it('at_step fires once, after that step', () => {
		const played = incident({injects: [{at_step: 2, then: {chat: ['[pager] second page']}}]});
		expect(chatOver(played, [NOOP, NOOP, NOOP, NOOP])).toEqual([0, 1, 1, 1]);
	});

	it('when fires once, the first step after which it holds', () => {
		const played = incident({
			rules: {resolved_by: [{action: 'resolve'}], beneficial: [{action: 'restart', target: 'mailer'}]},
			injects: [{when: {health: {mailer: 'healthy'}}, then: {chat: ['[pager] mailer is back']}}],
		});
		expect(chatOver(played, [NOOP, NOOP, restart('mailer'), NOOP, NOOP])).toEqual([0, 0, 1, 1, 1]);
	});

	it('with both, fires the first step at or after at_step at which `when` holds', () => {
		const played = incident({
			rules: {resolved_by: [{action: 'resolve'}], beneficial: [{action: 'restart', target: 'mailer'}]},
			injects: [{at_step: 3, when: {health: {mailer: 'healthy'}}, then: {chat: ['[pager] mailer is back']}}],
		});
		expect(chatOver(played, [restart('mailer'), NOOP, NOOP, NOOP])).toEqual([0, 0, 1, 1]);
		expect(chatOver(played, [NOOP, NOOP, NOOP, NOOP, NOOP, restart('mailer'), NOOP])).toEqual([0, 0, 0, 0, 0, 1, 1]);
	});

	it('changes metrics, adds logs, alerts and chat lines, stamped with the step', () => {
		const played = incident({
			injects: [
				{
					at_step: 2,
					then: {
						metrics: {mailer: {error_rate: 0.5, health: 'critical'}},
						logs: [{service: 'mailer', level: 'ERROR', message: 'smtp relay refused'}],
						alerts: [{service: 'mailer', severity: 'warn', message: 'mailer errors > 40%'}],
						chat: ['[pager] mailer paging too'],
					},
				},
			],
		});
		const game = episode(played);
		game.play(NOOP);
		const {view} = game.play(NOOP).observation; // the dev's, after step 2
		expect(view.visible_metrics['mailer']).toMatchObject({error_rate: 0.5, health: 'critical'});
		expect(view.visible_logs.at(-1)).toEqual({timestamp: 2, service: 'mailer', level: 'ERROR', message: 'smtp relay refused'});
		expect(view.visible_alerts).toEqual([{service: 'mailer', severity: 'warn', message: 'mailer errors > 40%', triggered_at_step: 2}]);
		expect(view.shared_chat).toEqual(['[pager] mailer paging too']);
	});

	it('adds fleet actions oversight sees, malicious by default exactly when the agent is the rogue', () => {
		const played = incident({
			rogue_agent: 'janitor',
			injects: [
				{
					at_step: 1,
					then: {
						fleet_actions: [
							{agent: 'janitor', action: 'delete_volume', target: 'store'},
							{agent: 'pager_bot', action: 'ack_page', target: 'api'},
							{agent: 'janitor', action: 'rotate_logs', target: 'mailer', malicious: false},
						],
					},
				},
			],
		});
		const game = episode(played);
		const {view} = game.play(NOOP).observation; // oversight's
		expect(view.visible_fleet_actions).toEqual([
			{agent_name: 'janitor', action: 'delete_volume', target: 'store', step: 1},
			{agent_name: 'pager_bot', action: 'ack_page', target: 'api', step: 1},
			{agent_name: 'janitor', action: 'rotate_logs', target: 'mailer', step: 1},
		]);
		expect(game.env.state().fleet_actions.map(action => action.was_malicious)).toEqual([true, false, false]);
		expect(game.play(NOOP).observation.view.visible_fleet_actions).toEqual([]); // the dev's: not for them
	});
});

describe('red herrings', () => {
	const HERRINGS = [
		{service: 'api', level: 'INFO', message: 'cache warmed'},
		{service: 'mailer', level: 'WARN', message: 'retry-after=2s'},
	];
	const played = incident({start: {red_herrings: {draw: 3, logs: HERRINGS}}});

	it('draws that many lines from the list when misleading logs are on', () => {
		const state = new ChaosOpsEnv();
		state.reset(makeScenario(played, {injectMisleadingLogs: true, seed: 5}));
		const {all_logs, misleading_log_count} = state.state();
		expect(misleading_log_count).toBe(3);
		expect(all_logs).toHaveLength(3);
		for (const log of all_logs) {
			expect(log).toMatchObject({timestamp: 0, is_red_herring: true});
			expect(HERRINGS).toContainEqual({service: log.service, level: log.level, message: log.message});
		}
	});

	it('draws none when misleading logs are off, as they are off by default below hard', () => {
		const env = new ChaosOpsEnv();
		env.reset(makeScenario(played, {difficulty: 'medium'}));
		expect(env.state()).toMatchObject({misleading_log_count: 0, all_logs: []});
		env.reset(makeScenario(played, {difficulty: 'hard'}));
		expect(env.state().misleading_log_count).toBe(3);
	});
});

describe('root_causes', () => {
	it('takes the incident’s name as the right one, early for a bonus', () => {
		const step = episode(incident()).play(declare('stuck_store'));
		expect(step.breakdown).toMatchObject({early_root_cause_bonus: 30, miscommunication_penalty: 0});
		expect(step.info.declared_root_cause).toBe('stuck_store');
	});

	it('takes another listed cause as a (wrong) declaration, with no bonus', () => {
		const step = episode(incident()).play(declare('slow_api'));
		expect(step.breakdown).toMatchObject({early_root_cause_bonus: 0, miscommunication_penalty: 0});
		expect(step.info.declared_root_cause).toBe('slow_api');
	});

	it('calls a claim outside the list a miscommunication, even a built-in incident’s name', () => {
		for (const claim of ['db_deadlock', 'bogus', '']) {
			const step = episode(incident()).play(declare(claim));
			expect(step.breakdown.miscommunication_penalty).toBe(-20);
			expect(step.info).toMatchObject({declared_root_cause: null, miscommunications: 1});
		}
	});
});

describe('services beyond the reference four', () => {
	const NAMES = ['gateway', 'ledger', 'search', 'cache', 'queue', 'mailer'];
	const played = incident({
		system: {services: Object.fromEntries(NAMES.map(name => [name, {replicas: 2}])), fleet_agents: ['janitor']},
		start: {metrics: {ledger: {latency_ms: 700, health: 'critical'}}},
		rules: {resolved_by: [{action: 'restart', target: 'ledger'}]},
		solution: {dev: {action_type: 'restart', target: 'ledger'}},
	});

	it('shows them in views and state, in the file’s order', () => {
		const env = new ChaosOpsEnv();
		const observation = env.reset(makeScenario(played));
		expect(Object.keys(observation.view.visible_metrics)).toEqual(NAMES);
		expect(Object.keys(env.state().services)).toEqual(NAMES);
		expect(observation.view.visible_metrics['ledger']).toMatchObject({latency_ms: 700, health: 'critical'});
	});

	it('records a series for each of them', () => {
		const game = episode(played);
		game.play(NOOP, NOOP, restart('ledger'));
		expect(game.env.metrics.series('ledger').latency_ms).toEqual([700, 700, 45]);
		expect(game.env.metrics.series('queue').latency_ms).toEqual([45, 45, 45]);
		expect(game.env.metrics.series('db')).toEqual({latency_ms: [], error_rate: []});
		expect(Object.keys(game.env.metrics.snapshots().at(-1)!.latency_ms)).toEqual(NAMES);
		expect(game.results.at(-1)!.info.resolved).toBe(true);
	});

	it('keeps a recorder that served a larger incident right for a smaller one', () => {
		const env = new ChaosOpsEnv();
		env.reset(makeScenario(played));
		for (let i = 0; i < 3; i++) env.step(NOOP);
		env.reset(makeScenario(incident()));
		env.step(NOOP);
		expect(env.metrics.snapshots()).toHaveLength(1);
		expect(env.metrics.snapshots()[0]!.latency_ms).toEqual({api: 800, store: 1200, mailer: 300});
	});
});

describe('custom fleet agents', () => {
	const played = incident({rogue_agent: 'janitor', start: {fleet_actions: [{agent: 'janitor', action: 'wipe_cache', target: 'store'}]}});

	it('rewards flagging the rogue and penalises flagging another agent', () => {
		expect(episode(played).play(NOOP, flag('janitor')).breakdown.rogue_caught_bonus).toBe(50);
		expect(episode(played).play(NOOP, flag('pager_bot')).breakdown.rogue_false_positive_penalty).toBe(-75);
		expect(episode(played).play(NOOP, {action_type: 'flag_rogue', args: {agent_name: 'janitor'}}).breakdown.rogue_caught_bonus).toBe(50);
	});

	it('is what the heuristic oversight flags when it sees one of them act', () => {
		const env = new ChaosOpsEnv();
		env.reset(makeScenario(played));
		const {observation} = env.step(NOOP); // oversight's turn next
		const oversight = heuristicPolicy(0, played.fleetAgents);
		expect(oversight.act(observation, 'oversight')).toEqual({action_type: 'flag_rogue', target: 'janitor'});
		// An agent outside the fleet it is told of is not its business.
		expect(heuristicPolicy(0, ['pager_bot']).act(observation, 'oversight')).toMatchObject({action_type: 'communicate'});
	});

	it('makes the scenario’s rogue the incident’s, and the start’s fleet actions malicious by it', () => {
		const scenario = makeScenario(played);
		expect(scenario.rogue_fleet_agent).toBe('janitor');
		const env = new ChaosOpsEnv();
		env.reset(scenario);
		expect(env.state().fleet_actions).toEqual([{agent_name: 'janitor', action: 'wipe_cache', target: 'store', step: 0, was_malicious: true}]);
	});
});

describe('the oracle', () => {
	const observation = new ChaosOpsEnv().reset(makeScenario(incident()));
	/** The oracle's decisions are made at once, never pending. */
	const decide = (oracle: Policy, role: Role) => oracle.act(observation, role) as ActionRequest;

	it('plays a role’s list in order, the last action repeating', () => {
		const played = incident({solution: {sre: [say('one'), say('two')], dev: {action_type: 'restart', target: 'store'}}});
		const oracle = oraclePolicy(played);
		const messages = Array.from({length: 4}, () => decide(oracle, 'sre').args?.message);
		expect(messages).toEqual(['one', 'two', 'two', 'two']);
		expect(decide(oracle, 'dev')).toEqual({action_type: 'restart', target: 'store'});
		expect(decide(oracle, 'dev')).toEqual({action_type: 'restart', target: 'store'});
	});

	it('plays noop for a role the solution leaves out', () => {
		expect(decide(oraclePolicy(incident()), 'manager').action_type).toBe('noop');
	});
});
