// The facilitator console of `chaosops host`: who is in each seat and how long each has taken, the turn's countdown,
// every role's view and the ground truth side by side, the turn log, and one-key controls over the drill. It draws
// the drill's snapshot and events as they are given and asks the drill to act through `commands`; its own state
// (the prompt open, what was said) is console-state's, its keys console-controls' and console-actions'.
import {Box, Text, useInput} from 'ink';
import type {ReactNode} from 'react';
import {HUMAN} from '../../agents/person.js';
import type {Scenario} from '../../env/types.js';
import {TURN_ORDER} from '../../env/vocabulary.js';
import type {DrillSnapshot} from '../../net/drill.js';
import {type DrillCommands, SEAT_PROMPTS, consoleActions} from '../console-actions.js';
import {CONSOLE_CONTROLS, type ConsoleControlState, consoleFooter, unboundConsoleKey, usableControls} from '../console-controls.js';
import {SEATS_LINES, SEATS_WIDTH, consoleLayout} from '../console-layout.js';
import {type ConsoleStateApi, type Prompt, useConsoleState} from '../console-state.js';
import {type ConsoleEvent, type JoinInfo, drillStatus, hintableSeats, joinsWanted, seatRows, truthMarks, turnLogEntries, viewRoles} from '../console-view.js';
import {roleName, signed} from '../format.js';
import {useKeyTable} from '../hooks.js';
import {MIN_COLUMNS, MIN_ROWS, type TerminalSize, fitsMinimum} from '../layout.js';
import {type SheetLine, line} from '../sheet.js';
import {fit, fitSpans} from '../text-fit.js';
import {ChooseSeat, ConfirmEnd, TypeText, chooseLines, typeLines} from './ConsolePrompt.js';
import {TruthColumn, ViewColumn, seatLines} from './ConsolePanels.js';
import {TooSmall} from './HandOver.js';
import {Panel} from './Panel.js';
import {Sheet} from './Sheet.js';
import {SPINNER_COLUMNS, Spinner, type StatusEntry} from './Spinner.js';

export type ConsoleProps = {
	readonly drill: DrillSnapshot;
	/** What happened so far, oldest first: the turn log. */
	readonly events: readonly ConsoleEvent[];
	readonly join: JoinInfo;
	readonly scenario: Scenario;
	/** The drill's clock now (its timers'), for the time taken and the countdown. */
	readonly now: number;
	readonly size: TerminalSize;
	readonly commands: DrillCommands;
	/** The facilitator is done: the drill is over, and they left. */
	readonly onLeave: () => void;
	/** Ctrl+C: the drill is ended and the console left at once. */
	readonly onInterrupt: () => void;
};

/** Lines the bottom takes for a prompt, or for the status line. */
function promptLines(prompt: Prompt | null, drill: DrillSnapshot): number {
	if (prompt === null || prompt.kind === 'end') return 1;
	if (prompt.kind === 'choose') return chooseLines(SEAT_PROMPTS[prompt.purpose].items(drill).length);
	return typeLines;
}

const joinLineCount = (wanted: readonly unknown[]): number => (wanted.length === 0 ? 0 : 1 + wanted.length);

/** The join commands to give, while some open seat has nobody in it: a heading and a line per seat. */
function joinLines(wanted: ReturnType<typeof joinsWanted>, join: JoinInfo, started: boolean, width: number): SheetLine[] {
	if (wanted.length === 0) return [];
	const heading = started ? `JOIN (code ${join.code}): until someone joins, the teammate plays the seat` : `JOIN: give each player their line (code ${join.code})`;
	return [line(heading, width, {bold: true, color: 'yellow'}), ...wanted.map(({role, command}) => line(`  ${roleName(role).padEnd(10)} ${command}`, width))];
}

/** The keys that can act now and what they do, for the room a wide terminal leaves under the seats. */
const keyLines = (state: ConsoleControlState, width: number, rows: number): SheetLine[] =>
	rows < 2
		? []
		: [
				line('KEYS', width, {bold: true, color: 'cyan'}),
				...usableControls(state).map(control => line(`  ${control.keyLabel.padEnd(6)} ${control.help}`, width, {dim: true})),
			].slice(0, rows);

export function Console({drill, events, join, scenario, now, size, commands, onLeave, onInterrupt}: ConsoleProps) {
	const ui = useConsoleState();
	const {columns, rows} = size;
	const wanted = joinsWanted(drill, join);
	const layout = consoleLayout(size, joinLineCount(wanted), promptLines(ui.prompt, drill));
	const topWidth = layout.wide ? SEATS_WIDTH : columns;
	const joinText = joinLines(wanted, join, drill.started, topWidth);
	const roles = viewRoles(ui.lead ?? drill.pending?.role ?? 'sre', layout.views.columns - 1);
	const actions = consoleActions(drill, commands, ui, onLeave);
	const controlState: ConsoleControlState = {
		started: drill.started,
		over: drill.ended !== null,
		anyoneIn: hintableSeats(drill).length > 0,
		allViewsShown: roles.length === TURN_ORDER.length,
	};
	const small = !fitsMinimum(size);
	// Ctrl+C leaves at once, whoever has the keyboard (the text input lets it through).
	useInput((input, key) => {
		if (key.ctrl && input === 'c') onInterrupt();
	});
	useKeyTable({
		controls: CONSOLE_CONTROLS,
		state: controlState,
		run: actions.run,
		onIdle: reason => ui.say({entry: {text: reason, color: 'yellow'}, over: drill.ended !== null}),
		unbound: unboundConsoleKey,
		isActive: ui.prompt === null && !small,
	});
	if (small) return <TooSmall size={size} needed={{columns: MIN_COLUMNS, rows: MIN_ROWS}} />;

	const marks = truthMarks(drill.truth);
	const seats = <Sheet lines={[...joinText, ...seatLines(seatRows(drill, now), SEATS_WIDTH)]} />;
	const turnLog = <Panel title="TURN LOG" lines={layout.turnLog.lines} width={layout.turnLog.width} entries={turnLogEntries(events)} />;
	const services = scenario.incident.serviceNames;
	return (
		<Box flexDirection="column" width={columns} height={rows}>
			<Sheet lines={[headerSpans(drill, scenario, join, columns)]} />
			{layout.wide ? (
				<Box height={layout.top}>
					<Box flexDirection="column" width={SEATS_WIDTH}>
						{seats}
						<Sheet lines={keyLines(controlState, SEATS_WIDTH, layout.top - joinText.length - SEATS_LINES)} />
					</Box>
					<Box width={1} />
					{turnLog}
				</Box>
			) : (
				seats
			)}
			<Box height={layout.views.lines}>
				{roles.map(role => (
					<Box key={role} marginRight={1}>
						<ViewColumn
							role={role}
							seat={drill.seats[role]}
							observation={drill.observations[role]}
							deciding={drill.pending?.role === role}
							watched={drill.spectatorView === role}
							services={services}
							marks={marks}
							lines={layout.views.lines}
							width={layout.views.width}
						/>
					</Box>
				))}
				<TruthColumn truth={drill.truth} services={services} lines={layout.views.lines} width={layout.views.width} />
			</Box>
			{layout.wide ? null : turnLog}
			<Bottom drill={drill} ui={ui} actions={actions} now={now} width={columns} />
			<Text dimColor>{fit(consoleFooter(controlState), columns)}</Text>
		</Box>
	);
}

type BottomProps = {
	readonly drill: DrillSnapshot;
	readonly ui: ConsoleStateApi;
	readonly actions: ReturnType<typeof consoleActions>;
	readonly now: number;
	readonly width: number;
};

/** The prompt open, else the status line: what was just said, or how the drill stands. */
function Bottom({drill, ui, actions, now, width}: BottomProps) {
	const {prompt} = ui;
	const cancel = () => ui.close();
	const prompts: Record<Prompt['kind'], () => ReactNode> = {
		choose: () => {
			const {purpose} = prompt as Extract<Prompt, {kind: 'choose'}>;
			const {title, items} = SEAT_PROMPTS[purpose];
			return <ChooseSeat title={title} items={items(drill)} width={width} onChoose={role => actions.choose(purpose, role)} onCancel={cancel} />;
		},
		hint: () => {
			const {role} = prompt as Extract<Prompt, {kind: 'hint'}>;
			const title = `HINT TO ${roleName(role)} (${drill.seats[role].player ?? 'nobody'}): Enter sends it, Esc goes back`;
			return <TypeText title={title} width={width} onSubmit={text => actions.sendHint(role, text)} onCancel={cancel} />;
		},
		note: () => (
			<TypeText
				title={`NOTE AT TURN ${drill.turn}: Enter writes it into the recording (alone, marks the turn); Esc goes back`}
				width={width}
				emptyTaken
				onSubmit={actions.writeNote}
				onCancel={cancel}
			/>
		),
		end: () => <ConfirmEnd onEnd={actions.end} onCancel={cancel} />,
	};
	if (prompt !== null) return <>{prompts[prompt.kind]()}</>;
	// What was said while the drill ran is stale once it is over: that is the news.
	const {said} = ui;
	const status: StatusEntry = said !== null && said.over === (drill.ended !== null) ? said.entry : drillStatus(drill, now);
	return (
		<Text color={status.color} bold={status.bold}>
			{status.spinning ? (
				<>
					{' '}
					<Spinner color={status.color} />
					{fit(` ${status.text}`, width - SPINNER_COLUMNS)}
				</>
			) : (
				fit(` ${status.text}`, width)
			)}
		</Text>
	);
}

/** The top line: the facilitator's console, how far the drill is, whose turn, the reward, paused, and which incident. */
function headerSpans(drill: DrillSnapshot, scenario: Scenario, join: JoinInfo, width: number): SheetLine {
	const {pending, truth} = drill;
	const step = truth.step_count + (pending === null ? 0 : 1);
	const turn =
		drill.ended !== null ? 'over' : !drill.started ? 'waiting for players' : pending === null ? '' : `${roleName(pending.role)}'s turn (${pending.by === HUMAN ? (drill.seats[pending.role].player ?? 'player') : pending.title})`;
	return fitSpans(
		[
			{text: ' ChaosOps drill ', bold: true, inverse: true},
			{text: ` step ${step}/${scenario.max_steps} · `},
			{text: fit(turn, 40), color: pending?.by === HUMAN ? 'greenBright' : undefined},
			{text: ` · reward ${signed(truth.cumulative_reward)}`},
			...(drill.paused ? [{text: ' · PAUSED', color: 'yellow', bold: true}] : []),
			{text: ` · ${scenario.incident.file.title}`, bold: true},
			{text: ` · ${scenario.difficulty} · seed ${scenario.seed} · ${join.address} code ${join.code}`, dim: true},
		],
		width,
	);
}
