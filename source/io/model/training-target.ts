// The canonical text of an action, what a model is trained to answer (the reference's action_to_training_target).
import {pythonJsonDumps} from './python-json.js';

export type TargetAction = {readonly action_type: string; readonly target?: string | null; readonly args?: Readonly<Record<string, unknown>>};

/** `json.dumps({"action_type", "target", "args"}, sort_keys=True)`: no target is null, no args `{}`. */
export const trainingTarget = (action: TargetAction): string =>
	pythonJsonDumps({action_type: action.action_type, target: action.target ?? null, args: action.args ?? {}}, {sortKeys: true});
