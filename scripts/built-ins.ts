// The built-in presets and incidents as the build checks them (scripts/build.mjs bundles this and runs it): each file
// validated as the CLI validates a user's, and what that gave kept as JSON with the SHA-256 of the bytes checked, for
// source/io/built-ins.ts to take while the file is unchanged. A file that does not validate, or whose validated form
// JSON does not carry as it is, is left out, and the CLI validates it (and says what is wrong) at every start.
import {readFileSync} from 'node:fs';
import {isDeepStrictEqual} from 'node:util';
import {builtInFile, builtInIncidentNames, builtInKey, presetFile, presetNames} from '../source/io/built-ins.js';
import {digestOf} from '../source/io/digest.js';
import {InputError} from '../source/io/errors.js';
import {incidentFileProblems, readIncidentValue} from '../source/io/incidents.js';
import {readScenarioFile} from '../source/io/scenarios.js';

export type CheckedBuiltIns = Record<string, readonly [digest: string, checked: string]>;

/** An incident file as validating it gives it, or undefined when it has problems. */
function validIncidentFile(file: string): unknown {
	const {file: parsed, problems} = incidentFileProblems(readIncidentValue(file, file));
	return problems.length === 0 ? (parsed ?? undefined) : undefined;
}

export function checkBuiltIns(): CheckedBuiltIns {
	const checked: CheckedBuiltIns = {};
	const check = (file: string, validate: (file: string) => unknown) => {
		const bytes = readFileSync(file);
		let value: unknown;
		try {
			value = validate(file);
		} catch (error) {
			if (error instanceof InputError) return;
			throw error;
		}
		const text = value === undefined ? undefined : JSON.stringify(value);
		if (text !== undefined && isDeepStrictEqual(JSON.parse(text), value)) checked[builtInKey(file)] = [digestOf(bytes), text];
	};
	for (const file of presetNames().map(presetFile)) if (file !== null) check(file, readScenarioFile);
	for (const name of builtInIncidentNames()) check(builtInFile(name), validIncidentFile);
	return checked;
}
