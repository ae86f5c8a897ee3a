// Taking a turn: the role's legal actions, then each argument the chosen action needs. Escape steps back.
import {Box, Text, useInput} from 'ink';
import SelectInput from 'ink-select-input';
import TextInput from 'ink-text-input';
import {useEffect, useState} from 'react';
import {pythonStrip} from '../../env/python-text.js';
import {withoutControls} from '../../io/terminal-text.js';
import type {ActionRequest} from '../../env/types.js';
import type {ActionType, Role} from '../../env/vocabulary.js';
import {ACTION_FIELDS, ACTION_SUMMARIES, type Answers, type Vocabulary, toRequest} from '../action-form.js';
import {roleName} from '../format.js';
import {fit} from '../text-fit.js';

type Props = {
	readonly role: Role;
	readonly actions: readonly ActionType[];
	readonly vocabulary: Vocabulary;
	readonly active: boolean;
	readonly lines: number;
	readonly width: number;
	readonly onChoose: (action: ActionRequest) => void;
	/** Whether a text field has the keyboard, so that the app's one-key controls stand aside. */
	readonly onTyping: (typing: boolean) => void;
};

/** Items stay on one line however narrow the column, and the pointer keeps its place when a label is cut. */
const OneLineItem = ({isSelected = false, label}: {isSelected?: boolean; label: string}) => (
	<Text color={isSelected ? 'blueBright' : undefined} wrap="truncate-end">
		{label}
	</Text>
);

const Pointer = ({isSelected = false}: {isSelected?: boolean}) => (
	<Box marginRight={1} flexShrink={0}>
		<Text color="blueBright">{isSelected ? '❯' : ' '}</Text>
	</Box>
);

type Draft = {readonly actionType: ActionType; readonly answers: Answers; readonly field: number};

export function ActionPicker({role, actions, vocabulary, active, lines, width, onChoose, onTyping}: Props) {
	const [draft, setDraft] = useState<Draft | null>(null);
	const [text, setText] = useState('');
	const field = draft === null ? undefined : ACTION_FIELDS[draft.actionType][draft.field];
	// Gone with a text field open (the terminal shrank, the turn was taken back), it hands the keys back.
	useEffect(() => () => onTyping(false), [onTyping]);

	const advance = (next: Draft) => {
		const typing = ACTION_FIELDS[next.actionType][next.field]?.kind === 'text';
		onTyping(typing);
		if (next.field < ACTION_FIELDS[next.actionType].length) {
			setDraft(next);
			return;
		}
		setDraft(null);
		onChoose(toRequest(next.actionType, next.answers));
	};
	const answer = (value: string) => {
		if (draft === null || field === undefined) return;
		setText('');
		advance({...draft, answers: {...draft.answers, [field.name]: value}, field: draft.field + 1});
	};

	useInput(
		(_input, key) => {
			if (!key.escape || draft === null) return;
			const back = draft.field - 1;
			setText('');
			if (back < 0) {
				onTyping(false);
				setDraft(null);
				return;
			}
			onTyping(ACTION_FIELDS[draft.actionType][back]?.kind === 'text');
			setDraft({...draft, field: back});
		},
		{isActive: active},
	);

	const limit = Math.max(1, lines - 1);
	const heading =
		draft === null
			? `YOUR MOVE (${roleName(role)}): pick an action`
			: `${draft.actionType}${Object.values(draft.answers).map(value => ` ${value}`).join('')}: ${field?.prompt ?? ''} (Esc back)`;
	return (
		<Box flexDirection="column" width={width} height={lines}>
			<Text bold color="greenBright">
				{fit(heading, width)}
			</Text>
			{draft === null ? (
				<SelectInput
					key="actions"
					isFocused={active}
					limit={limit}
					itemComponent={OneLineItem}
					indicatorComponent={Pointer}
					items={actions.map(type => ({label: `${type.padEnd(20)}${ACTION_SUMMARIES[type]}`, value: type}))}
					onSelect={item => advance({actionType: item.value, answers: {}, field: 0})}
				/>
			) : field?.kind === 'text' ? (
				<Box>
					<Text>{'> '}</Text>
					{/* An empty message only earns a miscommunication penalty, so Enter waits for some text. */}
					{/* Typed or pasted control characters would be drawn raw by the field (a \r moved the cursor home): they are dropped. */}
					<TextInput
						value={text}
						focus={active}
						onChange={value => setText(withoutControls(value))}
						onSubmit={value => pythonStrip(value) !== '' && answer(value)}
					/>
				</Box>
			) : field?.kind === 'choice' ? (
				<SelectInput
					key={`${draft.actionType}-${draft.field}`}
					isFocused={active}
					limit={limit}
					itemComponent={OneLineItem}
					indicatorComponent={Pointer}
					items={field.options(role, vocabulary)}
					onSelect={item => answer(item.value)}
				/>
			) : null}
		</Box>
	);
}
