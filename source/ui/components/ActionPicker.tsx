// Taking a turn: the role's legal actions, then each argument the chosen action needs. Escape steps back.
import {Box, Text, useInput} from 'ink';
import TextInput from 'ink-text-input';
import {useEffect, useState} from 'react';
import {pythonStrip} from '../../env/python-text.js';
import {withoutControls} from '../../io/terminal-text.js';
import type {ActionRequest} from '../../env/types.js';
import type {ActionType, Role} from '../../env/vocabulary.js';
import {ACTION_FIELDS, ACTION_SUMMARIES, type Answers, type Vocabulary, toRequest} from '../action-form.js';
import {roleName} from '../format.js';
import {fit} from '../text-fit.js';
import {Menu} from './Menu.js';

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
		<Box flexDirection="column" width={width}>
			<Text bold color="greenBright">
				{fit(heading, width)}
			</Text>
			{draft === null ? (
				<Menu
					key="actions"
					isFocused={active}
					rows={limit}
					items={actions.map(type => ({label: `${type.padEnd(20)}${ACTION_SUMMARIES[type]}`, value: type}))}
					onSelect={actionType => advance({actionType, answers: {}, field: 0})}
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
				<Menu
					key={`${draft.actionType}-${draft.field}`}
					isFocused={active}
					rows={limit}
					items={field.options(role, vocabulary)}
					onSelect={answer}
				/>
			) : null}
		</Box>
	);
}
