// The page shell of the HTML reports (eval --html, lab --html): one self-contained file, its style inline and its
// charts inline SVG, so it opens anywhere, fetches nothing and prints as it shows.
import {visibleLine} from './terminal-text.js';

const ENTITIES: Record<string, string> = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'};

/** Text made safe to stand in HTML text or a quoted attribute: markup escaped, control characters made visible. */
export const escapeHtml = (text: string): string => visibleLine(text).replace(/[&<>"']/g, char => ENTITIES[char]!);

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; margin: 2em auto; max-width: 1000px; padding: 0 1em; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
h2 { font-size: 1.15em; margin-top: 1.8em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
p.meta { color: #666; margin-top: 0; }
table { border-collapse: collapse; margin: 0.8em 0; font-variant-numeric: tabular-nums; }
th, td { padding: 0.25em 0.7em; border-bottom: 1px solid #eee; text-align: right; }
th { background: #f6f6f6; border-bottom: 1px solid #ccc; }
.text { text-align: left; }
svg { display: block; margin: 0.8em 0; max-width: 100%; height: auto; }
code { background: #f3f3f3; padding: 0 0.25em; border-radius: 3px; }
section { break-inside: avoid; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } }
`;

export type HtmlSection = {readonly heading: string; readonly body: string};

/** A whole page: its title as the heading, a line about what it shows, then its sections (their bodies HTML already). */
export function htmlPage(title: string, meta: string, sections: readonly HtmlSection[]): string {
	const body = sections.map(({heading, body}) => `<section>\n<h2>${escapeHtml(heading)}</h2>\n${body}\n</section>`).join('\n');
	return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${escapeHtml(meta)}</p>
${body}
</body>
</html>
`;
}

/** A table of text cells (escaped here): the columns at `textColumns` text, aligned left, the others figures. */
export function htmlTable(headings: readonly string[], rows: ReadonlyArray<readonly string[]>, textColumns: readonly number[] = [0]): string {
	const line = (cells: readonly string[], tag: 'th' | 'td') =>
		`<tr>${cells.map((cell, index) => `<${tag}${textColumns.includes(index) ? ' class="text"' : ''}>${escapeHtml(cell)}</${tag}>`).join('')}</tr>`;
	return `<table>\n<thead>${line(headings, 'th')}</thead>\n<tbody>\n${rows.map(row => line(row, 'td')).join('\n')}\n</tbody>\n</table>`;
}
