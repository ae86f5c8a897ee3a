// Patching a dependency's text as it is bundled: each patch names the exact text it replaces, and a dependency
// whose text no longer reads so fails the build, so that an upgrade is looked at rather than patched wrongly.

/** How many times `part` occurs in `text`. */
export const occurrences = (text, part) => text.split(part).length - 1;

/** `source` with each [from, to] replaced, each `from` found exactly once; `what` and `patcher` name them when one is not. */
export function replaceOnce(source, replacements, what, patcher) {
	return replacements.reduce((text, [from, to]) => {
		if (occurrences(text, from) !== 1) throw new Error(`${what} no longer reads as ${patcher} expects (${from}): review the patch`);
		return text.replace(from, to);
	}, source);
}
