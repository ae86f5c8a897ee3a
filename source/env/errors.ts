/** A request the environment refuses; the environment is unchanged by it. */
export class EnvError extends Error {
	override readonly name: string = 'EnvError';
}
