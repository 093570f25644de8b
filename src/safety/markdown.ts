/**
 * Data made inert in markdown. Column names, values, labels and config text come from pull
 * requests; in the report, the PR comment, the job summary and the model card they must show as
 * typed: never as markdown, HTML, a mention, an issue reference or a link.
 */

/** Characters of a data value shown before it is cut with `…`. */
export const MAX_SHOWN = 200;

// Every line end a markdown reader or a browser may break at, and VT/FF, which some treat as one.
const LINE_ENDS = /\r\n|[\n\v\f\r\u0085\u2028\u2029]/g;

// C0 but tab, DEL, C1, and the bidi embeddings, overrides and isolates that reorder what follows.
const CONTROLS = /[\0-\b\n-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

// GitHub finds mentions, issue references and bare URLs in the rendered text, after entities are
// decoded, so only a character in the text itself stops them: an invisible word joiner.
const LINKED = /[@#]|GH-(?=\d)|:(?=\/\/)|www(?=\.)/gi;
const WORD_JOINER = '\u2060';

// What opens or closes HTML, entities, code, emphasis, strikethrough, links, table cells, math or
// a backslash escape. `_` between letters or digits cannot start emphasis, so it stays readable.
const SIGNIFICANT = /[&<>`[\]*~|\\$]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;
const NAMED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * `text` for a markdown paragraph, heading or table cell: on one line, escaped with character
 * references (which also hold in raw HTML, where backslash escapes would show), mentions,
 * references and URLs broken, control characters shown as `\uXXXX`, cut to `max` characters.
 */
export function inlineText(text: string, max = MAX_SHOWN): string {
  return escapeMarkup(oneLine(text, max).replace(LINKED, `$&${WORD_JOINER}`));
}

/**
 * `text` for inside `<code>…</code>`, which may sit in a paragraph (its content is markdown) or in
 * the raw HTML of a `<details>` line (only references are decoded): inlineText holds in both.
 */
export function codeText(text: string, max = MAX_SHOWN): string {
  return inlineText(text, max);
}

/**
 * `text` for the text of a markdown link: as inlineText, but mentions, references and URLs are
 * left whole, since GitHub links nothing inside a link (so a tag like `churn@v1.0.0` copies as is).
 */
export function linkText(text: string, max = MAX_SHOWN): string {
  return escapeMarkup(oneLine(text, max));
}

/** `text` for inside an HTML comment (the report marker): without `<`, `>` or a line end. */
export function commentText(text: string): string {
  return text.replace(LINE_ENDS, ' ').replace(/[<>]/g, ' ');
}

/** `text` cut to `max` characters on one line. */
function oneLine(text: string, max: number): string {
  return cut(text, max).replace(LINE_ENDS, ' ');
}

/** Markup characters as references, control characters as `\uXXXX`. */
function escapeMarkup(text: string): string {
  return text.replace(SIGNIFICANT, reference).replace(CONTROLS, codePoint);
}

/** `text` cut to `max` code points, the last one `…`, never splitting a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  // max + 1 code points fit in 2 * (max + 1) code units: enough to tell whether to cut.
  const points = Array.from(text.slice(0, 2 * (max + 1)));
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}

function reference(char: string): string {
  return NAMED[char] ?? `&#${char.codePointAt(0)};`;
}

function codePoint(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}
