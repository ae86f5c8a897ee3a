// The protocol workload of `npm run bench`: the PIPE episodes through `chaosops env` over a pipe. The random
// policy never reads its observation, so each episode's actions are drawn beforehand, up to the step that ends it
// (found by playing the episode in process); the requests are then written as fast as the pipe takes them, and
// every reply is read and parsed with JSON.parse and checked: ok, and done exactly where the episode ends.
import {spawn} from 'node:child_process';
import {randomPolicy} from '../source/agents/policies.js';
import {isPending} from '../source/agents/policy.js';
import {ChaosOpsEnv} from '../source/env/environment.js';
import {scenarioFor} from '../source/io/incidents.js';
import {PIPE} from './bench-workloads.js';

export type PipePlan = {
	/** The request text, in chunks of about 64 KB. */
	readonly chunks: readonly string[];
	/** Per reply, in order: whether it must say done (a reset's never does). */
	readonly done: readonly boolean[];
	readonly steps: number;
};

const CHUNK = 1 << 16;
const resetLine = (name: string, seed: number) =>
	`${JSON.stringify({op: 'reset', scenario: {failure_type: name, difficulty: 'hard', seed, max_steps: PIPE.maxSteps}})}\n`;

export function pipePlan(): PipePlan {
	const env = new ChaosOpsEnv();
	const chunks: string[] = [];
	const done: boolean[] = [];
	let chunk = '';
	let steps = 0;
	for (let seed = 0; seed < PIPE.episodes; seed++) {
		const name = PIPE.types[seed % PIPE.types.length]!;
		const scenario = scenarioFor(name, {difficulty: 'hard', seed, maxSteps: PIPE.maxSteps});
		const policy = randomPolicy(seed, scenario.incident.serviceNames);
		let observation = env.reset(scenario);
		chunk += resetLine(name, seed);
		done.push(false);
		while (!observation.done) {
			const action = policy.act(observation, observation.turn_role);
			if (isPending(action)) throw new TypeError('the random policy decides at once');
			observation = env.step(action).observation;
			chunk += `${JSON.stringify({op: 'step', action})}\n`;
			done.push(observation.done);
			steps++;
		}
		if (chunk.length >= CHUNK) {
			chunks.push(chunk);
			chunk = '';
		}
	}
	if (chunk !== '') chunks.push(chunk);
	return {chunks, done, steps};
}

type Reply = {ok: boolean; error?: string; observation?: {done: boolean}};

/**
 * One run in a fresh `chaosops env`: steps per second from the first request written to the last reply parsed
 * (after one reset answered, so that Node's start-up is not counted), and the share of that time the driver (this
 * process: writing, reading, JSON.parse) was busy, which says whether it could have held the server back.
 */
export function pipeRun(cli: string, plan: PipePlan): Promise<{stepsPerSecond: number; driverBusy: number}> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [cli, 'env'], {stdio: ['pipe', 'pipe', 'inherit']});
		child.on('error', reject);
		let pending = '';
		let replies = -1; // the warm-up's reply is -1
		let start = 0;
		let cpu = process.cpuUsage();
		let result: {stepsPerSecond: number; driverBusy: number} | null = null;
		const fail = (message: string) => {
			child.stdout.removeAllListeners('data');
			child.kill();
			reject(new Error(`chaosops env, reply ${replies}: ${message}`));
		};
		const write = async () => {
			for (const chunk of plan.chunks) {
				if (!child.stdin.write(chunk)) await new Promise(drained => child.stdin.once('drain', drained));
			}
			child.stdin.end();
		};
		child.stdout.setEncoding('utf8').on('data', (data: string) => {
			pending += data;
			let from = 0;
			for (let end = pending.indexOf('\n'); end !== -1; end = pending.indexOf('\n', from)) {
				const reply = JSON.parse(pending.slice(from, end)) as Reply;
				from = end + 1;
				if (!reply.ok) return fail(`not ok: ${reply.error}`);
				if (replies === -1) {
					start = performance.now();
					cpu = process.cpuUsage();
					void write().catch(reject);
				} else if (reply.observation?.done !== plan.done[replies]) {
					return fail(`done is ${reply.observation?.done}, expected ${plan.done[replies]}`);
				}
				replies++;
			}
			pending = pending.slice(from);
			if (replies === plan.done.length) {
				const seconds = (performance.now() - start) / 1000;
				const {user, system} = process.cpuUsage(cpu);
				result = {stepsPerSecond: plan.steps / seconds, driverBusy: (user + system) / 1e6 / seconds};
			}
		});
		// Settled once the server has exited, so that the next run does not share the machine with it.
		child.on('close', status => {
			if (result === null) reject(new Error(`chaosops env exited (status ${status}) after ${replies} of ${plan.done.length} replies`));
			else resolve(result);
		});
		child.stdin.write(resetLine(PIPE.types[0]!, 0));
	});
}
