// The services a role sees: health, the figures that matter, and latency and error-rate sparklines, taller on a tall
// terminal. An incident with more services than the lines allow shows the unhealthy ones first and counts the rest
// on a last line.
import {Box, Text} from 'ink';
import {memo} from 'react';
import type {Observation, Services} from '../../env/types.js';
import {percent} from '../format.js';
import type {Room} from '../layout.js';
import type {Series} from '../seat-screen.js';
import {HEADROOM, sparkRows} from '../sparkline.js';
import {fit} from '../text-fit.js';
import {HEALTH_STYLE} from './colors.js';

const LATENCY_SCALE_MS = 2000;
const ERROR_SCALE = 1;
const MAX_SPARK = 30;
/** The tallest sparkline, in lines: beyond it a chart gains little but room taken from the feed. */
const MAX_CHART_ROWS = 3;
/** The share of the body the table's charts may grow into. */
const CHART_SHARE = 3;
/** Everything on a row but the two sparklines: mark and name, health, latency, errors, cpu, memory, replicas. */
const FIXED_WIDTH = 17 + 9 + 8 + 6 + 5 + 8 + 5;

type Props = {
	readonly observation: Observation;
	/** The incident's services, in its order. */
	readonly services: readonly string[];
	readonly series: (service: string) => Series;
	/** Lines for the table, its heading included. */
	readonly room: Room;
	/** Lines each service's sparklines would take when the room holds every service at that height. */
	readonly chartRows: number;
};

/** How tall the sparklines are in a body of `body` lines: a third of it shared among the services, 1 to 3 lines. */
export const chartRowsFor = (body: number, services: number): number =>
	Math.max(1, Math.min(MAX_CHART_ROWS, Math.floor((Math.floor(body / CHART_SHARE) - 1) / Math.max(1, services))));

/** Lines the whole table takes: a heading and `chartRows` lines per service. */
export const servicesLines = (services: number, chartRows = 1): number => 1 + services * chartRows;

/**
 * The services with metrics that get a row of their own in `rows` rows, in the incident's order, and those left
 * over for a last line: when they do not all fit, the unhealthy ones are kept first.
 */
export function servicesShown(services: readonly string[], metrics: Services, rows: number): {shown: string[]; hidden: string[]} {
	const visible = services.filter(name => metrics[name] !== undefined);
	if (visible.length <= rows) return {shown: visible, hidden: []};
	const unhealthy = (name: string) => metrics[name]!.health !== 'healthy';
	const kept = new Set([...visible.filter(unhealthy), ...visible.filter(name => !unhealthy(name))].slice(0, Math.max(0, rows - 1)));
	return {shown: visible.filter(name => kept.has(name)), hidden: visible.filter(name => !kept.has(name))};
}

/** The line that stands for the services without a row: `+3 healthy: auth, cache, search`. */
function hiddenText(hidden: readonly string[], metrics: Services): string {
	const unhealthy = hidden.filter(name => metrics[name]!.health !== 'healthy').length;
	const what = unhealthy === 0 ? 'healthy' : `more, ${unhealthy} unhealthy`;
	return ` +${hidden.length} ${what}: ${hidden.join(', ')}`;
}

const HEADROOM_RUNS = new RegExp(`(${HEADROOM}+)`);

/** A line of a chart: its bars in the chart's colour, its headroom dim. */
const Bars = ({line, color}: {readonly line: string; readonly color: string}) => (
	<>
		{line.split(HEADROOM_RUNS).map((run, index) =>
			run.startsWith(HEADROOM) ? (
				<Text key={index} dimColor>
					{run}
				</Text>
			) : (
				<Text key={index} color={color}>
					{run}
				</Text>
			),
		)}
	</>
);
export const ServicesTable = memo(function ServicesTable({observation, services, series, room: {lines, width}, chartRows}: Props) {
	const metricsOf = observation.view.visible_metrics;
	const visible = services.filter(name => metricsOf[name] !== undefined).length;
	// Tall only when every service fits at that height; else a line each, as many as fit.
	const height = lines >= servicesLines(visible, chartRows) ? chartRows : 1;
	const {shown, hidden} = servicesShown(services, metricsOf, lines - 1);
	const spark = Math.max(4, Math.min(MAX_SPARK, Math.floor((width - FIXED_WIDTH) / 2)));
	/** Where the sparklines start: past the mark and name, health and latency. */
	const chartIndent = 17 + 9 + 8;
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
			{shown.map(name => {
				const metrics = metricsOf[name]!;
				const style = HEALTH_STYLE[metrics.health];
				const history = series(name);
				const latency = sparkRows(history.latency_ms, spark, LATENCY_SCALE_MS, height);
				const errors = sparkRows(history.error_rate, spark, ERROR_SCALE, height);
				// The figures sit on the charts' bottom line, beside the latest bars. Separate texts, so that only the
				// marks and sparklines take Ink's slow path for non-ASCII text.
				return (
					<Box key={name} flexDirection="column">
						{latency.slice(0, -1).map((bars, row) => (
							<Box key={row}>
								<Box width={chartIndent} />
								<Bars line={bars} color="blue" />
								<Box width={6} />
								<Bars line={errors[row]!} color="magenta" />
							</Box>
						))}
						<Box>
							<Text color={style.color}>{` ${style.mark} `}</Text>
							<Text>
								{fit(name, 13).padEnd(14)}
								<Text color={style.color}>{metrics.health.padEnd(9)}</Text>
								{`${Math.round(metrics.latency_ms)}ms `.padStart(8)}
							</Text>
							<Text color="blue">{latency.at(-1)}</Text>
							<Text>{`${percent(metrics.error_rate)} `.padStart(6)}</Text>
							<Text color="magenta">{errors.at(-1)}</Text>
							<Text>
								{`${Math.round(metrics.cpu_pct)}%`.padStart(5)}
								{`${Math.round(metrics.memory_mb)}MB`.padStart(8)}
								{String(metrics.replicas).padStart(5)}
							</Text>
						</Box>
					</Box>
				);
			})}
			{hidden.length === 0 ? null : <Text dimColor>{fit(hiddenText(hidden, metricsOf), width)}</Text>}
		</Box>
	);
});
