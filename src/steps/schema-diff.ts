/** `mlops schema diff OLD NEW`: what a schema change does, for review in the pull request. */
import { diffSchemas, formatSchemaDiff, type SchemaChange } from '../data/schema-diff.js';
import { parseSchema } from '../data/schema.js';
import type { Schema } from '../data/types.js';
import { UsageError } from '../errors.js';
import { parseJson } from '../util/json.js';
import type { StepContext } from './context.js';

export interface SchemaDiffOutcome {
  old: string;
  new: string;
  changes: SchemaChange[];
  /** The changes as lines for people. */
  text: string;
}

/** Reads both schema files (checked like a committed schema) and lists what changed. */
export async function runSchemaDiff(
  ctx: StepContext,
  files: { old: string; new: string },
): Promise<SchemaDiffOutcome> {
  const [before, after] = await Promise.all([
    readSchema(ctx, files.old, 'old'),
    readSchema(ctx, files.new, 'new'),
  ]);
  const changes = diffSchemas(before, after);
  return { ...files, changes, text: formatSchemaDiff(changes, after.label ?? before.label) };
}

async function readSchema(ctx: StepContext, file: string, which: string): Promise<Schema> {
  if (!(await ctx.deps.fs.exists(file))) {
    throw new UsageError(
      `${which} schema ${file} not found. For the schema on another branch: git show origin/main:mlops/schema.json > /tmp/old.json`,
    );
  }
  const json = parseJson(
    await ctx.deps.fs.readText(file),
    file,
    'Give the path of a schema.json written by `mlops validate`.',
  );
  return parseSchema(json, file);
}
