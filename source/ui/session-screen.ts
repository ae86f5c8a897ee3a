// The play screen's data for a seat of a local session: the session's snapshot as the viewing role sees it.
import {legalActionTypes} from '../env/environment.js';
import type {Role} from '../env/vocabulary.js';
import {observationOf, seriesAt} from './observed.js';
import {loggedStep} from './role-view.js';
import type {SeatScreen} from './seat-screen.js';
import type {PlaySnapshot} from './session.js';

export function sessionScreen(play: PlaySnapshot, viewer: Role): SeatScreen {
	const {scenario, pending} = play;
	const observation = observationOf(play, viewer);
	return {
		viewer,
		maxSteps: scenario.max_steps,
		setting: `${scenario.difficulty} · seed ${scenario.seed}`,
		stepUnderWay: play.stepCount + (pending === null ? 0 : 1),
		pending:
			pending === null
				? null
				: {turn: pending.turn, role: pending.role, by: pending.title, agent: pending.title === pending.by ? null : pending.title, yours: pending.human},
		starting: false,
		paused: play.paused,
		observation,
		view: observation?.view ?? null,
		vocabulary: play.vocabulary,
		actions: legalActionTypes(viewer),
		// Asked only with the services shown, which takes an observation.
		series: service => seriesAt(play, service, observation!.step),
		opening: play.start.message,
		steps: play.played.map(step => loggedStep(step)),
		seats: null,
	};
}
