// An esbuild plugin for the bundle: string-width's test for RGI emoji, which it compiles as it loads and which costs
// the app's first frame ~30 ms, replaced by source/ui/rgi-emoji.ts, which answers the same and compiles it only for
// a grapheme that could be one. A string-width whose text is not the one this was written against fails the build,
// so that an upgrade is looked at rather than silently left slow or patched wrongly.
import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import {occurrences} from './patch-text.mjs';

const DECLARATION = 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;';
const TEST = 'rgiEmojiRegex.test(segment)';
const REPLACEMENT = fileURLToPath(new URL('../source/ui/rgi-emoji.ts', import.meta.url));


/** string-width's source with its RGI emoji test replaced; throws if the source is not as expected. */
export function patchStringWidth(source) {
	if (occurrences(source, DECLARATION) !== 1 || occurrences(source, TEST) !== 1 || occurrences(source, 'rgiEmojiRegex') !== 2) {
		throw new Error('string-width no longer tests for RGI emoji as scripts/string-width-patch.mjs expects: review the patch');
	}
	return `import {isRgiEmoji} from ${JSON.stringify(REPLACEMENT)};\n${source.replace(DECLARATION, '').replace(TEST, 'isRgiEmoji(segment)')}`;
}

export const stringWidthPatch = {
	name: 'string-width-rgi-emoji',
	setup(build) {
		build.onLoad({filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/}, async ({path}) => {
			const source = await readFile(path, 'utf8');
			// An older string-width (wrap-ansi's own) finds emoji by other means: left as it is.
			if (!source.includes('rgiEmojiRegex')) return undefined;
			return {contents: patchStringWidth(source), loader: 'js'};
		});
	},
};
