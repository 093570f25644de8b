/**
 * What changes between two schemas, for review in a pull request: features added and removed,
 * and for the features in both, kind, integer, presence, range and domain changes; the label.
 * Each change says what it does to validation (stricter, looser, no longer checked).
 */
import { compareText } from '../util/text.js';
import { excerpt } from './bounds.js';
import type { FeatureSchema, Schema, ValueKind } from './types.js';

/** A range as the diff shows it; null for a side without a bound. */
export interface DiffRange {
  min: number | null;
  max: number | null;
}

export type SchemaChange =
  | { change: 'label'; before: string | null; after: string | null }
  | { change: 'added'; feature: string; after: FeatureSchema }
  | { change: 'removed'; feature: string; before: FeatureSchema }
  | { change: 'kind'; feature: string; before: ValueKind; after: ValueKind }
  | { change: 'integer'; feature: string; before: boolean; after: boolean }
  | { change: 'presence'; feature: string; before: number; after: number }
  | { change: 'range'; feature: string; before: DiffRange | null; after: DiffRange | null }
  | {
      change: 'domain';
      feature: string;
      /** Values the new schema accepts and the old did not, and the reverse. */
      added: string[];
      removed: string[];
      /** How many values each domain has; null when there is none (any value is accepted). */
      before: number | null;
      after: number | null;
    };

/** Values listed per change in the text; the JSON lists them all. */
const VALUES_SHOWN = 10;

/**
 * The changes from `before` to `after`: the label first, then removed features (in the old
 * order), then added and changed ones (in the new order).
 */
export function diffSchemas(before: Schema, after: Schema): SchemaChange[] {
  const changes: SchemaChange[] = [];
  if ((before.label ?? null) !== (after.label ?? null)) {
    changes.push({ change: 'label', before: before.label ?? null, after: after.label ?? null });
  }
  const old = new Map(before.features.map((feature) => [feature.name, feature]));
  const current = new Set(after.features.map((feature) => feature.name));
  for (const feature of before.features) {
    if (!current.has(feature.name))
      changes.push({ change: 'removed', feature: feature.name, before: feature });
  }
  for (const feature of after.features) {
    const was = old.get(feature.name);
    if (was) changes.push(...featureChanges(was, feature));
    else changes.push({ change: 'added', feature: feature.name, after: feature });
  }
  return changes;
}

function featureChanges(before: FeatureSchema, after: FeatureSchema): SchemaChange[] {
  const feature = after.name;
  const changes: SchemaChange[] = [];
  if (before.kind !== after.kind) {
    changes.push({ change: 'kind', feature, before: before.kind, after: after.kind });
  }
  if ((before.integer ?? false) !== (after.integer ?? false)) {
    changes.push({
      change: 'integer',
      feature,
      before: before.integer ?? false,
      after: after.integer ?? false,
    });
  }
  if (before.minPresence !== after.minPresence) {
    changes.push({
      change: 'presence',
      feature,
      before: before.minPresence,
      after: after.minPresence,
    });
  }
  const [oldRange, newRange] = [rangeOf(before), rangeOf(after)];
  if (oldRange?.min !== newRange?.min || oldRange?.max !== newRange?.max) {
    changes.push({ change: 'range', feature, before: oldRange, after: newRange });
  }
  const [oldValues, newValues] = [before.values, after.values];
  const oldSet = new Set(oldValues ?? []);
  const newSet = new Set(newValues ?? []);
  const added = [...newSet].filter((value) => !oldSet.has(value)).sort(compareText);
  const removed = [...oldSet].filter((value) => !newSet.has(value)).sort(compareText);
  if (
    added.length > 0 ||
    removed.length > 0 ||
    (oldValues === undefined) !== (newValues === undefined)
  ) {
    changes.push({
      change: 'domain',
      feature,
      added,
      removed,
      before: oldValues ? oldSet.size : null,
      after: newValues ? newSet.size : null,
    });
  }
  return changes;
}

function rangeOf(feature: FeatureSchema): DiffRange | null {
  if (feature.min === undefined && feature.max === undefined) return null;
  return { min: feature.min ?? null, max: feature.max ?? null };
}

/**
 * The changes as lines for people: a count, then `-` for a removed feature, `+` for an added
 * one and `~` for a change, each with what it does to validation. Names and values are quoted
 * as JSON strings, so none can break a line or start a workflow command.
 */
export function formatSchemaDiff(changes: SchemaChange[], label?: string): string {
  if (changes.length === 0) return 'schema diff: no changes';
  const count = (change: SchemaChange['change']) =>
    changes.filter((c) => c.change === change).length;
  const changed = new Set(
    changes.flatMap((c) =>
      c.change === 'added' || c.change === 'removed' || c.change === 'label' ? [] : [c.feature],
    ),
  ).size;
  const summary = [
    count('added') > 0 && `${count('added')} added`,
    count('removed') > 0 && `${count('removed')} removed`,
    changed > 0 && `${changed} changed`,
  ].filter(Boolean);
  const head = `schema diff: ${summary.length > 0 ? `features ${summary.join(', ')}` : 'the label changed'}`;
  return [head, ...changes.map((change) => describeChange(change, label))].join('\n');
}

function describeChange(change: SchemaChange, label: string | undefined): string {
  if (change.change === 'label') {
    const name = (value: string | null) => (value === null ? 'none' : quote(value));
    return `~ label: ${name(change.before)} → ${name(change.after)} (the column the model learns to predict)`;
  }
  const name = quote(change.feature);
  switch (change.change) {
    case 'added':
      return `+ ${name}: ${describeFeature(change.after)}; data without it fails validation`;
    case 'removed':
      return `- ${name}: ${change.before.kind}, no longer checked; data holding it gets a SCHEMA_NEW_COLUMN warning`;
    case 'kind':
      return `~ ${name}: kind ${change.before} → ${change.after}`;
    case 'integer':
      return `~ ${name}: ${change.after ? 'any number → integers only (stricter)' : 'integers only → any number (looser)'}`;
    case 'presence': {
      const effect =
        change.after < change.before
          ? 'looser: more missing values pass'
          : 'stricter: fewer missing values pass';
      return `~ ${name}: minPresence ${change.before} → ${change.after} (${effect})`;
    }
    case 'range':
      return `~ ${name}: range ${formatRange(change.before)} → ${formatRange(change.after)} (${rangeEffect(change.before, change.after)})`;
    case 'domain': {
      const noun = change.feature === label ? 'classes' : 'values';
      if (change.before === null) {
        return `~ ${name}: ${noun} any → ${change.after} (now checked: ${listValues(change.added)})`;
      }
      if (change.after === null) {
        return `~ ${name}: ${noun} ${change.before} → any (no longer checked)`;
      }
      const parts = [
        change.added.length > 0 && `+ ${listValues(change.added)}`,
        change.removed.length > 0 && `− ${listValues(change.removed)}`,
      ].filter(Boolean);
      return `~ ${name}: ${noun} ${change.before} → ${change.after}: ${parts.join('; ')}`;
    }
  }
}

function describeFeature(feature: FeatureSchema): string {
  const parts: string[] = [feature.integer ? `${feature.kind}, integer` : feature.kind];
  parts.push(`minPresence ${feature.minPresence}`);
  const range = rangeOf(feature);
  if (range) parts.push(`range ${formatRange(range)}`);
  if (feature.values) parts.push(`${feature.values.length} values`);
  return parts.join(', ');
}

function formatRange(range: DiffRange | null): string {
  if (range === null) return 'none';
  return `[${range.min ?? '…'}, ${range.max ?? '…'}]`;
}

/** Whether a range change lets more values pass, fewer, or some of each. */
function rangeEffect(before: DiffRange | null, after: DiffRange | null): string {
  if (after === null) return 'no longer checked';
  if (before === null) return 'now checked';
  const low = (range: DiffRange) => range.min ?? -Infinity;
  const high = (range: DiffRange) => range.max ?? Infinity;
  const wider = low(after) <= low(before) && high(after) >= high(before);
  const narrower = low(after) >= low(before) && high(after) <= high(before);
  if (wider) return 'wider: more values pass';
  if (narrower) return 'narrower: fewer values pass';
  return 'shifted';
}

function listValues(values: string[]): string {
  const shown = values.slice(0, VALUES_SHOWN).map(quote).join(', ');
  const more = values.length - VALUES_SHOWN;
  return more > 0 ? `${shown} and ${more} more` : shown;
}

function quote(text: string): string {
  return JSON.stringify(excerpt(text));
}
