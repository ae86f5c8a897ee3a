// A document written as it is made (eval's --json and --csv rows, as the episodes finish), in large synchronous writes,
// to a file that takes the target's place only once the document is complete. The text is gathered as bytes in one
// buffer used again and again: gathered as a string, each 64 KB lived long enough to be moved to V8's old
// generation, which grew the process by ~20 MB over 100,000 episodes.
import {JsonBytes} from './json-bytes.js';
import {StagedFile} from './output-file.js';

const FLUSH_BYTES = 1 << 16;

export class StreamedFile {
	private readonly file: StagedFile;
	private readonly out = new JsonBytes();

	/** `what` names the file in errors, as the flag that asked for it: `--json out.json`. */
	constructor(target: string, what: string) {
		this.file = new StagedFile(target, what);
	}

	text(text: string): void {
		this.out.text(text);
		if (this.out.length > FLUSH_BYTES) this.flush();
	}

	/** Writes what is left and puts the file in the target's place. */
	commit(): void {
		this.flush();
		this.file.commit();
	}

	/** Leaves the target as it was. */
	discard(): void {
		this.file.discard();
	}

	private flush(): void {
		const bytes = this.out.take();
		this.file.write(bytes);
		this.out.giveBack(bytes);
	}
}
