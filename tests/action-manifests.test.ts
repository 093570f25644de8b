/**
 * Every action.yml says what the step table says: the same inputs (required or with the same
 * default), the same outputs, node24, and a committed bundle that exists. The CLI's `--help` for
 * each command lists only that step's parameters.
 */
import { describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { COMMANDS } from '../src/action/inputs.js';
import { actionSteps, manifestFiles } from '../src/action/manifest.js';
import { lookupStep, OUTPUTS, stepParams, type StepName } from '../src/step-table.js';
import { mlops } from './support/cli.js';

const root = path.resolve(import.meta.dirname, '..');

interface ActionYml {
  inputs: Record<string, { required: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

function readAction(file: string): ActionYml {
  return parse(readFileSync(path.join(root, file), 'utf8')) as ActionYml;
}

function tableInputs(name: StepName) {
  return Object.fromEntries(
    stepParams(lookupStep(name))
      .filter((p) => p.input)
      .map((p) => [
        p.input,
        p.required ? { required: true } : { required: false, default: p.default ?? '' },
      ]),
  );
}

describe('per-step actions', () => {
  test('there is one for each step the issue names', () => {
    expect(actionSteps().sort()).toEqual(
      ['evaluate', 'fetch', 'promote', 'register', 'report', 'train', 'validate'].sort(),
    );
  });

  test.each(actionSteps())('actions/%s/action.yml matches the step table', (name) => {
    const file = `actions/${name}/action.yml`;
    const action = readAction(file);
    const inputs = Object.fromEntries(
      Object.entries(action.inputs).map(([input, spec]) => [
        input,
        spec.required ? { required: true } : { required: false, default: spec.default },
      ]),
    );
    expect(inputs).toEqual(tableInputs(name));
    expect(Object.keys(action.outputs).sort()).toEqual(
      Object.keys(lookupStep(name).outputs).sort(),
    );
    expect(action.runs.using).toBe('node24');
    expect(existsSync(path.resolve(root, path.dirname(file), action.runs.main))).toBe(true);
    expect(existsSync(path.join(root, 'actions', name, 'README.md'))).toBe(true);
  });

  test('each README lists every input and output of its action', () => {
    for (const name of actionSteps()) {
      const readme = readFileSync(path.join(root, 'actions', name, 'README.md'), 'utf8');
      const action = readAction(`actions/${name}/action.yml`);
      for (const key of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) {
        expect(readme).toContain(`| \`${key}\` |`);
      }
      expect(readme).toContain(`mlops-actions/mlops-actions/actions/${name}@v1`);
    }
  });
});

describe('the umbrella action.yml', () => {
  const action = readAction('action.yml');

  test('offers every umbrella command, promote and fetch included, run by default', () => {
    expect(COMMANDS).toEqual(expect.arrayContaining(['run', 'promote', 'fetch', 'check-ref']));
    expect(action.inputs.command?.default).toBe('run');
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/action/index.js' });
  });

  test('declares the union of its commands inputs and outputs, all optional', () => {
    const inputs = new Set(['command']);
    const outputs = new Set<string>();
    for (const name of COMMANDS) {
      Object.keys(tableInputs(name)).forEach((input) => inputs.add(input));
      Object.keys(lookupStep(name).outputs).forEach((output) => outputs.add(output));
    }
    expect(Object.keys(action.inputs).sort()).toEqual([...inputs].sort());
    expect(Object.keys(action.outputs).sort()).toEqual([...outputs].sort());
    expect(Object.values(action.inputs).every((input) => !input.required)).toBe(true);
    expect(action.inputs['github-token']?.default).toBe('${{ github.token }}');
    expect([...outputs].every((output) => output in OUTPUTS)).toBe(true);
  });

  test('every generated file is committed as the table renders it', () => {
    for (const { path: file, text } of manifestFiles()) {
      expect(readFileSync(path.join(root, file), 'utf8')).toBe(text);
    }
  });
});

describe('the CLI from the same table', () => {
  test('promote --help lists only its own parameters, with an example', async () => {
    const help = (await mlops(root, ['promote', '--help'])).stdout;
    expect(help).toContain('Usage: mlops promote [options] <name> <version>');
    expect(help).toContain('--to <stage>');
    expect(help).toContain('--reason <text>');
    expect(help).toContain('Example:');
    for (const flag of ['--data', '--label', '--seed', '--backend', '--name', '--out']) {
      expect(help).not.toContain(flag);
    }
  });

  test.each(['validate', 'train', 'evaluate', 'register', 'run'])(
    '%s --help offers the data flags',
    async (command) => {
      const help = (await mlops(root, [command, '--help'])).stdout;
      for (const flag of ['--data <file>', '--label <column>', '--seed <n>', '--out <dir>']) {
        expect(help).toContain(flag);
      }
    },
  );

  test.each(['fetch', 'registry ls', 'registry check-ref', 'deprecate'])(
    '%s --help offers no data flags',
    async (command) => {
      const help = (await mlops(root, [...command.split(' '), '--help'])).stdout;
      for (const flag of ['--data', '--label', '--seed', '--backend']) {
        expect(help).not.toContain(flag);
      }
    },
  );
});
