/** An action's inputs, read once as the step table declares them (nothing else calls getInput). */
import * as core from '@actions/core';
import { UsageError } from '../errors.js';
import {
  lookupStep,
  PARAMS,
  stepEntries,
  stepParams,
  type ParamName,
  type StepName,
} from '../step-table.js';

/** The umbrella action's extra input: which step to run. */
export const COMMAND_INPUT = 'command';

/** The commands the umbrella action offers, in the table's order. */
export const COMMANDS = stepEntries()
  .filter(([, spec]) => spec.surfaces.umbrella)
  .map(([name]) => name);

/** The values of a step's inputs, by parameter name; inputs the step does not take are absent. */
export type ActionInputs = Partial<Record<ParamName, string>>;

/** The step the umbrella action runs: its `command` input, `run` when empty. */
export function readCommand(): StepName {
  const command = core.getInput(COMMAND_INPUT) || 'run';
  if (!(COMMANDS as string[]).includes(command)) {
    throw new UsageError(
      `input "${COMMAND_INPUT}": expected one of ${COMMANDS.join(', ')}, got "${command}".`,
    );
  }
  return command as StepName;
}

/**
 * Reads and checks the inputs step `name` takes; secrets are masked before anything can log them. The
 * umbrella action, which declares every step's inputs, warns about a set input its command ignores.
 */
export function readInputs(name: StepName, options: { umbrella: boolean }): ActionInputs {
  // Masked even when this step ignores it: an error message might still quote it.
  for (const param of Object.values(PARAMS)) {
    const secret = 'secret' in param && param.secret ? core.getInput(param.input) : '';
    if (secret) core.setSecret(secret);
  }
  const inputs: ActionInputs = {};
  for (const param of stepParams(lookupStep(name))) {
    if (!param.input) continue;
    const value = core.getInput(param.input);
    const given = value || (param.secret ? '' : (param.default ?? ''));
    checkInput(param.input, given, param);
    inputs[param.param] = given;
  }
  if (options.umbrella) warnUnusedInputs(name, inputs);
  return inputs;
}

function checkInput(
  name: string,
  value: string,
  param: { required?: boolean; choices?: readonly string[]; boolean?: boolean; param: string },
): void {
  const fail = (expected: string) => {
    throw new UsageError(`input "${name}": ${expected}, got "${value}".`);
  };
  if (param.required && value === '') {
    throw new UsageError(`input "${name}" is required.`);
  }
  if (param.choices && !param.choices.includes(value)) fail(`expected ${param.choices.join(', ')}`);
  if (param.boolean && value !== 'true' && value !== 'false') fail('expected true or false');
  if (param.param === 'seed' && value !== '' && !/^-?\d+$/.test(value)) {
    fail('expected a whole number');
  }
  if (param.param === 'maxErrors' && value !== '' && !/^\d{1,15}$/.test(value)) {
    fail('expected a whole number, 0 or more');
  }
}

/** A set input that this command ignores is a mistake worth a warning (a typo, a wrong step). */
function warnUnusedInputs(command: StepName, inputs: ActionInputs): void {
  const used = new Set(Object.keys(inputs));
  const others = new Map<string, string>();
  for (const name of COMMANDS) {
    for (const param of stepParams(lookupStep(name))) {
      if (param.input && !param.secret && !used.has(param.param)) {
        others.set(param.input, param.default ?? '');
      }
    }
  }
  for (const [input, fallback] of others) {
    const value = core.getInput(input);
    if (value && value !== fallback) {
      core.warning(`input "${input}" is not used by command ${command}: it was ignored.`);
    }
  }
}
