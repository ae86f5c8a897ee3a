// Which chaosops this is: package.json's version, set when the CLI is bundled; `dev` when run from source.
declare const VERSION: string | undefined;

export const CHAOSOPS_VERSION: string = typeof VERSION === 'string' ? VERSION : 'dev';

const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:[-+][0-9A-Za-z.+-]*)?$/;

/** A version a recording may carry: a release's (`0.1.0`, `1.2.3-rc.1`) or `dev`. */
export const isVersion = (text: string): boolean => text === 'dev' || SEMVER.test(text);

/** True when `version` is a release later than `than`; `dev` on either side compares as no later. */
export function isLaterVersion(version: string, than: string): boolean {
	const a = SEMVER.exec(version);
	const b = SEMVER.exec(than);
	if (a === null || b === null) return false;
	for (let part = 1; part <= 3; part++) {
		const difference = Number(a[part]) - Number(b[part]);
		if (difference !== 0) return difference > 0;
	}
	return false;
}
