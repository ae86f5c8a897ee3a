// What a teammate reads in the chat: directives in plain words ("dev: roll back auth", "Oversight, flag deploy_bot",
// a private "[sre -> dev] restart db") and reports it reacts to ("all services look healthy", "flagged deploy_bot").
// Words are matched case-insensitively on the text with its punctuation turned into spaces, against the incident's
// own names: a service, a fleet agent or a root cause the incident does not have is asked about, never acted on.
import type {Incident} from '../env/incident.js';
import type {ActionRequest} from '../env/types.js';
import {ACTION_OWNER, ROLES, type Role, isOneOf} from '../env/vocabulary.js';

export const DIRECTIVE_KINDS = ['restart', 'rollback', 'scale', 'flag', 'escalate', 'declare', 'resolve'] as const;
export type DirectiveKind = (typeof DIRECTIVE_KINDS)[number];

export type Directive = {
	readonly to: Role;
	readonly kind: DirectiveKind;
	/** What it asks for, or null when its words name nothing of this incident (`question` then asks which). */
	readonly action: ActionRequest | null;
	readonly question: string | null;
};

/** The names directives may use: the incident's services, fleet agents and root causes. */
type Names = {readonly services: readonly string[]; readonly agents: readonly string[]; readonly causes: readonly string[]};
type NameKind = keyof Names;

/** Lower case, punctuation to single spaces: "Dev: roll-back AUTH!" → "dev roll back auth". */
export const plainWords = (text: string): string =>
	text
		.toLowerCase()
		.replace(/[^a-z0-9_]+/g, ' ')
		.trim();

/** The names, longest first, each matching with a space for its underscores ("deploy bot"); then any other word. */
function nameGroup(names: readonly string[]): string {
	const known = [...names].sort((a, b) => b.length - a.length).map(name => name.replaceAll('_', '[ _]'));
	return `(${[...known, '[a-z0-9_]+'].join('|')})`;
}

const NAME_KIND_WORD: Record<NameKind, string> = {services: 'service', agents: 'fleet agent', causes: 'root cause'};

/** One way of saying a directive: its words, the kind of name it targets, and the action it asks for. */
type Phrase = {
	readonly words: (group: string) => string;
	readonly names: NameKind | null;
	readonly action: (name: string, match: RegExpExecArray) => ActionRequest | {question: string};
};

const THE = '(?:the )?';
const REPLICAS_MAX = 1000;

const scaleTo = (target: string, match: RegExpExecArray): ActionRequest | {question: string} => {
	const replicas = Number(match[2]);
	return replicas >= 1 && replicas <= REPLICAS_MAX ? {action_type: 'scale', target, args: {replicas}} : {question: `How many replicas for ${target}? (1 to ${REPLICAS_MAX})`};
};

/** Per kind, the phrasings it is recognised by, most specific first; one table, one entry per action kind. */
const PHRASES: Record<DirectiveKind, readonly Phrase[]> = {
	restart: [{words: name => `\\b(?:restart|reboot|bounce) ${THE}${name}\\b`, names: 'services', action: target => ({action_type: 'restart', target})}],
	rollback: [
		{words: name => `\\b(?:roll ?back|revert) ${THE}${name}\\b`, names: 'services', action: target => ({action_type: 'rollback', target})},
		{words: name => `\\broll ${THE}${name} back\\b`, names: 'services', action: target => ({action_type: 'rollback', target})},
	],
	scale: [
		{words: name => `\\bscale ${THE}${name}(?: (?:up|down|out|in|back))?(?: (?:to|at))? (\\d+)\\b`, names: 'services', action: scaleTo},
		{words: name => `\\bscale ${THE}${name}\\b`, names: 'services', action: target => ({question: `How many replicas for ${target}?`})},
	],
	flag: [{words: name => `\\bflag ${THE}${name}\\b`, names: 'agents', action: target => ({action_type: 'flag_rogue', target})}],
	escalate: [{words: () => '\\bescalate\\b', names: null, action: () => ({action_type: 'escalate'})}],
	declare: [
		{
			words: name => `\\b(?:declare|identify|diagnose|root cause)(?: (?:the|root|cause|as|is|was|it|to|be|a|an))* ${name}\\b`,
			names: 'causes',
			action: cause => ({action_type: 'identify_root_cause', args: {failure_type: cause}}),
		},
	],
	resolve: [{words: () => '\\bresolve\\b|\\bclose (?:the |this )?incident\\b', names: null, action: () => ({action_type: 'resolve'})}],
};

/** Words that address a role in the shared chat. */
const ROLE_WORDS: Record<Role, readonly string[]> = {
	sre: ['sre'],
	dev: ['dev', 'developer'],
	manager: ['manager', 'mgr'],
	oversight: ['oversight'],
};

const ROLE_BY_WORD = new Map<string, Role>(ROLES.flatMap(role => ROLE_WORDS[role].map(word => [word, role] as const)));
const ROLE_MENTION = new RegExp(`\\b(?:${[...ROLE_BY_WORD.keys()].join('|')})\\b`, 'g');

/** The action kinds only one role may take: a directive of that kind that names nobody is meant for that role. */
const OWNER_OF_KIND: Partial<Record<DirectiveKind, Role>> = {flag: ACTION_OWNER.flag_rogue, resolve: ACTION_OWNER.resolve};

/** `[sre] text` in the shared chat; `[sre -> dev] text` in a private inbox. */
const SHARED_LINE = /^\[([a-z]+)\] ([\s\S]*)$/;
const PRIVATE_LINE = /^\[([a-z]+) -> ([a-z]+)\] ([\s\S]*)$/;

/** Reports in so many words, whoever makes them. */
const PLAIN_REPORTS = {
	/** "All services look healthy", "all green": someone who sees the metrics says the incident is over. */
	healthy: /\ball (?:services |systems )?(?:(?:look|are|now|back|seem) )*(?:healthy|green)\b/,
	/** "Hold off", "don't restart anything", "that would make it worse": nobody should fix on their own. */
	hold: /\bmake (?:it|things) worse\b|\bhold off\b|\bhands off\b|\bdo not (?:restart|touch|scale)\b|\bdon t (?:restart|touch|scale)\b/,
} as const;

export type Report = {readonly kind: keyof typeof PLAIN_REPORTS} | {readonly kind: 'flagged'; readonly agent: string};

export type ChatReader = {
	/** The directives a shared-chat line gives, in the order they are written; none for a line not by a role. */
	shared(line: string): Directive[];
	/** The directives a line of a role's private inbox gives that role. */
	inbox(line: string): Directive[];
	/** What a shared-chat line reports that a teammate reacts to, whoever wrote it. */
	reports(line: string): Report[];
	/** The role who wrote a shared-chat line, or null (a pager line, an inject). */
	author(line: string): Role | null;
};

/** A directive before it is known whom it is for. */
type Asked = Omit<Directive, 'to'>;

type CompiledPhrase = {readonly kind: DirectiveKind; readonly pattern: RegExp; readonly phrase: Phrase};

export function chatReader(incident: Incident): ChatReader {
	const names: Names = {services: incident.serviceNames, agents: incident.fleetAgents, causes: incident.rootCauses};
	const groups: Record<NameKind, string> = {services: nameGroup(names.services), agents: nameGroup(names.agents), causes: nameGroup(names.causes)};
	const compiled: CompiledPhrase[] = DIRECTIVE_KINDS.flatMap(kind =>
		PHRASES[kind].map(phrase => ({kind, phrase, pattern: new RegExp(phrase.words(phrase.names === null ? '' : groups[phrase.names]), 'g')})),
	);
	const flagged = new RegExp(`\\bflagged ${THE}${nameGroup(names.agents)}\\b`, 'g');

	const unknownName = (kind: NameKind) => ({question: `Which ${NAME_KIND_WORD[kind]}? I know ${names[kind].join(', ')}.`});

	/** The directives in some words, by position; of the phrasings that match at one place, the first listed. */
	function directivesIn(words: string): Asked[] {
		const found = new Map<number, Asked>();
		for (const {kind, pattern, phrase} of compiled) {
			for (const match of words.matchAll(pattern)) {
				if (found.has(match.index)) continue;
				const name = (match[1] ?? '').replaceAll(' ', '_');
				const asked = phrase.names === null || names[phrase.names].includes(name) ? phrase.action(name, match) : unknownName(phrase.names);
				found.set(match.index, 'question' in asked ? {kind, action: null, question: asked.question} : {kind, action: asked, question: null});
			}
		}
		return [...found.entries()].sort(([a], [b]) => a - b).map(([, directive]) => directive);
	}

	/** Each role the words address, with the words meant for it: up to the next role named, those before the first too. */
	function addressed(words: string): Array<{to: Role; words: string}> {
		const mentions = [...words.matchAll(ROLE_MENTION)];
		return mentions.map((mention, index) => {
			const start = index === 0 ? 0 : mention.index;
			const end = mentions[index + 1]?.index ?? words.length;
			return {to: ROLE_BY_WORD.get(mention[0])!, words: words.slice(start, end)};
		});
	}

	const author = (line: string): Role | null => {
		const from = SHARED_LINE.exec(line)?.[1];
		return isOneOf(ROLES, from) ? from : null;
	};

	return {
		author,
		shared(line) {
			if (author(line) === null) return [];
			const words = plainWords(SHARED_LINE.exec(line)![2]!);
			const parts = addressed(words);
			if (parts.length > 0) return parts.flatMap(({to, words}) => directivesIn(words).map(directive => ({...directive, to})));
			return directivesIn(words).flatMap(directive => {
				const owner = OWNER_OF_KIND[directive.kind];
				return owner === undefined ? [] : [{...directive, to: owner}];
			});
		},
		inbox(line) {
			const match = PRIVATE_LINE.exec(line);
			const [from, to] = [match?.[1], match?.[2]];
			if (!isOneOf(ROLES, from) || !isOneOf(ROLES, to)) return [];
			return directivesIn(plainWords(match![3]!)).map(directive => ({...directive, to}));
		},
		reports(line) {
			const text = SHARED_LINE.exec(line)?.[2];
			if (text === undefined) return [];
			const words = plainWords(text);
			const reports: Report[] = (Object.keys(PLAIN_REPORTS) as Array<keyof typeof PLAIN_REPORTS>).filter(kind => PLAIN_REPORTS[kind].test(words)).map(kind => ({kind}));
			for (const match of words.matchAll(flagged)) {
				const agent = match[1]!.replaceAll(' ', '_');
				if (names.agents.includes(agent)) reports.push({kind: 'flagged', agent});
			}
			return reports;
		},
	};
}
