// A list to pick from: ↑↓ move the highlight (past either end it comes round to the other), Enter takes it, and, in
// a numbered list, the number shown beside each of the first nine takes that item at once. A list longer than its
// rows scrolls, and says how many items lie above and below what it shows.
import {Box, Text, useInput} from 'ink';
import {visibleLine} from '../../io/terminal-text.js';
import {useMenuState} from '../hooks.js';
import {Marker} from './Marker.js';

export type MenuItem<Value> = {readonly label: string; readonly value: Value};

/** Items with a number key: 1 to 9. */
const NUMBERED = 9;

type Props<Value> = {
	readonly items: ReadonlyArray<MenuItem<Value>>;
	/** Rows the list may take, its markers included; all it needs by default. */
	readonly rows?: number;
	readonly isFocused?: boolean;
	/** Whether number keys take items (shown beside them); off where a key meant for the screen before could land. */
	readonly numbered?: boolean;
	readonly onSelect: (value: Value) => void;
};

export function Menu<Value>({items, rows = items.length, isFocused = true, numbered = true, onSelect}: Props<Value>) {
	const {selected, window, up, down} = useMenuState(items.length, rows);
	const take = (index: number) => {
		const item = items[index];
		if (item !== undefined) onSelect(item.value);
	};
	useInput(
		(input, key) => {
			if (key.upArrow) up();
			else if (key.downArrow) down();
			else if (key.return) take(selected);
			else if (numbered && /^[1-9]$/.test(input)) take(Number(input) - 1);
		},
		{isActive: isFocused},
	);
	const shown = items.slice(window.start, window.start + window.count);
	return (
		<Box flexDirection="column">
			<Marker count={window.above} where="above" />
			{shown.map((item, offset) => {
				const index = window.start + offset;
				const isSelected = index === selected;
				return (
					<Text key={index} wrap="truncate-end">
						<Text color="blueBright">{isSelected ? '❯ ' : '  '}</Text>
						{numbered ? <Text dimColor>{index < NUMBERED ? `${index + 1} ` : '  '}</Text> : null}
						{/* A drill's services and fleet agents come from its host: shown, never obeyed. */}
						<Text color={isSelected ? 'blueBright' : undefined}>{visibleLine(item.label)}</Text>
					</Text>
				);
			})}
			<Marker count={window.below} where="below" />
		</Box>
	);
}
