import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import zlib from 'node:zlib';
import type {Scenario} from '../../source/env/types.js';
import {scenarioOf} from '../../source/io/protocol.js';

export const fixturePath = (name: string) => path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', name);

export type TraceStep = {
	turn?: number;
	role?: string;
	action: Record<string, unknown>;
	reward?: number;
	observation: Record<string, unknown>;
	breakdown: Record<string, number>;
	info: Record<string, unknown>;
};

export type TraceCase = {
	id: string;
	kind: 'policy' | 'actions';
	scenario: any;
	policies?: Record<string, string>;
	policy_seed?: number;
	reset: Record<string, unknown>;
	steps: TraceStep[];
	result?: Record<string, unknown>;
};

let cached: TraceCase[] | undefined;

/** The reference's recorded episodes (spec §14). */
export function loadTraces(): TraceCase[] {
	cached ??= zlib
		.gunzipSync(fs.readFileSync(fixturePath('traces.jsonl.gz')))
		.toString('utf8')
		.split('\n')
		.filter(line => line.trim() !== '')
		.map(line => JSON.parse(line) as TraceCase);
	return cached;
}

export const readJsonFixture = <T>(name: string): T => JSON.parse(fs.readFileSync(fixturePath(name), 'utf8')) as T;

/** JSON round trip: the comparison the spec asks for is of numbers as numbers, keys as the wire sends them. */
export const asWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** A trace's scenario as the engine plays it: the recorded fields, with the built-in incident they name. */
export const playedScenario = (trace: TraceCase): Scenario => scenarioOf(trace.scenario);
