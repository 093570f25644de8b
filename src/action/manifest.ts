/**
 * The `action.yml` files and per-step READMEs, written from the step table by `npm run build`
 * and compared with the committed files by `npm test`: a step's inputs and outputs are declared
 * once, so an action cannot offer an input the code ignores or miss one it reads.
 */
import { stringify } from 'yaml';
import {
  OUTPUTS,
  PARAMS,
  lookupStep,
  stepEntries,
  stepParams,
  type OutputName,
  type StepName,
  type StepSpec,
} from '../step-table.js';
import { COMMAND_INPUT, COMMANDS } from './inputs.js';

/** Where the published actions live, for the `uses:` lines of examples. */
export const ACTION_REPOSITORY = 'mlops-actions/mlops-actions';
/** The major version users pin. */
export const ACTION_VERSION = 'v1';

const GENERATED =
  '# Generated from src/step-table.ts by `npm run build`: edit the table, not this file.';
const BRANDING = { icon: 'activity', color: 'blue' };
const RUNTIME = 'node24';

/** A generated file: its path in the repository and its text. */
export interface ManifestFile {
  path: string;
  text: string;
}

/** The steps that have their own action under actions/. */
export function actionSteps(): StepName[] {
  return stepEntries()
    .filter(([, spec]) => spec.surfaces.action)
    .map(([name]) => name);
}

/** Every generated file: the umbrella action.yml, then each step's action.yml and README.md. */
export function manifestFiles(): ManifestFile[] {
  return [
    { path: 'action.yml', text: umbrellaActionYml() },
    ...actionSteps().flatMap((name) => [
      { path: `actions/${name}/action.yml`, text: stepActionYml(name) },
      { path: `actions/${name}/README.md`, text: stepReadme(name) },
    ]),
  ];
}

/** The bundle each action runs, relative to the repository root. */
export function actionEntry(name: StepName | 'index'): string {
  return `dist/action/${name}.js`;
}

interface InputYml {
  description: string;
  required: boolean;
  default?: string;
}

function yamlFile(content: Record<string, unknown>): string {
  return `${GENERATED}\n${stringify(content, { lineWidth: 0 })}`;
}

/** A step's inputs as action.yml declares them. */
function stepInputs(spec: StepSpec): Record<string, InputYml> {
  const inputs: Record<string, InputYml> = {};
  for (const param of stepParams(spec)) {
    if (!param.input) continue;
    inputs[param.input] = param.required
      ? { description: param.description, required: true }
      : { description: param.description, required: false, default: param.default ?? '' };
  }
  return inputs;
}

function stepOutputs(spec: StepSpec): Record<string, { description: string }> {
  return Object.fromEntries(
    (Object.keys(spec.outputs) as OutputName[]).map((name) => [
      name,
      { description: OUTPUTS[name] },
    ]),
  );
}

function describeStep(spec: StepSpec): string {
  return `${spec.description}${spec.fails ? ` Fails ${spec.fails}.` : ''}`;
}

/** `actions/NAME/action.yml`: the step's inputs and outputs, running its thin entry. */
export function stepActionYml(name: StepName): string {
  const spec = lookupStep(name);
  return yamlFile({
    name: `mlops-actions ${name}`,
    description: describeStep(spec),
    author: 'mlops-actions',
    branding: BRANDING,
    inputs: stepInputs(spec),
    outputs: stepOutputs(spec),
    runs: { using: RUNTIME, main: `../../${actionEntry(name)}` },
  });
}

/** The umbrella action.yml: `command` picks a step; every step's inputs, all optional. */
export function umbrellaActionYml(): string {
  const inputs: Record<string, InputYml> = {
    [COMMAND_INPUT]: {
      description: `The step to run: ${COMMANDS.join(', ')}. run is the whole pipeline; comment posts <out>/report.md.`,
      required: false,
      default: 'run',
    },
  };
  const outputs: Record<string, { description: string }> = {};
  const usedBy = new Map<string, string[]>();
  for (const command of COMMANDS) {
    const spec = lookupStep(command);
    for (const param of stepParams(spec)) {
      if (param.input) usedBy.set(param.input, [...(usedBy.get(param.input) ?? []), command]);
    }
    for (const output of Object.keys(spec.outputs)) {
      usedBy.set(`output:${output}`, [...(usedBy.get(`output:${output}`) ?? []), command]);
    }
  }
  for (const spec of Object.values(PARAMS)) {
    if (!('input' in spec)) continue;
    const commands = usedBy.get(spec.input);
    if (!commands) continue;
    inputs[spec.input] = {
      description: `${spec.description} (${commandList(commands)})`,
      required: false,
      default: spec.default,
    };
  }
  for (const [output, description] of Object.entries(OUTPUTS)) {
    const commands = usedBy.get(`output:${output}`);
    if (commands) outputs[output] = { description: `${description} (${commandList(commands)})` };
  }
  return yamlFile({
    name: 'mlops-actions',
    description:
      'Validate data, train, evaluate against production, report on the pull request, register and promote models as git tags.',
    author: 'mlops-actions',
    branding: BRANDING,
    inputs,
    outputs,
    runs: { using: RUNTIME, main: actionEntry('index') },
  });
}

function commandList(commands: string[]): string {
  return commands.length === COMMANDS.length ? 'every command' : commands.join(', ');
}

/** `actions/NAME/README.md`: what the step does, a usage example, its inputs and outputs. */
export function stepReadme(name: StepName): string {
  const spec = lookupStep(name);
  const uses = `${ACTION_REPOSITORY}/actions/${name}@${ACTION_VERSION}`;
  const example = stringify([{ uses, ...(spec.example ? { with: spec.example } : {}) }], {
    lineWidth: 0,
  });
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const inputs = stepParams(spec)
    .filter((param) => param.input)
    .map(
      (p) =>
        `| \`${p.input}\` | ${p.required ? 'yes' : 'no'} | ${p.required || !p.default ? '' : `\`${p.default}\``} | ${cell(p.description)} |`,
    );
  const outputs = (Object.keys(spec.outputs) as OutputName[]).map(
    (output) => `| \`${output}\` | ${cell(OUTPUTS[output])} |`,
  );
  return [
    `<!-- ${GENERATED.slice(2)} -->`,
    `# ${name}`,
    '',
    describeStep(spec),
    '',
    '```yaml',
    example.trimEnd(),
    '```',
    '',
    ...(spec.permissions
      ? [`Permissions: ${spec.permissions.map((p) => `\`${p}\``).join(', ')}.`, '']
      : []),
    `The same step on a laptop: \`${spec.cliExample ?? `mlops ${spec.command}`}\`. Complete workflows: [examples/workflows](../../examples/workflows).`,
    '',
    '## Inputs',
    '',
    '| Input | Required | Default | Description |',
    '| --- | --- | --- | --- |',
    ...inputs,
    '',
    '## Outputs',
    '',
    ...(outputs.length > 0
      ? ['| Output | Description |', '| --- | --- |', ...outputs]
      : ['None: the step writes its files under `out`.']),
    '',
  ].join('\n');
}
