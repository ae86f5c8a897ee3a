// `chaosops env` under fire: random bytes, random JSON, real ops with random fields and values nested thousands
// deep, all in one process. Every line gets exactly one reply, in order, nothing is reported as a bug, and the
// server still plays an episode correctly at the end.
import {spawn} from 'node:child_process';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {CLI} from './support/cli.js';

/** One env process, fed lines and read back reply by reply. */
function startEnv() {
	const child = spawn(process.execPath, [CLI, 'env'], {stdio: ['pipe', 'pipe', 'pipe']});
	let buffered = '';
	let stderr = '';
	const replies: string[] = [];
	let wake: (() => void) | null = null;
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		buffered += chunk;
		const complete = buffered.split('\n');
		buffered = complete.pop()!;
		replies.push(...complete);
		wake?.();
	});
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	const exited = new Promise<number | null>(resolve => child.on('close', resolve));
	return {
		send: (lines: readonly Buffer[]) => child.stdin.write(Buffer.concat(lines.flatMap(line => [line, Buffer.from('\n')]))),
		/** The next `count` replies, parsed. */
		async take(count: number): Promise<Array<Record<string, unknown>>> {
			while (replies.length < count) {
				const more = new Promise<void>(resolve => (wake = resolve));
				const alive = await Promise.race([more.then(() => true), exited.then(() => false)]);
				if (!alive) throw new Error(`chaosops env exited; stderr:\n${stderr}`);
			}
			return replies.splice(0, count).map(line => JSON.parse(line) as Record<string, unknown>);
		},
		stderr: () => stderr,
		end: () => {
			child.stdin.end();
			return exited;
		},
		kill: () => child.kill('SIGKILL'),
	};
}

const OPS = ['reset', 'step', 'state', 'legal_actions'] as const;

/** A value nested `depth` deep, as arrays or objects. */
const deeplyNested = fc
	.record({depth: fc.integer({min: 500, max: 20_000}), asArray: fc.boolean()})
	.map(({depth, asArray}) => (asArray ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`));

/** A line of one of the kinds a careless or hostile client sends; none blank, none with a newline inside. */
const hostileLine: fc.Arbitrary<Buffer> = fc.oneof(
	fc.uint8Array({minLength: 1, maxLength: 300}).map(bytes => Buffer.from(bytes.map(byte => (byte === 0x0a ? 0x20 : byte)))),
	fc.jsonValue().map(value => Buffer.from(JSON.stringify(value) ?? 'null')),
	fc
		.record({op: fc.constantFrom(...OPS), extra: fc.dictionary(fc.string(), fc.jsonValue(), {maxKeys: 3})})
		.map(({op, extra}) => Buffer.from(JSON.stringify({...extra, op}))),
	fc
		.record({op: fc.constantFrom(...OPS), where: fc.constantFrom('op', 'action', 'scenario', 'id', 'args'), nested: deeplyNested})
		.map(({op, where, nested}) =>
			Buffer.from(
				where === 'args'
					? `{"op":"step","action":{"action_type":"communicate","args":{"message":${nested}}}}`
					: where === 'op'
						? `{"op":${nested}}`
						: `{"op":"${op}","${where}":${nested}}`,
			),
		),
	fc.record({op: fc.constantFrom(...OPS), action: fc.jsonValue(), scenario: fc.jsonValue(), id: fc.jsonValue()}).map(request => Buffer.from(JSON.stringify(request))),
);

/** A line the server treats as blank gets no reply: it is not sent. */
const isBlank = (line: Buffer) => line.toString('utf8').trim() === '';

describe('chaosops env under random input', () => {
	it('answers every line exactly once, in order, and is alive and correct at the end', async () => {
		const env = startEnv();
		try {
			let sentinel = 0;
			await fc.assert(
				fc.asyncProperty(fc.array(hostileLine, {minLength: 1, maxLength: 12}), async lines => {
					// Each line is followed by a request whose reply is known, so a missing or extra reply shows at once.
					const batch = lines.filter(line => !isBlank(line)).flatMap(line => [line, Buffer.from(`{"op":"legal_actions","id":"sentinel-${++sentinel}"}`)]);
					env.send(batch);
					const got = await env.take(batch.length);
					for (let index = 0; index < got.length; index += 2) {
						expect(typeof got[index]!['ok']).toBe('boolean');
						expect(got[index + 1]!['id']).toBe(`sentinel-${sentinel - (got.length - index) / 2 + 1}`);
					}
				}),
				{numRuns: 150},
			);
			env.send([
				Buffer.from('{"op":"reset","id":"r","scenario":{"failure_type":"db_deadlock","difficulty":"easy","seed":3}}'),
				Buffer.from('{"op":"step","id":"s","action":{"action_type":"restart","target":"db"}}'),
			]);
			const [reset, step] = await env.take(2);
			expect(reset).toMatchObject({id: 'r', ok: true, observation: {step: 0, turn_role: 'sre'}});
			expect(step).toMatchObject({id: 's', ok: true, observation: {done: true}, info: {resolved: true}});
			expect(await env.end()).toBe(0);
			expect(env.stderr()).toBe('');
		} finally {
			env.kill();
		}
	});
});
