// A list that only grows, handing out its last items as arrays made once per append rather than once per read:
// every step's observation takes the recent logs, chat and inbox, while they change only now and then.
const NONE: readonly never[] = Object.freeze([]);

export class AppendOnly<T> {
	/** The items; the shared empty array until the first append, since most lists of an episode stay empty. */
	private list: readonly T[];
	/** Tails already handed out since the last append, by how many items they hold; null when none is. */
	private tails: Array<readonly T[] | undefined> | null = null;

	constructor(items: readonly T[] = NONE) {
		this.list = items.length === 0 ? NONE : items.slice();
	}

	get length(): number {
		return this.list.length;
	}

	/** Every item, oldest first. The array is the list's own: do not keep it across appends. */
	get items(): readonly T[] {
		return this.list;
	}

	push(item: T): void {
		// The list is the class's own array from the first push on (the constructor copies what it is given).
		const list = (this.list === NONE ? (this.list = []) : this.list) as T[];
		list.push(item);
		this.tails = null;
	}

	includes(item: T): boolean {
		return this.list.includes(item);
	}

	/** The last `count` items (all of them when there are fewer), in an array that never changes afterwards. */
	last(count: number): readonly T[] {
		if (this.list.length === 0 || count === 0) return NONE;
		const tails = (this.tails ??= []);
		return (tails[count] ??= this.list.slice(-count));
	}
}
