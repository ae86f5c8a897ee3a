// The patches the bundle makes to dependencies' text: each applies to the installed version, and a text that no
// longer reads as a patch expects fails the build with the patch named, rather than being patched wrongly.
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {replaceOnce} from '../scripts/patch-text.mjs';

const meowBuild = path.dirname(createRequire(import.meta.url).resolve('meow'));

describe('patching dependencies as they are bundled', () => {
	it('replaces text found exactly once, and refuses text found never or twice, naming the patch', () => {
		expect(replaceOnce('a b c', [['b', 'B']], 'x.js', 'scripts/p.mjs')).toBe('a B c');
		expect(() => replaceOnce('a c', [['b', 'B']], 'x.js', 'scripts/p.mjs')).toThrow(/x\.js no longer reads as scripts\/p\.mjs expects \(b\)/);
		expect(() => replaceOnce('b b', [['b', 'B']], 'x.js', 'scripts/p.mjs')).toThrow(/review the patch/);
	});

	it("finds meow's package normaliser where the patch expects it: built lazily, never called", async () => {
		const {meowPatchedText} = await import('../scripts/meow-patch.mjs');
		const dependencies = meowPatchedText('dependencies.js', readFileSync(path.join(meowBuild, 'dependencies.js'), 'utf8'));
		expect(dependencies).not.toMatch(/var normalizeExports\$?1? = requireNormalize/);
		const options = meowPatchedText('options.js', readFileSync(path.join(meowBuild, 'options.js'), 'utf8'));
		expect(options).not.toContain('normalizePackageData(pkg)');
	});
});
