/** A run's identity: the model name and a hash of the config that produced it. */
import { createHash } from 'node:crypto';
import type { Config } from '../config/schema.js';
import { MAX_NAME_LENGTH, toModelName, toNamePart } from '../registry/tags.js';
import { compareText } from '../util/text.js';

/**
 * The registry name: `name` from the config, else `DATA-LABEL` in the tag grammar (`cars.csv` and
 * `origin` give `cars-origin`), so two zero-config models of one file get two names.
 */
export function modelName(config: Config): string {
  if (config.name) return config.name;
  const derived = `${toModelName(config.data.train)}-${toNamePart(config.data.label)}`;
  // Long file and column names must still make a tag git accepts: cut, then end on a letter or digit.
  return derived.slice(0, MAX_NAME_LENGTH).replace(/[^a-z0-9]+$/, '');
}

/** sha256 of the config with its keys sorted, so formatting and key order do not change it. */
export function configHash(config: Config): string {
  return createHash('sha256').update(canonicalJson(config)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => compareText(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
