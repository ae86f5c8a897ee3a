// The services a role sees: health, the figures that matter, and latency and error-rate sparklines, taller on a tall
// terminal. An incident with more services than the lines allow shows the unhealthy ones first and counts the rest
// on a last line. In a narrow column (the facilitator console's) the sparklines go first, then the figures that
// matter least, then the name is cut.
import {Box, Text} from 'ink';
import {memo} from 'react';
import type {Services} from '../../env/types.js';
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
const MIN_SPARK = 4;
/** The mark before a name, and the widest name column. */
const MARK_WIDTH = 3;
const NAME_WIDTH = 14;
const MIN_NAME_WIDTH = 6;
/** Health, latency and errors: the figures every row has. */
const HEALTH_WIDTH = 9;
const LATENCY_WIDTH = 8;
const ERRORS_WIDTH = 6;
/** The figures that matter least, dropped in this order's reverse when the width does not hold them. */
const EXTRAS = [
	{name: 'cpu', width: 5, text: (metrics: Services[string]) => `${Math.round(metrics.cpu_pct)}%`},
	{name: 'mem', width: 8, text: (metrics: Services[string]) => `${Math.round(metrics.memory_mb)}MB`},
	{name: 'rep', width: 5, text: (metrics: Services[string]) => String(metrics.replicas)},
] as const;
const BASE_WIDTH = MARK_WIDTH + HEALTH_WIDTH + LATENCY_WIDTH + ERRORS_WIDTH;
/** Everything on a row but the two sparklines: mark and name, health, latency, errors, cpu, memory, replicas. */
const FIXED_WIDTH = BASE_WIDTH + NAME_WIDTH + EXTRAS.reduce((sum, extra) => sum + extra.width, 0);

type Columns = {readonly name: number; readonly spark: number; readonly extras: ReadonlyArray<(typeof EXTRAS)[number]>};

/** What a row holds in `width` columns: sparklines when there are series and room for them, then as many figures as fit. */
function columnsFor(width: number, charts: boolean): Columns {
	const spark = Math.min(MAX_SPARK, Math.floor((width - FIXED_WIDTH) / 2));
	if (charts && spark >= MIN_SPARK) return {name: NAME_WIDTH, spark, extras: EXTRAS};
	const extras: Array<(typeof EXTRAS)[number]> = [];
	let used = BASE_WIDTH + NAME_WIDTH;
	for (const extra of EXTRAS) {
		if (used + extra.width > width) break;
		extras.push(extra);
		used += extra.width;
	}
	return {name: Math.max(MIN_NAME_WIDTH, Math.min(NAME_WIDTH, width - BASE_WIDTH)), spark: 0, extras};
}

type Props = {
	/** The metrics the role sees. */
	readonly metrics: Services;
	/** The incident's services, in its order. */
	readonly services: readonly string[];
	/** Each service's history, for its sparklines; without it, none are drawn. */
	readonly series?: (service: string) => Series;
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
export const ServicesTable = memo(function ServicesTable({metrics: metricsOf, services, series, room: {lines, width}, chartRows}: Props) {
	const visible = services.filter(name => metricsOf[name] !== undefined).length;
	const columns = columnsFor(width, series !== undefined);
	const {spark} = columns;
	// Tall only when every service fits at that height; else a line each, as many as fit.
	const height = spark > 0 && lines >= servicesLines(visible, chartRows) ? chartRows : 1;
	const {shown, hidden} = servicesShown(services, metricsOf, lines - 1);
	/** Where the sparklines start: past the mark and name, health and latency. */
	const chartIndent = MARK_WIDTH + columns.name + HEALTH_WIDTH + LATENCY_WIDTH;
	return (
		<Box flexDirection="column" width={width}>
			<Text bold color="cyan">
				{'SERVICES'.padEnd(MARK_WIDTH + columns.name)}
				{'health'.padEnd(HEALTH_WIDTH)}
				{'latency'.padEnd(LATENCY_WIDTH + spark)}
				{'errors'.padEnd(ERRORS_WIDTH + spark)}
				{columns.extras.map(extra => extra.name.padStart(extra.width)).join('')}
			</Text>
			{shown.map(name => {
				const metrics = metricsOf[name]!;
				const style = HEALTH_STYLE[metrics.health];
				const history = spark > 0 ? series!(name) : null;
				const latency = history === null ? [''] : sparkRows(history.latency_ms, spark, LATENCY_SCALE_MS, height);
				const errors = history === null ? [''] : sparkRows(history.error_rate, spark, ERROR_SCALE, height);
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
								{fit(name, columns.name - 1).padEnd(columns.name)}
								<Text color={style.color}>{metrics.health.padEnd(HEALTH_WIDTH)}</Text>
								{`${Math.round(metrics.latency_ms)}ms `.padStart(LATENCY_WIDTH)}
							</Text>
							{spark > 0 ? <Text color="blue">{latency.at(-1)}</Text> : null}
							<Text>{`${percent(metrics.error_rate)} `.padStart(ERRORS_WIDTH)}</Text>
							{spark > 0 ? <Text color="magenta">{errors.at(-1)}</Text> : null}
							{columns.extras.length === 0 ? null : <Text>{columns.extras.map(extra => extra.text(metrics).padStart(extra.width)).join('')}</Text>}
						</Box>
					</Box>
				);
			})}
			{hidden.length === 0 ? null : <Text dimColor>{fit(hiddenText(hidden, metricsOf), width)}</Text>}
		</Box>
	);
});
