// What can be drawn over the middle of the play screen: help, the seat picker, the ground truth, the quit prompt.
// Each handles its own keys while it is open.
import {Box, Text, useInput} from 'ink';
import SelectInput from 'ink-select-input';
import type {GroundTruthState} from '../../env/environment.js';
import {ROLES, type Role} from '../../env/vocabulary.js';
import {visibleLines} from '../../io/terminal-text.js';
import {controlsFor} from '../controls.js';
import {roleName} from '../format.js';
import {HUMAN} from '../session.js';

type HelpProps = {readonly readOnly: boolean; readonly briefing: string | null; readonly onClose: () => void};

export function HelpOverlay({readOnly, briefing, onClose}: HelpProps) {
	useInput(() => onClose());
	return (
		<Box flexDirection="column">
			<Text bold color="cyan">
				CONTROLS (any key closes)
			</Text>
			{controlsFor(readOnly).map(control => (
				<Text key={control.name} wrap="truncate-end">
					{`  ${control.keyLabel.padEnd(6)} ${control.help}`}
				</Text>
			))}
			<Text wrap="truncate-end">{'  ↑↓ ⏎   pick an action and its arguments; Esc steps back'}</Text>
			{briefing ? (
				<>
					<Text bold color="cyan">
						BRIEFING
					</Text>
					<Box paddingLeft={2}>
						<Text>{visibleLines(briefing)}</Text>
					</Box>
				</>
			) : null}
		</Box>
	);
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
			<SelectInput items={items} onSelect={item => onPick(item.value)} />
		</Box>
	);
}

export function QuitPrompt({onQuit, onCancel}: {readonly onQuit: () => void; readonly onCancel: () => void}) {
	useInput((input, key) => {
		if (input === 'y') onQuit();
		else if (input === 'n' || key.escape) onCancel();
	});
	return (
		<Text bold color="yellow">
			{' The episode is still running. Quit? (y / n)'}
		</Text>
	);
}

type TruthProps = {readonly truth: GroundTruthState; readonly revealedAtStep: number | null; readonly onClose: () => void};

export function TruthOverlay({truth, revealedAtStep, onClose}: TruthProps) {
	useInput((input, key) => {
		if (input === 'g' || key.escape) onClose();
	});
	const herrings = truth.all_logs.filter(log => log.is_red_herring);
	const malicious = truth.fleet_actions.filter(action => action.was_malicious);
	return (
		<Box flexDirection="column">
			<Text bold color="magenta" wrap="truncate-end">
				{`GROUND TRUTH — revealed at step ${revealedAtStep ?? truth.step_count}; marked in the recording and summary (g closes)`}
			</Text>
			<Text wrap="truncate-end">{`  failure type:        ${truth.failure_type}`}</Text>
			<Text wrap="truncate-end">{`  rogue fleet agent:   ${truth.rogue_fleet_agent ?? 'none (infra fault)'}`}</Text>
			<Text wrap="truncate-end">{`  declared root cause: ${truth.declared_root_cause ?? 'not yet'}`}</Text>
			<Text wrap="truncate-end">{`  red herrings:        ${herrings.length === 0 ? 'none' : ''}`}</Text>
			{herrings.map((log, index) => (
				<Text key={index} wrap="truncate-end" dimColor>{`    ${log.service}: ${log.message}`}</Text>
			))}
			<Text wrap="truncate-end">{`  malicious fleet actions: ${malicious.length === 0 ? 'none' : ''}`}</Text>
			{malicious.map((action, index) => (
				<Text key={index} wrap="truncate-end" color="red">{`    t${action.step} ${action.agent_name} ${action.action} -> ${action.target}`}</Text>
			))}
		</Box>
	);
}
