// The services a role sees: health, the figures that matter, and latency and error-rate sparklines.
import {Box, Text} from 'ink';
import type {Observation} from '../../env/types.js';
import {percent} from '../format.js';
import type {Series} from '../session.js';
import {sparkline} from '../sparkline.js';
import {HEALTH_STYLE} from './colors.js';

const LATENCY_SCALE_MS = 2000;
const ERROR_SCALE = 1;
const MAX_SPARK = 30;
/** Everything on a row but the two sparklines: mark and name, health, latency, errors, cpu, memory, replicas. */
const FIXED_WIDTH = 17 + 9 + 8 + 6 + 5 + 8 + 5;

type Props = {
	readonly observation: Observation;
	/** The incident's services, in its order. */
	readonly services: readonly string[];
	readonly series: (service: string) => Series;
	readonly width: number;
};

/** Lines the table takes: a heading and a row per service. */
export const servicesLines = (services: number): number => 1 + services;

export function ServicesTable({observation, services, series, width}: Props) {
	const spark = Math.max(4, Math.min(MAX_SPARK, Math.floor((width - FIXED_WIDTH) / 2)));
	return (
		<Box flexDirection="column" width={width}>
			<Text bold color="cyan">
				{'SERVICES'.padEnd(17)}
				{'health'.padEnd(9)}
				{'latency'.padEnd(8 + spark)}
				{'errors'.padEnd(6 + spark)}
				{'cpu'.padStart(5)}
				{'mem'.padStart(8)}
				{'rep'.padStart(5)}
			</Text>
			{services.map(name => {
				const metrics = observation.view.visible_metrics[name];
				if (metrics === undefined) return null;
				const style = HEALTH_STYLE[metrics.health];
				const history = series(name);
				// Separate texts, so that only the marks and sparklines take Ink's slow path for non-ASCII text.
				return (
					<Box key={name}>
						<Text color={style.color}>{` ${style.mark} `}</Text>
						<Text>
							{name.padEnd(14)}
							<Text color={style.color}>{metrics.health.padEnd(9)}</Text>
							{`${Math.round(metrics.latency_ms)}ms `.padStart(8)}
						</Text>
						<Text color="blue">{sparkline(history.latency_ms, spark, LATENCY_SCALE_MS)}</Text>
						<Text>{`${percent(metrics.error_rate)} `.padStart(6)}</Text>
						<Text color="magenta">{sparkline(history.error_rate, spark, ERROR_SCALE)}</Text>
						<Text>
							{`${Math.round(metrics.cpu_pct)}%`.padStart(5)}
							{`${Math.round(metrics.memory_mb)}MB`.padStart(8)}
							{String(metrics.replicas).padStart(5)}
						</Text>
					</Box>
				);
			})}
		</Box>
	);
}
