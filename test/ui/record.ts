// Recordings for tests, written the way `chaosops play --record` writes them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {type PolicyMap, buildSeats, runEpisode} from '../../source/agents/runner.js';
import type {Scenario} from '../../source/env/types.js';
import {ROLES} from '../../source/env/vocabulary.js';
import {RecordingWriter, seatHolders} from '../../source/io/recording.js';

export const tempFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-recording-')), 'episode.jsonl');
export const heuristicEverywhere = Object.fromEntries(ROLES.map(role => [role, 'heuristic' as const]));

/** Writes a scripted episode as `chaosops play --record` would, step by step, and returns the file. */
export function recordScripted(scenario: Scenario, file = tempFile(), policies: PolicyMap = heuristicEverywhere): string {
	const writer = new RecordingWriter(file);
	const {steps} = runEpisode(scenario, buildSeats(policies, scenario));
	const journal = writer.begin({
		version: 'dev',
		scenario,
		preset: null,
		seats: seatHolders(policies),
		policies,
		reset: steps[0]!.observation,
	});
	for (const step of steps) journal.step(step);
	writer.close();
	return file;
}

