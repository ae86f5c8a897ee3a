// Hot seat: the last player's view stays hidden until the next one is at the keyboard.
import {Box, Text, useInput} from 'ink';
import {useState} from 'react';
import type {Role} from '../../env/vocabulary.js';
import {roleName} from '../format.js';
import type {TerminalSize} from '../layout.js';
import {QuitPrompt} from './Overlays.js';

type HandOverProps = {readonly role: Role; readonly size: TerminalSize; readonly onShow: () => void; readonly onQuit: () => void};

export function HandOver({role, size, onShow, onQuit}: HandOverProps) {
	const [asking, setAsking] = useState(false);
	useInput(
		(input, key) => {
			if (key.return) onShow();
			else if (input === 'q') setAsking(true);
		},
		{isActive: !asking},
	);
	return (
		<Box width={size.columns} height={size.rows} flexDirection="column" alignItems="center" justifyContent="center">
			<Text bold>{`Hand the keyboard to ${roleName(role)}.`}</Text>
			<Text dimColor>The last player's view is hidden.</Text>
			<Text color="greenBright">{`${roleName(role)}: press Enter to see your view.`}</Text>
			{asking ? <QuitPrompt onQuit={onQuit} onCancel={() => setAsking(false)} /> : null}
		</Box>
	);
}

/** Without `onQuit`, only enlarging the terminal (or Ctrl+C) gets anywhere: the facilitator console ends no drill on one key. */
type TooSmallProps = {readonly size: TerminalSize; readonly needed: TerminalSize; readonly onQuit?: () => void};

export function TooSmall({size, needed, onQuit}: TooSmallProps) {
	useInput(
		input => {
			if (input === 'q') onQuit?.();
		},
		{isActive: onQuit !== undefined},
	);
	return (
		<Text wrap="wrap">
			{`ChaosOps needs a terminal of at least ${needed.columns}×${needed.rows}; this one is ${size.columns}×${size.rows}. Enlarge it${onQuit === undefined ? '' : ' (q quits)'}.`}
		</Text>
	);
}
