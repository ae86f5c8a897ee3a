import {describe, expect, it} from 'vitest';
import {readFileSync} from 'node:fs';
import fc from 'fast-check';
import {seederModule} from '../scripts/seeder-wasm.js';
import {PythonRandom, SEEDERS_FOR_TESTS, seedKey} from '../source/env/rng.js';
import {readJsonFixture} from './support/fixtures.js';

type Vectors = {
	vectors: Array<{
		seed: number;
		getrandbits32: number[];
		random: number[];
		choice: Record<string, number[]>;
		mixed: Array<['random', number] | ['choice', number, number]>;
	}>;
};
type LongVectors = {vectors: Array<{seed: number; getrandbits32: number[]; then_random: number[]}>};

const {vectors} = readJsonFixture<Vectors>('rng_vectors.json');

describe('CPython-compatible RNG', () => {
	it.each(vectors.map(v => [v.seed, v] as const))('seed %s gives CPython getrandbits(32) and random()', (seed, v) => {
		const bits = new PythonRandom(seed);
		expect(v.getrandbits32.map(() => bits.getrandbits(32))).toEqual(v.getrandbits32);
		const floats = new PythonRandom(seed);
		expect(v.random.map(() => floats.random())).toEqual(v.random);
	});

	it.each(vectors.map(v => [v.seed, v] as const))('seed %s gives CPython choice() and mixed draws', (seed, v) => {
		const choices = new PythonRandom(seed);
		for (const [n, expected] of Object.entries(v.choice)) {
			expect(expected.map(() => choices.randbelow(Number(n))), `choice over ${n}`).toEqual(expected);
		}
		const mixed = new PythonRandom(seed);
		const drawn = v.mixed.map(([kind, n]) => (kind === 'random' ? [kind, mixed.random()] : [kind, n, mixed.randbelow(n!)]));
		expect(drawn).toEqual(v.mixed);
	});

	it.each(readJsonFixture<LongVectors>('rng_long.json').vectors.map(v => [v.seed, v] as const))(
		'seed %s stays with CPython across several twists of the state',
		(seed, v) => {
			const rng = new PythonRandom(seed);
			expect(v.getrandbits32.map(() => rng.getrandbits(32))).toEqual(v.getrandbits32);
			expect(v.then_random.map(() => rng.random())).toEqual(v.then_random);
		},
	);

	it('gives two generators with one seed the same, independent streams', () => {
		const a = new PythonRandom(7);
		const first = [a.random(), a.random()];
		const b = new PythonRandom(7);
		expect([b.random(), b.random()]).toEqual(first);
		expect(a.random()).toBe(b.random());
	});

	it('splits a seed into 32-bit words, least significant first', () => {
		expect(seedKey(0)).toEqual([0]);
		expect(seedKey(-7)).toEqual([7]);
		expect(seedKey(2 ** 32 + 5)).toEqual([5, 1]);
		expect(() => seedKey(2 ** 53)).toThrow(/2\^53/);
		expect(() => seedKey(1.5)).toThrow(/integer/);
	});
});

describe('seeding one-word keys', () => {
	const {initByArray, seedOne, seedSixteen, seedKey: key} = SEEDERS_FOR_TESTS;
	const generic = (seed: number) => {
		const mt = new Int32Array(624);
		initByArray(mt, key(seed));
		return mt;
	};
	const oneWordSeed = fc.integer({min: -(2 ** 32) + 1, max: 2 ** 32 - 1});

	it('gives the state init_by_array gives, one seed at a time and sixteen at once', () => {
		fc.assert(
			fc.property(fc.array(oneWordSeed, {minLength: 1, maxLength: 16}), seeds => {
				const one = new Int32Array(624);
				seedOne(one, seeds[0]!);
				expect(one).toEqual(generic(seeds[0]!));
				seedSixteen(seeds).forEach((state, index) => expect(state).toEqual(generic(seeds[index]!)));
			}),
			{numRuns: 50},
		);
	});

	it('draws the same stream whether the seed was prepared ahead or not', () => {
		fc.assert(
			fc.property(fc.array(fc.oneof(oneWordSeed, fc.integer({min: 2 ** 32, max: 2 ** 40})), {minLength: 1, maxLength: 24}), seeds => {
				const unprepared = seeds.map(seed => {
					const rng = new PythonRandom(seed);
					return [rng.getrandbits(32), rng.randbelow(5), rng.random()];
				});
				PythonRandom.prepare(seeds);
				const prepared = seeds.map(seed => {
					const rng = new PythonRandom(seed);
					return [rng.getrandbits(32), rng.randbelow(5), rng.random()];
				});
				expect(prepared).toEqual(unprepared);
			}),
			{numRuns: 50},
		);
	});

	it('reseeds a generator in place: the same stream again', () => {
		const rng = new PythonRandom(11);
		const first = Array.from({length: 700}, () => rng.getrandbits(32));
		rng.seed(11);
		expect(Array.from({length: 700}, () => rng.getrandbits(32))).toEqual(first);
	});
});

describe('the sixteen-seed seeder', () => {
	it('is compiled from seeder.wat as it stands (regenerate: node --import tsx scripts/seeder-wasm.ts)', async () => {
		expect(readFileSync(new URL('../source/env/seeder-wasm.ts', import.meta.url), 'utf8')).toBe(await seederModule());
	});
});

describe('releasing a generator', () => {
	it("gives its memory to the next generator, whose stream is its own seed's", () => {
		const expected = Array.from({length: 700}, (() => {
			const rng = new PythonRandom(12);
			return () => rng.getrandbits(32);
		})());
		const first = new PythonRandom(99);
		first.getrandbits(32);
		first.release();
		first.release();
		const second = new PythonRandom(12);
		expect(Array.from({length: 700}, () => second.getrandbits(32))).toEqual(expected);
		expect(() => first.getrandbits(32)).toThrow(TypeError);
	});
});
