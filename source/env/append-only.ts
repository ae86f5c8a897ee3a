// A list that only grows, handing out its last items as arrays made once per append rather than once per read:
// every step's observation takes the recent logs, chat and inbox, while they change only now and then.
const NONE: readonly never[] = Object.freeze([]);

export class AppendOnly<T> {
	private readonly list: T[];
	/** Tails already handed out since the last append, by how many items they hold. */
	private tails: Array<readonly T[] | undefined> = [];

	constructor(items: readonly T[] = []) {
		this.list = items.slice();
	}

	get length(): number {
		return this.list.length;
	}

	/** Every item, oldest first. The array is the list's own: do not keep it across appends. */
	get items(): readonly T[] {
		return this.list;
	}

	push(item: T): void {
		this.list.push(item);
		if (this.tails.length > 0) this.tails = [];
	}

	includes(item: T): boolean {
		return this.list.includes(item);
	}

	/** The last `count` items (all of them when there are fewer), in an array that never changes afterwards. */
	last(count: number): readonly T[] {
		if (this.list.length === 0 || count === 0) return NONE;
		return (this.tails[count] ??= this.list.slice(-count));
	}
}
