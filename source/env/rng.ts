// CPython's random.Random(seed) for integer seeds (§11): MT19937 seeded by init_by_array, so that red herrings
// and scripted policies draw exactly what the reference draws.
const N = 624;
const M = 397;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
const MATRIX_A = 0x9908b0df;
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

export class PythonRandom {
	private readonly state = new Uint32Array(N);
	private index = N + 1;

	constructor(seed: number) {
		this.initByArray(seedKey(seed));
	}

	/** The next 32-bit output of the twister. */
	nextUint32(): number {
		if (this.index >= N) this.twist();
		let y = this.state[this.index++]!;
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

	private initGenrand(seed: number): void {
		const mt = this.state;
		mt[0] = seed >>> 0;
		for (let i = 1; i < N; i++) {
			const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
			mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
		}
		this.index = N;
	}

	private initByArray(key: readonly number[]): void {
		const mt = this.state;
		this.initGenrand(19650218);
		let i = 1;
		let j = 0;
		for (let k = Math.max(N, key.length); k > 0; k--) {
			const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
			mt[i] = ((mt[i]! ^ Math.imul(prev, 1664525)) + key[j]! + j) >>> 0;
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
			mt[i] = ((mt[i]! ^ Math.imul(prev, 1566083941)) - i) >>> 0;
			i++;
			if (i >= N) {
				mt[0] = mt[N - 1]!;
				i = 1;
			}
		}
		mt[0] = 0x80000000;
	}

	private twist(): void {
		const mt = this.state;
		for (let kk = 0; kk < N; kk++) {
			const y = (mt[kk]! & UPPER_MASK) | (mt[(kk + 1) % N]! & LOWER_MASK);
			mt[kk] = mt[(kk + M) % N]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
		}
		this.index = 0;
	}
}
