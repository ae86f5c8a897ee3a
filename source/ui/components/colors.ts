// Colours that carry meaning: service health, log level, alert severity, a trainer's verdict on an action.
import type {NoteVerdict} from '../../env/trainer-notes.js';
import type {Alert, LogLevel} from '../../env/types.js';
import type {Health} from '../../env/vocabulary.js';

export const HEALTH_STYLE: Record<Health, {readonly color: string; readonly mark: string}> = {
	healthy: {color: 'green', mark: '●'},
	degraded: {color: 'yellow', mark: '▲'},
	critical: {color: 'red', mark: '■'},
	down: {color: 'magenta', mark: '✖'},
};

export const LEVEL_COLOR: Record<LogLevel, string> = {INFO: 'gray', WARN: 'yellow', ERROR: 'red', FATAL: 'redBright'};

export const SEVERITY_COLOR: Record<Alert['severity'], string> = {page: 'red', warn: 'yellow', info: 'gray'};

export const VERDICT_STYLE: Record<NoteVerdict, {readonly color: string; readonly mark: string}> = {
	helps: {color: 'green', mark: '✓'},
	hurts: {color: 'red', mark: '✗'},
	neutral: {color: 'gray', mark: '·'},
};
