// CPython's random.Random(seed) for integer seeds (§11): MT19937 seeded by init_by_array, so that red herrings
// and scripted policies draw exactly what the reference draws.
// The state is kept as signed 32-bit words with `| 0` arithmetic: the same bits as CPython's uint32 words,
// but V8 keeps them in integer registers instead of boxing values above 2^31 as doubles.
import {SEEDER_WASM} from './seeder-wasm.js';

const N = 624;
const M = 397;
const UPPER_MASK = 0x80000000 | 0;
const LOWER_MASK = 0x7fffffff;
const MATRIX_A = 0x9908b0df | 0;
const TWO_POW_32 = 4294967296;
const FIRST_MIX = 1664525;
const SECOND_MIX = 1566083941;

/** Throws unless the seed is one this generator takes: an integer with |seed| < 2^53. */
function checkSeed(seed: number): void {
	if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer with |seed| < 2^53, got ${seed}`);
}

/** The 32-bit words of |seed|, least significant first; `[0]` for seed 0. */
export function seedKey(seed: number): number[] {
	checkSeed(seed);
	let rest = Math.abs(seed);
	const key: number[] = [];
	do {
		key.push(rest % TWO_POW_32);
		rest = Math.floor(rest / TWO_POW_32);
	} while (rest > 0);
	return key;
}

/** The state after init_genrand(19650218), where every seeding starts. */
const BASE_STATE = (() => {
	const mt = new Int32Array(N);
	mt[0] = 19650218;
	for (let i = 1; i < N; i++) {
		const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
		mt[i] = (Math.imul(1812433253, prev) + i) | 0;
	}
	return mt;
})();

/**
 * States seeded lately, by seed: seeding costs a chain of ~1,250 dependent multiplications, and an episode's
 * environment and its policies are seeded alike, so every generator but the first copies the first one's state.
 * PythonRandom.prepare fills it ahead of time, several seeds at once.
 */
const SEEDED_SLOTS = 32;
const seeded = {
	seeds: new Float64Array(SEEDED_SLOTS).fill(Number.NaN),
	states: Array.from({length: SEEDED_SLOTS}, () => new Int32Array(N)),
	next: 0,
};

/** The slot holding the state seeded by `seed`, or -1. */
function seededSlot(seed: number): number {
	const {seeds} = seeded;
	for (let slot = 0; slot < SEEDED_SLOTS; slot++) if (seeds[slot] === seed) return slot;
	return -1;
}

/** A slot to seed `seed` into, taken from the oldest. */
function claimSlot(seed: number): Int32Array {
	const slot = seeded.next;
	seeded.next = (slot + 1) % SEEDED_SLOTS;
	seeded.seeds[slot] = seed;
	return seeded.states[slot]!;
}

/**
 * Memory for a generator's state: one given back by a released generator, else carved from a shared block.
 * Allocating 2.5 KB for each of an evaluation's generators costs more than most of its episodes' draws, and the
 * garbage collector more again. A block is freed once every state carved from it is.
 */
const STATES_PER_BLOCK = 16;
const block = {buffer: new ArrayBuffer(0), used: STATES_PER_BLOCK};
const released: Int32Array[] = [];
/** More than an evaluation's few generators at a time ever give back. */
const MOST_RELEASED = 64;

function stateMemory(): Int32Array {
	const reused = released.pop();
	if (reused !== undefined) return reused;
	if (block.used === STATES_PER_BLOCK) {
		block.buffer = new ArrayBuffer(STATES_PER_BLOCK * N * Int32Array.BYTES_PER_ELEMENT);
		block.used = 0;
	}
	return new Int32Array(block.buffer, block.used++ * N * Int32Array.BYTES_PER_ELEMENT, N);
}

export class PythonRandom {
	private seedValue: number;
	/** Allocated and seeded on the first draw: a policy that never draws never pays for either. */
	private state: Int32Array | null = null;
	private seeded = false;
	/** Elements before `index` have been handed out; elements from `twisted` on are still of the previous round. */
	private index = N;
	private twisted = N;

	constructor(seed: number) {
		checkSeed(seed);
		this.seedValue = seed;
	}

	/**
	 * Seeds to come (an evaluation's next episodes, at most sixteen are taken): their states are worked out together,
	 * with the chains of arithmetic side by side (seeder.wat), several times faster than one by one; a generator
	 * seeded with one of them copies its state.
	 */
	static prepare(seeds: readonly number[]): void {
		const fresh = [...new Set(seeds)].filter(seed => oneWordKey(seed) && seededSlot(seed) < 0).slice(0, 16);
		if (fresh.length < SIXTEEN_WORTH_IT) {
			for (const seed of fresh) seedOne(claimSlot(seed), seed);
			return;
		}
		seedSixteen(fresh);
		fresh.forEach((seed, index) => claimSlot(seed).set(SIXTEEN_STATES[index]!));
	}

	/** Starts the stream again from a seed, reusing the state's memory (CPython's `seed()`). */
	seed(seed: number): void {
		checkSeed(seed);
		this.seedValue = seed;
		this.seeded = false;
		this.index = N;
		this.twisted = N;
	}

	/**
	 * Gives the state's memory back for another generator: this one will not be drawn from again (a draw would fail).
	 * Releasing twice, or a generator that never drew, gives back nothing.
	 */
	release(): void {
		const state = this.state;
		if (state === null) return;
		this.state = null;
		if (released.length < MOST_RELEASED) released.push(state);
	}

	/** The next 32-bit output of the twister. */
	nextUint32(): number {
		if (this.index === this.twisted) this.twistAhead();
		let y = this.state![this.index++]!;
		y ^= y >>> 11;
		y ^= (y << 7) & 0x9d2c5680;
		y ^= (y << 15) & 0xefc60000;
		y ^= y >>> 18;
		return y >>> 0;
	}

	/** getrandbits(k) for 0 <= k <= 32. */
	getrandbits(k: number): number {
		if (k === 0) return 0;
		return this.nextUint32() >>> (32 - k);
	}

	/** A float in [0, 1) with 53 random bits. */
	random(): number {
		const a = this.nextUint32() >>> 5;
		const b = this.nextUint32() >>> 6;
		return (a * 67108864 + b) / 9007199254740992;
	}

	/** An integer in [0, n), by rejection sampling like CPython's _randbelow. */
	randbelow(n: number): number {
		const shift = Math.clz32(n);
		if (shift === 32) return 0;
		let r = this.nextUint32() >>> shift;
		while (r >= n) r = this.nextUint32() >>> shift;
		return r;
	}

	choice<T>(items: readonly T[]): T {
		if (items.length === 0) throw new RangeError('cannot choose from an empty sequence');
		return items[this.randbelow(items.length)]!;
	}

	private initialise(): void {
		const mt = (this.state ??= stateMemory());
		this.seeded = true;
		const seed = this.seedValue;
		const slot = seededSlot(seed);
		if (slot >= 0) {
			mt.set(seeded.states[slot]!);
			return;
		}
		const key = seedKey(seed);
		if (key.length === 1) seedOne(mt, seed);
		else initByArray(mt, key);
		claimSlot(seed).set(mt);
	}

	/**
	 * Twists the next few elements of the state (seeding it first if need be), starting a new round once the last was
	 * all handed out. MT19937's round updates elements in order and each update reads only later (not yet updated)
	 * elements or earlier (already updated) ones, so doing a few at a time on demand gives the same numbers while an
	 * episode that draws a few dozen never pays for all 624.
	 */
	private twistAhead(): void {
		if (!this.seeded) this.initialise();
		if (this.index === N) {
			this.index = 0;
			this.twisted = 0;
		}
		const mt = this.state!;
		const start = this.twisted;
		const end = Math.min(N, start + TWIST_AHEAD);
		// Element kk mixes kk, kk+1 and kk+397 (wrapping round the end): no wrap before N−M, one after, two at N−1.
		const noWrap = Math.min(end, N - M);
		for (let kk = start; kk < noWrap; kk++) {
			const y = (mt[kk]! & UPPER_MASK) | (mt[kk + 1]! & LOWER_MASK);
			mt[kk] = mt[kk + M]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
		}
		for (let kk = Math.max(start, N - M); kk < end; kk++) {
			const y = (mt[kk]! & UPPER_MASK) | (mt[kk + 1 === N ? 0 : kk + 1]! & LOWER_MASK);
			mt[kk] = mt[kk + M - N]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
		}
		this.twisted = end;
	}
}

/** How many elements of the state are twisted at a time: most draws then find theirs twisted already. */
const TWIST_AHEAD = 8;

/** True for a seed whose key is one 32-bit word (|seed| < 2^32): the seeders below take those. */
const oneWordKey = (seed: number): boolean => Number.isSafeInteger(seed) && Math.abs(seed) < TWO_POW_32;

/** init_by_array for any key. */
function initByArray(mt: Int32Array, key: readonly number[]): void {
	mt.set(BASE_STATE);
	let i = 1;
	let j = 0;
	for (let k = Math.max(N, key.length); k > 0; k--) {
		const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
		mt[i] = ((mt[i]! ^ Math.imul(prev, FIRST_MIX)) + (key[j]! | 0) + j) | 0;
		i++;
		j++;
		if (i >= N) {
			mt[0] = mt[N - 1]!;
			i = 1;
		}
		if (j >= key.length) j = 0;
	}
	for (let k = N - 1; k > 0; k--) {
		const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
		mt[i] = ((mt[i]! ^ Math.imul(prev, SECOND_MIX)) - i) | 0;
		i++;
		if (i >= N) {
			mt[0] = mt[N - 1]!;
			i = 1;
		}
	}
	mt[0] = UPPER_MASK;
}

// init_by_array for a one-word key, unrolled. With one word, j is always 0 and the key adds the same word at every
// element. The first loop runs N times: elements 1…N−1, then element 0 takes element N−1 and element 1 is mixed
// again. The second runs N−1 times: elements 2…N−1, the same wrap, element 1 once more. The previous element is
// carried in a variable instead of read back.

/** init_by_array([seed]) for |seed| < 2^32. */
function seedOne(mt: Int32Array, seed: number): void {
	const key = Math.abs(seed) | 0;
	let p = BASE_STATE[0]!;
	for (let i = 1; i < N; i++) {
		p = ((BASE_STATE[i]! ^ Math.imul(p ^ (p >>> 30), FIRST_MIX)) + key) | 0;
		mt[i] = p;
	}
	p = ((mt[1]! ^ Math.imul(p ^ (p >>> 30), FIRST_MIX)) + key) | 0;
	mt[1] = p;
	for (let i = 2; i < N; i++) {
		p = ((mt[i]! ^ Math.imul(p ^ (p >>> 30), SECOND_MIX)) - i) | 0;
		mt[i] = p;
	}
	p = ((mt[1]! ^ Math.imul(p ^ (p >>> 30), SECOND_MIX)) - 1) | 0;
	mt[1] = p;
	mt[0] = UPPER_MASK;
}

/** Below this many seeds, seeding them one by one costs less than a sixteen-seed pass. */
const SIXTEEN_WORTH_IT = 6;

// seeder.wat's memory: the keys at 0, the base state at 64, the sixteen seeded states from 45056 (2496 bytes each).
const seeder = new WebAssembly.Instance(new WebAssembly.Module(SEEDER_WASM)).exports as {
	readonly memory: WebAssembly.Memory;
	readonly seedSixteen: () => void;
};
const SIXTEEN_KEYS = new Int32Array(seeder.memory.buffer, 0, 16);
new Int32Array(seeder.memory.buffer, 64, N).set(BASE_STATE);
const SIXTEEN_STATES = Array.from({length: 16}, (_, index) => new Int32Array(seeder.memory.buffer, 45056 + index * N * 4, N));

/** init_by_array([seed]) for up to sixteen seeds with |seed| < 2^32, into SIXTEEN_STATES in their order. */
function seedSixteen(seeds: readonly number[]): void {
	SIXTEEN_KEYS.fill(0);
	seeds.forEach((seed, index) => (SIXTEEN_KEYS[index] = Math.abs(seed) | 0));
	seeder.seedSixteen();
}

/** The seeders, for tests that hold them to init_by_array. */
export const SEEDERS_FOR_TESTS = {
	initByArray,
	seedOne,
	seedKey,
	seedSixteen: (seeds: readonly number[]) => {
		seedSixteen(seeds);
		return SIXTEEN_STATES.slice(0, seeds.length).map(state => state.slice());
	},
};
