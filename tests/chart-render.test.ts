/**
 * Every Mermaid chart of a binary, a multiclass and a regression report, rendered as a reader's
 * browser renders it: Debian's Chromium, headless, with the `mermaid` package's own bundle (no
 * network). The reports come from real runs (train, register, retrain, evaluate against the
 * registered baseline, report) on small made data. A chart fails on a parse error, on drawing
 * nothing or fewer series than it declares, and on a line or bar too pale to see on white.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { LABEL, mlops, read } from './support/cli.js';
import { makeCsv, type TaskKind } from './support/data.js';
import { makeRepo } from './support/repo.js';

const CHROMIUM = '/usr/bin/chromium';

/** Headless, offline, and nothing of the user's: no network fetches, no updates, no sync. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** WCAG 2.1's least contrast for graphics a reader must see (success criterion 1.4.11). */
const MIN_CONTRAST = 3;

const MERMAID = path.join(
  path.dirname(createRequire(import.meta.url).resolve('mermaid/package.json')),
  'dist',
  'mermaid.min.js',
);

/** One drawn series, as the page found it in the SVG. */
interface DrawnPlot {
  kind: 'line' | 'bar';
  /** Computed stroke (lines) or fill (bars), `rgb(r, g, b)`. */
  colors: string[];
  /** Points of a line, bars of a bar series. */
  marks: number;
}

type Rendered = { error: string } | { plots: DrawnPlot[] };

/**
 * In the page: parses a chart (a parse error is returned, not drawn as Mermaid's error picture),
 * renders it, puts the SVG in the document so styles resolve, and lists each series it drew.
 * Plain JavaScript in a string, so no compiler helper leaks into the page.
 */
const PAGE_SCRIPT = `
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
window.renderChart = async (id, text) => {
  try {
    await mermaid.parse(text);
  } catch (error) {
    return { error: String(error && error.message ? error.message : error) };
  }
  const { svg } = await mermaid.render(id, text);
  const host = document.createElement('div');
  host.innerHTML = svg;
  document.body.append(host);
  const groups = [...host.querySelectorAll('g[class^="line-plot-"], g[class^="bar-plot-"]')];
  const plots = groups.map((group) => {
    const line = group.getAttribute('class').startsWith('line-plot-');
    const shapes = [...group.querySelectorAll(line ? 'path' : 'rect')];
    const colors = shapes.map((shape) => getComputedStyle(shape)[line ? 'stroke' : 'fill']);
    const marks = line
      ? shapes.reduce((n, p) => n + (p.getAttribute('d') || '').split(/[ML]/).length - 1, 0)
      : shapes.filter((rect) => Number(rect.getAttribute('width')) > 0).length;
    return { kind: line ? 'line' : 'bar', colors, marks };
  });
  host.remove();
  return { plots };
};
`;

/** WCAG contrast ratio of an `rgb(r, g, b)` colour against white. */
function contrastOnWhite(color: string): number {
  const channels = /^rgba?\((\d+), (\d+), (\d+)/.exec(color)?.slice(1).map(Number);
  if (!channels) throw new Error(`not an rgb() colour: ${color}`);
  const [r, g, b] = channels.map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (luminance + 0.05);
}

/** The series a chart's source declares: one `line` or `bar` statement each. */
function declaredSeries(chart: string): ('line' | 'bar')[] {
  return chart
    .split('\n')
    .flatMap((line) => /^\s*(line|bar) \[/.exec(line)?.[1] ?? [])
    .map((kind) => kind as 'line' | 'bar');
}

/** The fenced Mermaid blocks of a markdown report. */
function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((m) => m[1] as string);
}

/** A small network trained for a few epochs: the charts need two models, not good ones. */
function config(task: TaskKind, seed: number): string {
  return [
    `name: charts-${task}`,
    'data:',
    '  train: data.csv',
    `  label: ${LABEL}`,
    'model:',
    '  epochs: 3',
    '  hidden: [8]',
    '  batch_size: 32',
    `  seed: ${seed}`,
  ].join('\n');
}

/** Runs `mlops argv` in `dir`; a step may exit 1 on a verdict, never on an error of its own. */
async function step(dir: string, argv: string[], codes = [0]): Promise<void> {
  const result = await mlops(dir, argv);
  expect(result.stderr).not.toContain('internal error');
  expect(codes).toContain(result.code);
}

/**
 * The report of real runs against a registered baseline: a first model is registered as v0.1.0
 * (forced: models this small may not pass the default gates, and the charts need one anyway),
 * then a model trained with another seed is evaluated beside it on the same test rows.
 */
async function reportOf(task: TaskKind): Promise<string> {
  const dir = makeRepo({
    'data.csv': makeCsv(task, 160, { seed: 5 }),
    'mlops.yml': config(task, 1),
  });
  await step(dir, ['train']);
  await step(dir, ['evaluate'], [0, 1]);
  await step(dir, ['register', '--force', '--reason', 'a baseline for the chart test']);
  writeFileSync(path.join(dir, 'mlops.yml'), config(task, 2));
  await step(dir, ['train']);
  await step(dir, ['evaluate'], [0, 1]);
  await step(dir, ['report']);
  return read(dir, '.mlops/report.md');
}

let context: BrowserContext | undefined;
let page: Page;
let userDataDir = '';
const reports = new Map<TaskKind, string>();

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} not found: this test renders the report's charts in Debian's Chromium. ` +
        'Install it (apt-get install chromium; .ci/run does so on CI).',
    );
  }
  // Reports first: training is the slow part, and a browser idling meanwhile holds memory.
  for (const task of ['binary', 'multiclass', 'regression'] as const) {
    reports.set(task, await reportOf(task));
  }
  userDataDir = mkdtempSync(path.join(os.tmpdir(), 'mlops-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    offline: true,
  });
  page = context.pages()[0] ?? (await context.newPage());
  await page.setContent('<!doctype html><html><body></body></html>');
  await page.addScriptTag({ path: MERMAID });
  await page.addScriptTag({ content: PAGE_SCRIPT });
});

afterAll(async () => {
  await context?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

let chartId = 0;

/** Renders one chart in the shared page. */
async function render(chart: string): Promise<Rendered> {
  return page.evaluate(
    ([id, text]) =>
      (
        globalThis as unknown as { renderChart: (id: string, text: string) => Promise<Rendered> }
      ).renderChart(id, text),
    [`chart-${++chartId}`, chart] as const,
  );
}

/** The charts each report must hold, by title; each draws the baseline beside the candidate. */
const EXPECTED: Record<TaskKind, string[]> = {
  binary: ['ROC', 'Precision by recall', 'Loss per epoch'],
  multiclass: ['Recall per class', 'Loss per epoch'],
  regression: ['Predicted against actual', 'Loss per epoch'],
};

describe('report charts in a browser', () => {
  test.each(['binary', 'multiclass', 'regression'] as const)(
    'every chart of a %s report parses, draws each series it declares, and in a visible colour',
    async (task) => {
      const report = reports.get(task) as string;
      const charts = mermaidBlocks(report);
      const titles = charts.map((chart) => /^ {2}title "(.*)"$/m.exec(chart)?.[1]);
      expect(titles).toEqual(EXPECTED[task]);
      // The registered model is drawn beside the candidate on the model's charts.
      expect(report).toContain('🟦 baseline v0.1.0');
      for (const chart of charts) {
        expect(chart).toMatch(/^%%\{init: \{"themeVariables": \{"xyChart": \{"plotColorPalette": /);
        expect(chart.split('\n')[1]).toBe('xychart-beta');
        const rendered = await render(chart);
        if ('error' in rendered)
          throw new Error(`Mermaid cannot parse:\n${chart}\n${rendered.error}`);
        const declared = declaredSeries(chart);
        expect(rendered.plots.map((p) => p.kind)).toEqual(declared);
        for (const plot of rendered.plots) {
          // A line needs two points to show; bars may be zero (a class never predicted).
          if (plot.kind === 'line') expect(plot.marks).toBeGreaterThanOrEqual(2);
          expect(plot.colors.length).toBeGreaterThan(0);
          for (const color of plot.colors) {
            const contrast = contrastOnWhite(color);
            if (contrast < MIN_CONTRAST) {
              throw new Error(
                `a ${plot.kind} in "${chart.split('\n')[3]?.trim()}" is ${color}, contrast ${contrast.toFixed(2)}:1 on white (at least ${MIN_CONTRAST}:1 needed)`,
              );
            }
          }
        }
      }
    },
  );

  test("Mermaid's own default colours would fail the contrast check, so it tests something", async () => {
    const chart = (reports.get('binary') as string).match(/```mermaid\n([\s\S]*?)\n```/)?.[1] ?? '';
    const rendered = await render(chart.split('\n').slice(1).join('\n'));
    if ('error' in rendered) throw new Error(rendered.error);
    const contrasts = rendered.plots.flatMap((p) => p.colors.map(contrastOnWhite));
    expect(Math.min(...contrasts)).toBeLessThan(MIN_CONTRAST);
  });

  test('a chart Mermaid cannot parse is reported as an error, not drawn', async () => {
    const rendered = await render('xychart-beta\n  line [1, 2, oops]');
    expect(rendered).toHaveProperty('error');
  });
});
