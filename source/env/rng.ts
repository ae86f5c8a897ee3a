// CPython's random.Random(seed) for integer seeds (§11): MT19937 seeded by init_by_array, so that red herrings
// and scripted policies draw exactly what the reference draws.
// The state is kept as signed 32-bit words with `| 0` arithmetic: the same bits as CPython's uint32 words,
// but V8 keeps them in integer registers instead of boxing values above 2^31 as doubles.
const N = 624;
const M = 397;
const UPPER_MASK = 0x80000000 | 0;
const LOWER_MASK = 0x7fffffff;
const MATRIX_A = 0x9908b0df | 0;
const TWO_POW_32 = 4294967296;

/** The 32-bit words of |seed|, least significant first; `[0]` for seed 0. */
export function seedKey(seed: number): number[] {
	if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer with |seed| < 2^53, got ${seed}`);
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
 * The state right after the last seeding. Seeding costs ~4 µs of serial arithmetic, and an episode's environment
 * and its policies are usually seeded alike, so the second generator copies the first one's starting state.
 */
const lastSeeding = {seed: Number.NaN, state: new Int32Array(N)};

export class PythonRandom {
	private seedValue: number;
	/** Seeded on the first draw: a policy that never draws never pays for seeding. */
	private seeded = false;
	private state: Int32Array | null = null;
	/** Elements before `index` have been handed out; elements from `twisted` on are still of the previous round. */
	private index = N;
	private twisted = N;

	constructor(seed: number) {
		seedKey(seed);
		this.seedValue = seed;
	}

	/** Starts the stream again from a seed, reusing the state's memory (CPython's `seed()`). */
	seed(seed: number): void {
		seedKey(seed);
		this.seedValue = seed;
		this.seeded = false;
	}

	/** The next 32-bit output of the twister. */
	nextUint32(): number {
		const mt = this.seeded ? this.state! : this.initialise();
		if (this.index >= N) {
			this.index = 0;
			this.twisted = 0;
		}
		if (this.index >= this.twisted) this.twistNext(mt);
		let y = mt[this.index++]!;
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
		const k = 32 - Math.clz32(n);
		let r = this.getrandbits(k);
		while (r >= n) r = this.getrandbits(k);
		return r;
	}

	choice<T>(items: readonly T[]): T {
		if (items.length === 0) throw new RangeError('cannot choose from an empty sequence');
		return items[this.randbelow(items.length)]!;
	}

	private initialise(): Int32Array {
		const mt = (this.state ??= new Int32Array(N));
		this.seeded = true;
		this.index = N;
		this.twisted = N;
		if (lastSeeding.seed === this.seedValue) {
			mt.set(lastSeeding.state);
			return mt;
		}
		initByArray(mt, seedKey(this.seedValue));
		lastSeeding.seed = this.seedValue;
		lastSeeding.state.set(mt);
		return mt;
	}

	/**
	 * Twists the next element only. MT19937's round updates elements in order and each update reads only
	 * later (not yet updated) elements or earlier (already updated) ones, so doing it element by element on
	 * demand gives the same numbers while an episode that draws a few dozen never pays for all 624.
	 */
	private twistNext(mt: Int32Array): void {
		const kk = this.twisted++;
		const y = (mt[kk]! & UPPER_MASK) | (mt[kk + 1 === N ? 0 : kk + 1]! & LOWER_MASK);
		mt[kk] = mt[kk + M < N ? kk + M : kk + M - N]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
	}
}

function initByArray(mt: Int32Array, key: readonly number[]): void {
	mt.set(BASE_STATE);
	let i = 1;
	let j = 0;
	for (let k = Math.max(N, key.length); k > 0; k--) {
		const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
		mt[i] = ((mt[i]! ^ Math.imul(prev, 1664525)) + (key[j]! | 0) + j) | 0;
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
		mt[i] = ((mt[i]! ^ Math.imul(prev, 1566083941)) - i) | 0;
		i++;
		if (i >= N) {
			mt[0] = mt[N - 1]!;
			i = 1;
		}
	}
	mt[0] = UPPER_MASK;
}
