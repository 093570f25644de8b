/** The umbrella action's inputs, read once into a typed object (nothing else calls getInput). */
import * as core from '@actions/core';
import { z } from 'zod';
import { UsageError } from '../errors.js';

/** Input names, declared once: action.yml and this file must agree (a test checks). */
export const INPUTS = {
  command: 'command',
  config: 'config',
  data: 'data',
  label: 'label',
  out: 'out',
  register: 'register',
  comment: 'comment',
  target: 'target',
  githubToken: 'github-token',
} as const;

/** Output names, declared once. */
export const OUTPUTS = {
  reportPath: 'report-path',
  blessed: 'blessed',
  version: 'version',
  commentUrl: 'comment-url',
} as const;

export const COMMANDS = [
  'run',
  'validate',
  'train',
  'evaluate',
  'report',
  'register',
  'comment',
] as const;

const inputsSchema = z.object({
  command: z.enum(COMMANDS, { error: `expected one of ${COMMANDS.join(', ')}` }),
  config: z.string(),
  data: z.string(),
  label: z.string(),
  out: z.string().min(1),
  register: z.enum(['auto', 'true', 'false']),
  comment: z.enum(['auto', 'always', 'never']),
  target: z.string(),
  githubToken: z.string(),
});

export type ActionInputs = z.infer<typeof inputsSchema>;

/** Reads and checks the inputs; the token is masked before anything can log it. */
export function readInputs(): ActionInputs {
  const githubToken = core.getInput(INPUTS.githubToken);
  if (githubToken) core.setSecret(githubToken);
  const raw = {
    command: core.getInput(INPUTS.command) || 'run',
    config: core.getInput(INPUTS.config),
    data: core.getInput(INPUTS.data),
    label: core.getInput(INPUTS.label),
    out: core.getInput(INPUTS.out) || '.mlops',
    register: core.getInput(INPUTS.register) || 'auto',
    comment: core.getInput(INPUTS.comment) || 'auto',
    target: core.getInput(INPUTS.target),
    githubToken,
  };
  const result = inputsSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = INPUTS[issue?.path[0] as keyof typeof INPUTS] ?? String(issue?.path[0]);
    throw new UsageError(`input "${name}": ${issue?.message}.`);
  }
  return result.data;
}
