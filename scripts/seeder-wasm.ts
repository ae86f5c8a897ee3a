// Compiles source/env/seeder.wat into source/env/seeder-wasm.ts, the bytes rng.ts instantiates. Run it after editing
// the .wat: `node --import tsx scripts/seeder-wasm.ts`. A test checks that the two are in step.
import {readFileSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import initWabt from 'wabt';

const WAT = fileURLToPath(new URL('../source/env/seeder.wat', import.meta.url));
const MODULE = fileURLToPath(new URL('../source/env/seeder-wasm.ts', import.meta.url));

/** The TypeScript module holding the compiled bytes of seeder.wat. */
export async function seederModule(): Promise<string> {
	const wabt = await initWabt();
	const parsed = wabt.parseWat('seeder.wat', readFileSync(WAT, 'utf8'), {simd: true});
	const bytes = Buffer.from(parsed.toBinary({}).buffer);
	parsed.destroy();
	return [
		'// Generated from seeder.wat by scripts/seeder-wasm.ts: do not edit.',
		`export const SEEDER_WASM = Uint8Array.from(atob('${bytes.toString('base64')}'), character => character.charCodeAt(0));`,
		'',
	].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeFileSync(MODULE, await seederModule());
