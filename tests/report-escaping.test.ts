/**
 * Data from a pull request cannot change the report's structure: any string in any data-derived
 * field renders, as GitHub-flavoured markdown parses it, into the same headings, tables, fences,
 * HTML and links as plain data does, with no mention, issue reference or bare URL of its own.
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import type { Nodes } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { GateReport } from '../src/evaluate/gates.js';
import { evaluatePredictions } from '../src/evaluate/slices.js';
import { TRAINING_INFO_FORMAT, type TrainingInfo } from '../src/model/bundle.js';
import { renderModelCard } from '../src/report/model-card.js';
import { renderReport, reportMarker, type ReportInput } from '../src/report/render.js';
import { codeText, inlineText, linkText, MAX_SHOWN } from '../src/safety/markdown.js';

/** Pieces of attacks: line ends of every kind, markdown and HTML openers, mentions, links. */
const ATTACKS = [
  '\r',
  '\n',
  '\r\n',
  '\u2028',
  '\u2029',
  '\u0085',
  '\v',
  '\f',
  '\n\n',
  '|',
  '\\|',
  '\\',
  '`',
  '```',
  '~~~',
  '~~~mermaid\n%%{init: {"theme": "dark"}}%%\ngraph TD\n~~~',
  '%%{init}%%',
  '<!--',
  '-->',
  '<!-- mlops-actions report other -->',
  '<details>',
  '</details>',
  '</summary>',
  '<img src=x onerror=alert(1)>',
  '[x](y)',
  '![x](y)',
  '[x]: https://evil.example',
  '[^1]',
  '@user',
  '@org/team',
  'a@b.co',
  '#12',
  'GH-12',
  'owner/repo#1',
  'https://x.y',
  'http://x.y/a?b=c',
  'www.x.y',
  'WWW.X.Y',
  '# heading',
  '## heading ##',
  '> quote',
  '- list',
  '1. item',
  '- [ ] task',
  '***',
  '---',
  '===',
  '    indented',
  '*',
  '**bold**',
  '_',
  '__',
  '~~gone~~',
  '$x$',
  '$$',
  '&amp;',
  '&#64;user',
  ':tada:',
  '::error::x',
  '\u0000',
  '\u001b[31m',
  '\u202e',
  '\u2066',
  ' ',
  '\t',
  '',
  `${'a'.repeat(MAX_SHOWN - 2)}😀|<`,
];

const attack = fc.constantFrom(...ATTACKS);

/** A hostile string: one attack, or attacks mixed with random unicode. */
const hostile = fc.oneof(
  attack,
  fc
    .array(fc.oneof(attack, fc.string({ unit: 'binary', maxLength: 4 }), fc.string()), {
      maxLength: 8,
    })
    .map((parts) => parts.join('')),
);

/** Every data-derived string of a report. */
interface ReportTexts {
  name: string;
  positiveClass: string;
  baselineVersion: string;
  baselineReason: string;
  metric: string;
  gateDescription: string;
  gateExpected: string;
  gateReason: string;
  sliceColumn: string;
  sliceValues: [string, string];
  sliceMetric: string;
  classes: [string, string];
  anomalyColumn: string;
  anomalyType: string;
  anomalyDescription: string;
  schemaSource: string;
  featureColumn: string;
  featureKind: string;
  backend: string;
  releaseLabel: string;
}

const reportTexts: fc.Arbitrary<ReportTexts> = fc.record({
  name: hostile,
  positiveClass: hostile,
  baselineVersion: hostile,
  baselineReason: hostile,
  metric: hostile,
  gateDescription: hostile,
  gateExpected: hostile,
  gateReason: hostile,
  sliceColumn: hostile,
  sliceValues: fc.tuple(hostile, hostile),
  sliceMetric: hostile,
  classes: fc.tuple(hostile, hostile),
  anomalyColumn: hostile,
  anomalyType: hostile,
  anomalyDescription: hostile,
  schemaSource: hostile,
  featureColumn: hostile,
  featureKind: hostile,
  backend: hostile,
  releaseLabel: hostile,
});

/** `texts` with every string replaced by "x": the same report with plain data. */
function plain<T>(texts: T): T {
  return JSON.parse(JSON.stringify(texts), (_, value: unknown) =>
    typeof value === 'string' ? 'x' : value,
  ) as T;
}

const evaluation = evaluatePredictions({
  task: 'binary',
  labels: [0, 1, 1, 0, 1, 0, 1, 1, 0, 0],
  scores: [0.2, 0.9, 0.7, 0.4, 0.6, 0.1, 0.3, 0.8, 0.55, 0.35],
});

const RUN_URL = 'https://github.com/octo/wages/actions/runs/42';
const COMMIT_URL = 'https://github.com/octo/wages/commit/0123456789abcdef';
const RELEASE_URL = 'https://github.com/octo/wages/releases/tag/churn%40v1.0.0';
const VERSION = '1.0.0';

/** A full report input (every section present) carrying `texts` in its data-derived fields. */
function reportInput(texts: ReportTexts): ReportInput {
  const gates: GateReport = {
    blessed: true,
    verdict: 'BLESSED',
    results: [
      {
        gate: { metric: texts.metric, lower_bound: 0.5 } as GateReport['results'][number]['gate'],
        criterion: 'bounds',
        description: texts.gateDescription,
        status: 'pass',
        actual: 0.9,
        expected: texts.gateExpected,
        reason: texts.gateReason,
      },
    ],
  };
  return {
    name: texts.name,
    model: {
      task: 'binary',
      positiveClass: texts.positiveClass,
      evaluation: {
        ...evaluation,
        slices: [
          {
            column: texts.sliceColumn,
            values: texts.sliceValues.map((value) => ({
              value,
              count: 5,
              metrics: { [texts.sliceMetric]: 0.5 },
            })),
          },
        ],
        confusionMatrix: {
          classes: texts.classes,
          matrix: [
            [4, 1],
            [2, 3],
          ],
        },
      },
      baseline: { version: texts.baselineVersion, reason: texts.baselineReason, source: 'x' },
      comparison: [
        {
          metric: texts.metric,
          current: 0.9,
          baseline: 0.8,
          delta: 0.1,
          relativeDelta: 0.125,
          better: true,
        },
      ],
      gates,
      unknownLabels: 1,
    },
    validation: {
      rows: 12,
      unlabeled: 2,
      passed: true,
      schemaSource: texts.schemaSource,
      anomalies: [
        {
          column: texts.anomalyColumn,
          type: texts.anomalyType,
          severity: 'WARNING',
          description: texts.anomalyDescription,
        },
      ],
    },
    training: {
      rows: { train: 7, validation: 1, test: 10 },
      backend: texts.backend,
      epochs: 5,
      features: [{ column: texts.featureColumn, kind: texts.featureKind }],
    },
    links: {
      runUrl: RUN_URL,
      commit: '0123456789abcdef',
      commitUrl: COMMIT_URL,
      release: { url: RELEASE_URL, label: texts.releaseLabel },
    },
    version: VERSION,
  };
}

function parse(markdown: string): Nodes {
  return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

/** Every node of the parsed markdown, depth first, with its level in the tree. */
function nodes(markdown: string): { node: Nodes; level: number }[] {
  const found: { node: Nodes; level: number }[] = [];
  const walk = (node: Nodes, level: number) => {
    found.push({ node, level });
    if ('children' in node) node.children.forEach((child) => walk(child, level + 1));
  };
  walk(parse(markdown), 0);
  return found;
}

/**
 * The document's structure: every node but text with its level; headings with their depth, code
 * with its language and content, links with their URL, lists as ordered or not, HTML with its tags.
 */
function structure(markdown: string): string[] {
  return nodes(markdown)
    .filter(({ node }) => node.type !== 'text')
    .map(({ node, level }) => `${level} ${describeNode(node)}`);
}

function describeNode(node: Nodes): string {
  switch (node.type) {
    case 'heading':
      return `heading ${node.depth}`;
    case 'code':
      return `code ${node.lang} ${node.value}`;
    case 'link':
      return `link ${node.url}`;
    case 'list':
      return `list ${node.ordered}`;
    case 'html':
      return `html ${(node.value.match(/<!--|<\/?[A-Za-z][\w-]*/g) ?? []).join(' ')}`;
    default:
      return node.type;
  }
}

/**
 * The text a reader sees, where GitHub looks for mentions, references and URLs: text nodes outside
 * links (GitHub links nothing inside one) and raw HTML outside comments, references decoded.
 */
function visibleTexts(markdown: string): string[] {
  const texts: string[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'link') return;
    if (node.type === 'text') texts.push(node.value);
    // An HTML comment shows nothing, so GitHub links nothing in it.
    if (node.type === 'html') texts.push(decodeReferences(node.value.replace(/<!--.*?-->/gs, '')));
    if ('children' in node) node.children.forEach(walk);
  };
  walk(parse(markdown));
  return texts;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' };

function decodeReferences(html: string): string {
  return html.replace(/&(?:#(\d+)|#x([\da-f]+)|(amp|lt|gt|quot));/gi, (_, dec, hex, name) =>
    name
      ? (NAMED[name] as string)
      : String.fromCodePoint(Number.parseInt(dec ?? hex, dec ? 10 : 16)),
  );
}

/** What GitHub would turn into a ping, a cross-link or a link, found in visible text. */
const LINKABLE: [string, RegExp][] = [
  ['mention', /@[\p{L}\p{N}]/u],
  ['issue reference', /#\d/],
  ['GH reference', /GH-\d/i],
  ['URL', /:\/\//],
  ['www autolink', /www\./i],
];

/** The linkable patterns found in the rendered markdown, outside our own `NAME@vVERSION`. */
function linkable(markdown: string): string[] {
  return visibleTexts(markdown)
    .map((text) => text.replaceAll(`@v${VERSION}`, ''))
    .flatMap((text) => LINKABLE.filter(([, pattern]) => pattern.test(text)).map(([what]) => what));
}

const count = (text: string, part: string) => text.split(part).length - 1;

const PLAIN = plain(fc.sample(reportTexts, 1)[0] as ReportTexts);
const PLAIN_REPORT = renderReport(reportInput(PLAIN), Infinity);

/** The lines the ROC and precision–recall charts may have: fixed text and numbers only. */
const CHART_LINES = [
  /^%%\{init: \{"themeVariables": \{"xyChart": \{"plotColorPalette": "#[0-9a-f]{6}(?:, #[0-9a-f]{6})*"\}\}\}\}%%$/,
  /^xychart-beta$/,
  /^ {2}title "(?:ROC|Precision by recall)"$/,
  /^ {2}x-axis "(?:false positive rate|recall)" [\d.]+ --> [\d.]+$/,
  /^ {2}y-axis "(?:true positive rate|precision)" [\d.]+ --> [\d.]+$/,
  /^ {2}line \[[\d., ]+\]$/,
];

describe('report structure with hostile data', () => {
  test('every data-derived field, whatever it holds, leaves the structure of plain data', () => {
    const plainStructure = structure(PLAIN_REPORT);
    fc.assert(
      fc.property(reportTexts, (texts) => {
        expect(structure(renderReport(reportInput(texts), Infinity))).toEqual(plainStructure);
      }),
      { numRuns: 200 },
    );
  });

  test('so does the report of failed data checks, where no model was trained', () => {
    const untrained = (texts: ReportTexts): ReportInput => {
      const input = reportInput(texts);
      return {
        ...input,
        model: null,
        validation: input.validation && { ...input.validation, passed: false },
      };
    };
    const plainStructure = structure(renderReport(untrained(PLAIN), Infinity));
    fc.assert(
      fc.property(reportTexts, (texts) => {
        const report = renderReport(untrained(texts), Infinity);
        expect(structure(report)).toEqual(plainStructure);
        expect(linkable(report)).toEqual([]);
      }),
    );
  });

  test('data adds no mention, issue reference or bare URL', () => {
    fc.assert(
      fc.property(reportTexts, (texts) => {
        expect(linkable(renderReport(reportInput(texts), Infinity))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  test('the hidden marker is the first line and the only HTML comment', () => {
    fc.assert(
      fc.property(reportTexts, (texts) => {
        const report = renderReport(reportInput(texts), Infinity);
        expect(report.startsWith(`${reportMarker(texts.name)}\n`)).toBe(true);
        expect(count(report, '<!--')).toBe(1);
        expect(structure(report)[1]).toBe('1 html <!--');
      }),
    );
  });

  test('links only ever point where the runner said, never where data says', () => {
    fc.assert(
      fc.property(reportTexts, (texts) => {
        const urls = nodes(renderReport(reportInput(texts), Infinity)).flatMap(({ node }) =>
          node.type === 'link' ? [node.url] : [],
        );
        expect(urls).toEqual([COMMIT_URL, RUN_URL, RELEASE_URL]);
      }),
    );
  });

  test('the Mermaid chart holds only fixed text and numbers', () => {
    fc.assert(
      fc.property(reportTexts, (texts) => {
        const charts = nodes(renderReport(reportInput(texts), Infinity)).flatMap(({ node }) =>
          node.type === 'code' && node.lang === 'mermaid' ? [node.value] : [],
        );
        expect(charts).toHaveLength(2);
        for (const line of charts.join('\n').split('\n')) {
          expect(CHART_LINES.some((pattern) => pattern.test(line))).toBe(true);
        }
      }),
    );
  });

  test('the model card keeps its structure whatever the name, label and columns hold', () => {
    const card = (name: string, label: string, column: string, kind: string) => {
      const training = {
        format: TRAINING_INFO_FORMAT,
        name,
        modelId: 'm',
        task: 'binary',
        label,
        features: [{ column, kind }],
        rows: { train: 7, validation: 1, test: 2, unlabeled: 0 },
        backend: 'cpu',
        seed: 1,
        epochs: { run: 3, best: 2, stoppedEarly: false },
        dataHash: 'd',
        split: { test: 0.2, validation: 0.1, seed: 1 },
        configHash: 'c',
      } satisfies TrainingInfo;
      return renderModelCard(training, { [column]: 0.5 });
    };
    const plainStructure = structure(card('x', 'x', 'x', 'x'));
    fc.assert(
      fc.property(hostile, hostile, hostile, hostile, (name, label, column, kind) => {
        const markdown = card(name, label, column, kind);
        expect(structure(markdown)).toEqual(plainStructure);
        expect(linkable(markdown)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the attacks of issue 6, one by one', () => {
  const clean = PLAIN_REPORT;
  const withTexts = (texts: Partial<ReportTexts>) =>
    renderReport(reportInput({ ...PLAIN, ...texts }), Infinity);

  test('a lone CR in a slice value does not end the table row', () => {
    const report = withTexts({ sliceValues: ['a\r## owned\r| x |', 'b'] });
    expect(structure(report)).toEqual(structure(clean));
    expect(report).toContain('| a #\u2060#\u2060 owned &#124; x &#124; | 5 |');
  });

  test('a binary label with line ends stays in the verdict paragraph', () => {
    const report = withTexts({
      positiveClass:
        'yes\n\n# Approved\n\n[click](https://evil.example)\n\n~~~mermaid\n%%{init}%%\n~~~',
    });
    expect(structure(report)).toEqual(structure(clean));
    expect(report.split('\n')[3]).toContain(
      '(positive class: yes  #\u2060 Approved  &#91;click&#93;(https:\u2060//evil.example)',
    );
  });

  test('mentions, references and bare URLs are shown but link nothing', () => {
    const report = withTexts({
      anomalyDescription: '@octocat @org/team #1 GH-2 o/r#3 https://x.y www.x.y a@b.co',
    });
    expect(linkable(report)).toEqual([]);
    expect(report).toContain(
      '@\u2060octocat @\u2060org/team #\u20601 GH-\u20602 o/r#\u20603 https:\u2060//x.y www\u2060.x.y a@\u2060b.co',
    );
  });

  test('a slice column cannot close the <details> or the <code> around it', () => {
    const report = withTexts({ sliceColumn: '</code></summary></details>\n\n# x' });
    expect(structure(report)).toEqual(structure(clean));
    expect(count(report, '<details')).toBe(count(report, '</details>'));
  });
});

describe('inlineText', () => {
  test.each([
    ['every line end kind', 'a\r\nb\nc\rd\u0085e\u2028f\u2029g\vh\fi', 'a b c d e f g h i'],
    [
      'markup as references',
      '*a* `b` [c] ~d~ $e$ \\ | < > &',
      '&#42;a&#42; &#96;b&#96; &#91;c&#93; &#126;d&#126; &#36;e&#36; &#92; &#124; &lt; &gt; &amp;',
    ],
    [
      '_ between letters or digits kept',
      'capital_gain a_1 _x_ y_',
      'capital_gain a_1 &#95;x&#95; y&#95;',
    ],
    [
      'mentions and references joined',
      '@a #1 GH-2 gh-3',
      '@\u2060a #\u20601 GH-\u20602 gh-\u20603',
    ],
    ['URLs joined', 'https://a.b WWW.c.d', 'https:\u2060//a.b WWW\u2060.c.d'],
    [
      'controls shown',
      'a\u0000b\u001bc\u009bd\u202ee\u2066f\tg',
      'a\\u0000b\\u001Bc\\u009Bd\\u202Ee\\u2066f\tg',
    ],
  ])('%s', (_, text, shown) => {
    expect(inlineText(text)).toBe(shown);
  });

  test('cuts long values with … at the code point, never inside a surrogate pair', () => {
    expect(inlineText('a'.repeat(MAX_SHOWN))).toBe('a'.repeat(MAX_SHOWN));
    expect(inlineText('a'.repeat(MAX_SHOWN + 1))).toBe(`${'a'.repeat(MAX_SHOWN - 1)}…`);
    expect(inlineText('😀'.repeat(10), 5)).toBe(`${'😀'.repeat(4)}…`);
    expect(inlineText('😀'.repeat(5), 5)).toBe('😀'.repeat(5));
    expect(inlineText('x'.repeat(10_000_000), 3)).toBe('xx…');
  });

  test('codeText escapes as inlineText; linkText leaves mentions whole, as GitHub links nothing in a link', () => {
    expect(codeText('@a <b>')).toBe(inlineText('@a <b>'));
    expect(linkText('release churn@v1.0.0 [x]\n')).toBe('release churn@v1.0.0 &#91;x&#93; ');
  });
});

describe('forged step outputs', () => {
  test('counts that are not numbers (a committed training.json or evaluation.json) never reach the markdown', () => {
    const forged = '</sub>\n\n# INJECTED @octocat #1 https://evil.example';
    const report = renderReport({
      name: 'churn',
      model: null,
      validation: {
        rows: forged as unknown as number,
        unlabeled: forged as unknown as number,
        anomalies: [],
        passed: false,
        schemaSource: 'inferred',
      },
      training: {
        rows: { train: forged as unknown as number, validation: 1, test: 1 },
        backend: 'cpu',
        epochs: forged as unknown as number,
      },
    });
    expect(report).not.toContain('INJECTED');
    expect(report).toContain('? rows read; ? without a label dropped');
  });
});
