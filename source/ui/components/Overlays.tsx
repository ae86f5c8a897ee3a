// What can be drawn over the play screen below its header: help, the seat picker, the ground truth, the quit prompt
// (the detail view is in DetailView.tsx).
// Each handles its own keys while it is open; those with much to say fit it to the room they are given.
import {Box, Text, useInput} from 'ink';
import {useState} from 'react';
import type {GroundTruthState} from '../../env/environment.js';
import type {Scenario} from '../../env/types.js';
import {ROLES, type Role} from '../../env/vocabulary.js';
import {type KeySet, keysFor} from '../controls.js';
import {debriefBlocks} from '../debrief.js';
import {roleName} from '../format.js';
import type {Room} from '../layout.js';
import {HUMAN, type HintsTaken, type PlaySnapshot} from '../session.js';
import {type Block, fitBlocks, hanging, line} from '../sheet.js';
import {Menu} from './Menu.js';
import {SCORING_PAGE_KEY, ScoringPage} from './ScoringPage.js';
import {Sheet} from './Sheet.js';

const heading = (text: string, width: number, color = 'cyan'): Block => ({lines: [line(text, width, {bold: true, color})], min: 1});

type HelpProps = {
	readonly readOnly: boolean;
	readonly briefing: string | null;
	readonly hints: HintsTaken;
	/** The scenario played: the scoring page explains its rules. */
	readonly scenario: Scenario;
	readonly room: Room;
	readonly onClose: () => void;
};

/** The help: the controls, hints taken and briefing; `s` turns to how scoring works, and back. */
export function HelpOverlay({readOnly, briefing, hints, scenario, room, onClose}: HelpProps) {
	const [scoring, setScoring] = useState(false);
	if (scoring) return <ScoringPage scenario={scenario} room={room} onBack={() => setScoring(false)} onClose={onClose} />;
	const sections: HelpSection[] = [
		...(hints.shown.length === 0 ? [] : [{heading: `HINTS TAKEN (${hints.shown.length} of ${hints.ladder})`, texts: hints.shown, numbered: true}]),
		...(briefing ? [{heading: 'BRIEFING', texts: [briefing]}] : []),
	];
	return <ControlsPage keys={keysFor(readOnly)} sections={sections} room={room} onScoring={() => setScoring(true)} onClose={onClose} />;
}

/** A part of the help after the keys: a heading, then its texts, numbered or not. */
export type HelpSection = {readonly heading: string; readonly texts: readonly string[]; readonly numbered?: boolean};

type ControlsProps = {
	readonly keys: KeySet<string, never>;
	readonly sections: readonly HelpSection[];
	readonly room: Room;
	/** Turns to the scoring page; null where there is none. */
	readonly onScoring: (() => void) | null;
	readonly onClose: () => void;
};

/** Every key and what it does, then the sections; any key closes it (but the scoring page's key, where there is one). */
export function ControlsPage({keys, sections, room: {lines, width}, onScoring, onClose}: ControlsProps) {
	useInput(input => (input === SCORING_PAGE_KEY && onScoring !== null ? onScoring() : onClose()));
	const blocks: Block[] = [
		heading(`CONTROLS (${onScoring === null ? 'any key closes' : `${SCORING_PAGE_KEY}: how scoring works · any other key closes`})`, width),
		...keys.reference.map(([key, help]) => ({lines: [line(`  ${key.padEnd(6)} ${help}`, width)], min: 1})),
		...sections.flatMap(({heading: title, texts, numbered = false}) => [
			heading(title, width),
			...texts.map((text, index) => ({lines: hanging({text: numbered ? `  ${index + 1}. ` : '  '}, text, width, numbered ? 5 : 2), min: 1})),
		]),
	];
	return <Sheet lines={fitBlocks(blocks, lines, width)} />;
}

type SeatProps = {
	readonly holders: Readonly<Record<Role, string>>;
	readonly onPick: (role: Role) => void;
	readonly onClose: () => void;
};

export function SeatPicker({holders, onPick, onClose}: SeatProps) {
	useInput((_input, key) => {
		if (key.escape) onClose();
	});
	const items = ROLES.map(role => {
		const holder = holders[role];
		const label =
			holder === HUMAN ? `${roleName(role).padEnd(10)} you — hand back to the team` : `${roleName(role).padEnd(10)} ${holder} — take over`;
		return {label, value: role};
	});
	return (
		<Box flexDirection="column">
			<Text bold color="cyan">
				TAKE OVER OR HAND BACK A ROLE (Esc closes)
			</Text>
			<Menu items={items} onSelect={onPick} />
		</Box>
	);
}

type QuitProps = {readonly onQuit: () => void; readonly onCancel: () => void; readonly question?: string};

/** Asks before quitting: y quits, n or Esc goes back. */
export function QuitPrompt({onQuit, onCancel, question = 'The episode is still running. Quit?'}: QuitProps) {
	useInput((input, key) => {
		if (input === 'y') onQuit();
		else if (input === 'n' || key.escape) onCancel();
	});
	return (
		<Text bold color="yellow">
			{` ${question} (y / n)`}
		</Text>
	);
}

/** The ground truth's labels, padded so that the values line up. */
const FACT_WIDTH = 'malicious fleet actions: '.length;

type TruthProps = {readonly play: PlaySnapshot; readonly truth: GroundTruthState; readonly room: Room; readonly onClose: () => void};

/** The ground truth, then the author's account of it: what happened, the notes on what was played, why the red herrings mislead. */
export function TruthOverlay({play, truth, room: {lines, width}, onClose}: TruthProps) {
	useInput((input, key) => {
		if (input === 'g' || key.escape) onClose();
	});
	const {incident, trainer} = play;
	const herrings = truth.all_logs.filter(log => log.is_red_herring);
	const malicious = truth.fleet_actions.filter(action => action.was_malicious);
	const fact = (label: string, value: string): Block => ({lines: [line(`  ${label.padEnd(FACT_WIDTH)}${value}`, width)], min: 1});
	const blocks: Block[] = [
		heading(`GROUND TRUTH — revealed at step ${play.revealedAtStep ?? truth.step_count}; marked in the recording and summary (g closes)`, width, 'magenta'),
		fact('incident:', `${incident.name} — ${incident.title}`),
		fact('rogue fleet agent:', truth.rogue_fleet_agent ?? 'none (infra fault)'),
		fact('declared root cause:', truth.declared_root_cause ?? 'not yet'),
		...(trainer === null ? [] : debriefBlocks(trainer, play.played, width)),
		...(herrings.length === 0
			? [fact('red herrings:', 'none')]
			: [
					{
						lines: hanging({text: `Red herrings (${herrings.length}): `, bold: true, color: 'yellow'}, trainer?.redHerrings ?? 'misleading log lines, listed below.', width, 2),
						min: 1,
					},
					{lines: herrings.map(log => line(`    ${log.service}: ${log.message}`, width, {dim: true})), min: 1},
				]),
		malicious.length === 0
			? fact('malicious fleet actions:', 'none')
			: {
					lines: [
						line('  malicious fleet actions:', width),
						...malicious.map(action => line(`    t${action.step} ${action.agent_name} ${action.action} -> ${action.target}`, width, {color: 'red'})),
					],
					min: 2,
				},
	];
	return <Sheet lines={fitBlocks(blocks, lines, width)} />;
}
