// The protocol workload of `npm run bench`: the PIPE episodes through `chaosops env` over a pipe. The random
// policy never reads its observation, so each episode's actions are drawn beforehand, up to the step that ends it
// (found by playing the episode in process); the requests are then written as fast as the pipe takes them, and
// every reply is read and checked: ok, and done exactly where the episode ends (see pipeRun).
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

/** Every this many replies, one is parsed in full with JSON.parse; every reply is read and checked as bytes. */
const PARSE_EVERY = 100;
const OK = Buffer.from('{"ok":true,');
// A key inside a JSON string has its quotes escaped, so this text can only be the observation's own done.
const DONE = Buffer.from('"done":true');

/**
 * One run in a fresh `chaosops env`: steps per second from the first request written to the last reply read
 * (after one reset answered, so that Node's start-up is not counted), and the share of that time the driver (this
 * process: writing, reading, checking) was busy, which says whether it could have held the server back. Each
 * reply must be ok and say done exactly where the episode ends; one in PARSE_EVERY is also parsed in full. (Parsing
 * every one, ~5 µs for 1.8 KB, kept the driver busier than the server it measures.)
 */
export function pipeRun(cli: string, plan: PipePlan): Promise<{stepsPerSecond: number; driverBusy: number}> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [cli, 'env'], {stdio: ['pipe', 'pipe', 'inherit']});
		child.on('error', reject);
		let pending: Buffer = Buffer.alloc(0);
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
		child.stdout.on('data', (data: Buffer) => {
			pending = pending.length === 0 ? data : Buffer.concat([pending, data]);
			let from = 0;
			for (let end = pending.indexOf(10); end !== -1; end = pending.indexOf(10, from)) {
				const line = pending.subarray(from, end);
				from = end + 1;
				if (line.indexOf(OK) !== 0) return fail(`not ok: ${line.toString('utf8', 0, 300)}`);
				if (replies === -1) {
					start = performance.now();
					cpu = process.cpuUsage();
					void write().catch(reject);
				} else {
					const done = line.indexOf(DONE) !== -1;
					if (done !== plan.done[replies]) return fail(`done is ${done}, expected ${plan.done[replies]}`);
					if (replies % PARSE_EVERY === 0 && (JSON.parse(line.toString('utf8')) as Reply).observation?.done !== done) {
						return fail('the parsed reply disagrees with its text about done');
					}
				}
				replies++;
			}
			pending = pending.subarray(from);
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
