// The line that says a list or a text goes on beyond what is shown.
import {Text} from 'ink';

type Props = {readonly count: number; readonly where: 'above' | 'below'; readonly what?: string};

export function Marker({count, where, what = 'more'}: Props) {
	if (count <= 0) return null;
	return <Text dimColor>{`  ${where === 'above' ? '↑' : '↓'} ${count} ${what} ${where}`}</Text>;
}
