/**
 * The test runner's own rules (tests/support/workflow*.ts), without a repository or a server:
 * expressions (status functions, operators, fromJSON / toJSON), the matrix expansion of GitHub's
 * documented examples, and a matrix job's legs, fail-fast, result and outputs in a small workflow
 * whose jobs run no action.
 */
import { describe, expect, test } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { tempDir } from './support/repo.js';
import { runWorkflow } from './support/workflow.js';
import {
  condition,
  evaluateValue,
  interpolate,
  type Scope,
  type Value,
} from './support/workflow-expressions.js';
import { expandMatrix } from './support/workflow-matrix.js';

const WORKFLOWS = path.resolve(import.meta.dirname, '..', 'examples', 'workflows');

/** A job's scope: `needs` by job → result, with `outputs` for some. */
const scope = (
  needs: Record<string, string>,
  failed = false,
  outputs: Record<string, Record<string, string>> = {},
): Scope => ({
  contexts: {
    github: { event_name: 'pull_request' },
    inputs: {},
    needs: Object.fromEntries(
      Object.entries(needs).map(([job, result]) => [job, { result, outputs: outputs[job] ?? {} }]),
    ),
  },
  status: { success: !failed, failure: failed },
});

/** The `if:` of `job` in the example workflow `file`. */
const jobIf = (file: string, job: string) =>
  (
    parse(readFileSync(path.join(WORKFLOWS, file), 'utf8')) as {
      jobs: Record<string, { if: string }>;
    }
  ).jobs[job]?.if;

describe('expressions', () => {
  const reportIf = jobIf('pr.yml', 'report');

  test.each([
    [{ validate: 'success', evaluate: 'success' }, true],
    [{ validate: 'success', evaluate: 'failure' }, true],
    [{ validate: 'failure', evaluate: 'skipped' }, true],
    [{ validate: 'success', evaluate: 'skipped' }, false],
  ])("pr.yml's report condition with %j is %s", (needs, expected) => {
    expect(condition(reportIf, scope(needs, needs.validate === 'failure'))).toBe(expected);
  });

  // A failed trial fails the matrix job `trial`: collect ranks the others and the winner goes on.
  test.each([
    ['collect', { plan: 'success', trial: 'failure' }, true],
    ['collect', { plan: 'failure', trial: 'skipped' }, false],
    ['evaluate', { collect: 'success' }, true],
    ['evaluate', { collect: 'failure' }, false],
  ])("tune.yml's %s condition with %j, after a failed trial, is %s", (job, needs, expected) => {
    expect(condition(jobIf('tune.yml', job), scope(needs, true))).toBe(expected);
  });

  test('&& and || return operands; == compares strings ignoring case; no status function means success()', () => {
    const s = scope({ evaluate: 'skipped' });
    expect(
      interpolate("${{ needs.evaluate.result == 'SKIPPED' && 'validated' || 'evaluated' }}", s),
    ).toBe('validated');
    expect(interpolate("a-${{ needs.evaluate.outputs.none }}-${{ 'it''s' }}", s)).toBe("a--it's");
    expect(condition("needs.evaluate.result == 'skipped'", s)).toBe(true);
    expect(
      condition("needs.evaluate.result == 'skipped'", scope({ evaluate: 'skipped' }, true)),
    ).toBe(false);
    expect(condition('${{ always() }}', scope({}, true))).toBe(true);
    expect(condition('${{ !cancelled() }}', scope({}, true))).toBe(true);
    expect(condition('failure()', scope({}, true))).toBe(true);
  });

  test('fromJSON gives a value with its type, whose properties read on; toJSON indents by two', () => {
    const matrix = '{"include":[{"trial":"t01","params":{"hidden":[8],"lr":0.01}}]}';
    const s = scope({ plan: 'success' }, false, { plan: { matrix } });
    expect(evaluateValue('${{ fromJSON(needs.plan.outputs.matrix) }}', s)).toEqual(
      JSON.parse(matrix),
    );
    expect(interpolate('${{ fromJSON(needs.plan.outputs.matrix).include[0].trial }}', s)).toBe(
      't01',
    );
    expect(
      interpolate("${{ toJSON(fromJson(needs.plan.outputs.matrix).include[0]['params']) }}", s),
    ).toBe('{\n  "hidden": [\n    8\n  ],\n  "lr": 0.01\n}');
    expect(condition("fromJSON('true') && fromJSON('1') == 1", s)).toBe(true);
    // Only a whole `${{ }}` keeps its type; text around it makes a string, in lists and mappings too.
    expect(
      evaluateValue({ 'fail-fast': "${{ fromJSON('false') }}", list: ['n-${{ 1 }}', 2] }, s),
    ).toEqual({ 'fail-fast': false, list: ['n-1', 2] });
  });

  test.each([
    ["contains(github.event_name, 'pull')", /unsupported function contains/],
    ['vars.MODEL', /unknown context "vars"/],
    ["needs.train.result == 'success'", /needs\.train\.result: "train" is not set/],
    ['github.event_name < 1', /cannot read "< 1"/],
    ["${{ always() }} && 'x'", /text outside/],
    ["fromJSON('{')", /fromJSON: .*JSON/],
    ['fromJSON(1)', /fromJSON: expected a string/],
    ["fromJSON('{}').x", /fromjson\(…\)\.x: "x" is not set/],
    ['toJSON()', /toJSON\(\) takes 1 argument\(s\), got 0/],
    ['always(1)', /always\(\) takes 0 argument\(s\), got 1/],
  ])('an expression it does not understand throws: %s', (text, error) => {
    expect(() => condition(text, scope({ evaluate: 'success' }))).toThrow(error);
  });
});

describe('strategy.matrix', () => {
  test.each<[string, Value, Value[]]>([
    [
      'vectors: every combination, the first key slowest',
      { os: ['linux', 'windows'], node: [18, 20] },
      [
        { os: 'linux', node: 18 },
        { os: 'linux', node: 20 },
        { os: 'windows', node: 18 },
        { os: 'windows', node: 20 },
      ],
    ],
    [
      // GitHub's documented example of include: added where no original value changes, an added
      // value (color) may change, an entry that fits no combination is a combination of its own.
      'include as documented',
      {
        fruit: ['apple', 'pear'],
        animal: ['cat', 'dog'],
        include: [
          { color: 'green' },
          { color: 'pink', animal: 'cat' },
          { fruit: 'apple', shape: 'circle' },
          { fruit: 'banana' },
          { fruit: 'banana', animal: 'cat' },
        ],
      },
      [
        { fruit: 'apple', animal: 'cat', color: 'pink', shape: 'circle' },
        { fruit: 'apple', animal: 'dog', color: 'green', shape: 'circle' },
        { fruit: 'pear', animal: 'cat', color: 'pink' },
        { fruit: 'pear', animal: 'dog', color: 'green' },
        { fruit: 'banana' },
        { fruit: 'banana', animal: 'cat' },
      ],
    ],
    [
      'exclude matches on its keys only; an include may add an excluded combination back',
      {
        os: ['linux', 'windows'],
        node: [18, 20],
        exclude: [{ os: 'windows' }, { node: 20 }],
        include: [{ os: 'windows', node: 20, experimental: true }],
      },
      [
        { os: 'linux', node: 18 },
        { os: 'windows', node: 20, experimental: true },
      ],
    ],
    [
      'include alone (tune plan): one job per entry, nested values kept',
      {
        include: [
          { trial: 't01', params: { hidden: [8] } },
          { trial: 't02', params: { hidden: [16] } },
        ],
      },
      [
        { trial: 't01', params: { hidden: [8] } },
        { trial: 't02', params: { hidden: [16] } },
      ],
    ],
  ])('%s', (_name, matrix, expected) => {
    expect(expandMatrix(matrix)).toEqual(expected);
  });

  test.each<[Value, RegExp]>([
    [{ include: [] }, /it makes no job/],
    [{}, /it makes no job/],
    [{ os: ['linux'], exclude: [{ os: 'linux' }] }, /it makes no job/],
    [{ os: [] }, /strategy\.matrix\.os: a vector needs a list/],
    [{ os: ['linux'], exclude: [{ arch: 'arm' }] }, /"arch" is not a key of the matrix/],
    [{ a: [...Array(16).keys()], b: [...Array(17).keys()] }, /272 jobs, more than GitHub's 256/],
    ['t01', /strategy\.matrix: expected a mapping/],
    [{ include: 't01' }, /include: expected a list of mappings/],
  ])('%j fails the job', (matrix, error) => {
    expect(() => expandMatrix(matrix)).toThrow(error);
  });
});

describe('a matrix job', () => {
  // Three legs from a previous job's output; the second fails (its artifact was never uploaded).
  const file = path.join(tempDir('mlops-matrix-wf-'), 'matrix.yml');
  writeFileSync(
    file,
    `name: matrix
on:
  workflow_dispatch:
    inputs:
      matrix: { type: string, required: true }
      fail-fast: { type: string, default: 'true' }
jobs:
  plan:
    runs-on: ubuntu-latest
    outputs:
      matrix: \${{ inputs.matrix }}
  legs:
    needs: plan
    name: leg \${{ matrix.n }} of \${{ strategy.job-total }}
    runs-on: ubuntu-latest
    strategy:
      fail-fast: \${{ inputs.fail-fast == 'true' }}
      max-parallel: 2
      matrix: \${{ fromJSON(needs.plan.outputs.matrix) }}
    outputs:
      first: \${{ matrix.n == 1 && 'one' || '' }}
      last: \${{ matrix.n }}
    steps:
      - if: matrix.n == 2
        uses: actions/download-artifact@v4
        with:
          name: never-uploaded
  after:
    needs: legs
    if: \${{ !cancelled() }}
    runs-on: ubuntu-latest
    outputs:
      saw: \${{ needs.legs.result }} \${{ needs.legs.outputs.first }} \${{ needs.legs.outputs.last }}
`,
  );
  const run = (inputs: Record<string, string>) =>
    runWorkflow(
      file,
      {
        name: 'workflow_dispatch',
        sha: '0'.repeat(40),
        ref: 'refs/heads/main',
        payload: {},
        inputs,
      },
      { remote: '', apiUrl: '', tokens: { read: '', write: '' } },
    );
  const matrix = JSON.stringify({ n: [1, 2, 3] });

  test.each([
    ['true', ['success', 'failure', 'cancelled'], 'failure one 2'],
    ['false', ['success', 'failure', 'success'], 'failure one 3'],
  ])(
    'fail-fast %s: legs %j; needs.legs is failure with outputs combined: %s',
    async (failFast, legs, saw) => {
      const result = await run({ matrix, 'fail-fast': failFast });
      const job = result.job('legs');
      expect(job.legs?.map((leg) => [leg.title, leg.matrix, leg.result])).toEqual(
        legs.map((leg, i) => [`leg ${i + 1} of 3`, { n: i + 1 }, leg]),
      );
      expect(job.legs?.[1]?.steps[0]?.messages).toEqual([
        'Unable to download artifact(s): Artifact not found for name: never-uploaded',
      ]);
      expect(job.result).toBe('failure');
      // A later leg's empty `first` does not replace the first leg's value.
      expect(job.outputs).toEqual({ first: 'one', last: saw.slice(-1) });
      expect(result.job('after').outputs).toEqual({ saw });
    },
  );

  test('a matrix that makes no job fails the job before its steps', async () => {
    const result = await run({ matrix: '{"include": []}' });
    expect(result.jobs.map((job) => [job.name, job.result])).toEqual([
      ['plan', 'success'],
      ['legs', 'failure'],
      ['after', 'success'],
    ]);
    expect(result.job('legs').error).toBe('strategy.matrix: it makes no job');
    expect(result.job('after').outputs).toEqual({ saw: 'failure  ' });
  });
});
