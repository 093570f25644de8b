/**
 * `strategy.matrix` expanded into its jobs' combinations as GitHub documents it: every combination
 * of the vectors (the keys other than `include` and `exclude`), the first key varying slowest;
 * `exclude` then removes each combination an entry matches (on the entry's keys only); then each
 * `include` entry is added to every combination whose original (vector) values it leaves as they
 * are — values an earlier entry added may be replaced — or, when it fits none, becomes a
 * combination of its own. A matrix of `include` alone makes one combination per entry. Values match
 * by deep equality. A matrix making no combination, or more than GitHub's 256, fails the job.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Value } from './workflow-expressions.js';

/** One job's `matrix` context. */
export type Combination = Record<string, Value>;

/** GitHub runs at most this many jobs from one matrix. */
export const MATRIX_JOB_LIMIT = 256;

/** A matrix GitHub cannot expand: the job fails with this message. */
export class MatrixError extends Error {}

function mapping(value: Value, where: string): Combination {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new MatrixError(`${where}: expected a mapping, got ${JSON.stringify(value)}`);
  }
  return value;
}

function mappings(value: Value | undefined, where: string): Combination[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new MatrixError(`${where}: expected a list of mappings`);
  return value.map((entry, index) => mapping(entry, `${where}[${index}]`));
}

/** The combinations `matrix` (the evaluated `strategy.matrix`) makes, in GitHub's order. */
export function expandMatrix(matrix: Value): Combination[] {
  const { include, exclude, ...vectors } = mapping(matrix, 'strategy.matrix');
  const includes = mappings(include, 'strategy.matrix.include');
  const excludes = mappings(exclude, 'strategy.matrix.exclude');
  const keys = Object.keys(vectors);
  for (const key of keys) {
    const values = vectors[key];
    if (!Array.isArray(values) || values.length === 0) {
      throw new MatrixError(`strategy.matrix.${key}: a vector needs a list of one value or more`);
    }
  }
  for (const entry of excludes) {
    const unknown = Object.keys(entry).find((key) => !keys.includes(key));
    if (unknown !== undefined) {
      throw new MatrixError(`strategy.matrix.exclude: "${unknown}" is not a key of the matrix`);
    }
  }
  let combinations: Combination[];
  if (keys.length === 0) combinations = includes.map((entry) => ({ ...entry }));
  else {
    combinations = keys
      .reduce<Combination[]>(
        (partial, key) =>
          partial.flatMap((head) => (vectors[key] as Value[]).map((v) => ({ ...head, [key]: v }))),
        [{}],
      )
      .filter((combination) => !excludes.some((entry) => matches(combination, entry)));
    const fits = (combination: Combination, entry: Combination) =>
      keys.every((key) => !(key in entry) || isDeepStrictEqual(entry[key], combination[key]));
    const extra: Combination[] = [];
    for (const entry of includes) {
      const targets = combinations.filter((combination) => fits(combination, entry));
      for (const combination of targets) Object.assign(combination, entry);
      if (targets.length === 0) extra.push({ ...entry });
    }
    combinations.push(...extra);
  }
  if (combinations.length === 0) throw new MatrixError('strategy.matrix: it makes no job');
  if (combinations.length > MATRIX_JOB_LIMIT) {
    throw new MatrixError(
      `strategy.matrix: it makes ${combinations.length} jobs, more than GitHub's ${MATRIX_JOB_LIMIT}`,
    );
  }
  return combinations;
}

/** Whether `combination` has every value of `entry`. */
function matches(combination: Combination, entry: Combination): boolean {
  return Object.entries(entry).every(([key, value]) => isDeepStrictEqual(combination[key], value));
}
