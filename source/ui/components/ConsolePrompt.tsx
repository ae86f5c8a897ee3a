// What the facilitator console asks at the bottom of its screen: a seat to choose, a hint or a note to type, or
// whether to end the drill. Each handles its own keys while it is open; Esc goes back.
import {Box, Text, useInput} from 'ink';
import TextInput from 'ink-text-input';
import {useState} from 'react';
import {withoutControls} from '../../io/terminal-text.js';
import type {Role} from '../../env/vocabulary.js';
import {fit} from '../text-fit.js';
import {type MenuItem, Menu} from './Menu.js';
import {QuitPrompt} from './Overlays.js';

/** As long as a line of the drill protocol: a hint longer would not reach its player. */
export const MAX_TEXT_LENGTH = 2000;
/** A typed line longer than the terminal wraps onto this many lines, then shows its beginning. */
const TEXT_LINES = 2;

const Heading = ({text, width}: {readonly text: string; readonly width: number}) => (
	<Text bold color="cyan">
		{fit(text, width)}
	</Text>
);

const useEscape = (onCancel: () => void) =>
	useInput((_input, key) => {
		if (key.escape) onCancel();
	});

type ChooseProps = {
	readonly title: string;
	readonly items: ReadonlyArray<MenuItem<Role>>;
	readonly width: number;
	readonly onChoose: (role: Role) => void;
	readonly onCancel: () => void;
};

/** A seat to choose: ↑↓ and Enter, or its number. */
export function ChooseSeat({title, items, width, onChoose, onCancel}: ChooseProps) {
	useEscape(onCancel);
	return (
		<Box flexDirection="column" width={width}>
			<Heading text={`${title} (Esc goes back)`} width={width} />
			<Menu items={items} onSelect={onChoose} />
		</Box>
	);
}

/** Lines a seat prompt takes: its heading and a line per seat. */
export const chooseLines = (seats: number): number => 1 + seats;

type TypeProps = {
	/** The heading, with what Enter and Esc do. */
	readonly title: string;
	readonly width: number;
	/** Whether Enter takes an empty line (a note that only marks the turn). */
	readonly emptyTaken?: boolean;
	readonly onSubmit: (text: string) => void;
	readonly onCancel: () => void;
};

/** A line of text to type: Enter sends it (once there is some, unless an empty one is taken), Esc goes back. */
export function TypeText({title, width, emptyTaken = false, onSubmit, onCancel}: TypeProps) {
	const [text, setText] = useState('');
	useEscape(onCancel);
	return (
		<Box flexDirection="column" width={width}>
			<Heading text={title} width={width} />
			<Box height={TEXT_LINES} width={width} overflow="hidden">
				<Text>{'> '}</Text>
				{/* Typed or pasted control characters would be drawn raw by the field: they are dropped. */}
				<TextInput
					value={text}
					onChange={value => setText(withoutControls(value).slice(0, MAX_TEXT_LENGTH))}
					onSubmit={value => (emptyTaken || value.trim() !== '') && onSubmit(value.trim())}
				/>
			</Box>
		</Box>
	);
}

/** Lines a text prompt takes. */
export const typeLines = 1 + TEXT_LINES;

type ConfirmProps = {readonly onEnd: () => void; readonly onCancel: () => void};

/** Whether to end the drill for everyone: y ends it, n or Esc goes back. */
export const ConfirmEnd = ({onEnd, onCancel}: ConfirmProps) => (
	<QuitPrompt question="End the drill for everyone? Players see it end." onQuit={onEnd} onCancel={onCancel} />
);
