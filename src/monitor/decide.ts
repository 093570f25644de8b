/**
 * Whether to retrain, and why: the monitor block's triggers applied to what the logs showed —
 * drift (a drift anomaly validation would fail), prediction drift (the served outputs against the
 * validation outputs), label drift (the labels sent back against the training labels), decay (a
 * gate failing on live metrics), new data (labelled predictions in the window), schedule (the
 * latest version's age), no logs.
 */
import type { MonitorSettings } from '../config/schema.js';
import { formatNumber } from '../util/text.js';
import type {
  ColumnDrift,
  MonitorReport,
  RetrainDecision,
  RetrainTrigger,
  VersionReport,
} from './format.js';
import { describeDuration, parseDuration } from './window.js';

export interface DecisionInput {
  settings: MonitorSettings;
  versions: readonly VersionReport[];
  /** Predictions of the model in the window. */
  predictions: number;
  latest: MonitorReport['latest'];
  now: Date;
  /** Said when there was nothing to look at: no log folder, no logs, or none in the window. */
  noLogs: string | null;
}

/** Each trigger as the one-line reason names it. */
const TRIGGER_NAMES: Readonly<Record<RetrainTrigger, string>> = {
  drift: 'drift',
  prediction_drift: 'prediction drift',
  label_drift: 'label drift',
  decay: 'decay',
  new_data: 'new data',
  schedule: 'schedule',
  no_logs: 'no logs',
};

/** Names shown in a reason before "and N more". */
const NAMES_SHOWN = 3;

/** The decision on `input`: retrain when any enabled trigger fired, each firing one a reason. */
export function decideRetrain(input: DecisionInput): RetrainDecision {
  const { settings } = input;
  const reasons: RetrainDecision['reasons'] = [];
  const add = (trigger: RetrainTrigger, text: string) => reasons.push({ trigger, text });
  if (input.noLogs !== null && settings.no_logs === 'retrain') {
    add('no_logs', `${input.noLogs} (monitor.no_logs: retrain)`);
  }
  for (const version of input.versions) {
    const drift = version.drift;
    if (settings.drift && drift && drift.errors > 0) {
      add('drift', `${version.tag}: ${driftText(drift)}`);
    }
    const outputs = version.predictionDrift;
    if (settings.prediction_drift.retrain && fired(outputs)) {
      add('prediction_drift', `${version.tag}: ${columnDriftText(outputs)}`);
    }
    const labels = version.labelDrift;
    if (settings.label_drift.retrain && fired(labels)) {
      add('label_drift', `${version.tag}: ${columnDriftText(labels)}`);
    }
    const failed = version.gates?.results.filter((result) => result.status === 'fail') ?? [];
    if (settings.decay && failed.length > 0) {
      add(
        'decay',
        `${version.tag} on ${version.labelled} labelled predictions: ${failed.map(gateText).join(', ')}`,
      );
    }
  }
  const labelled = input.versions.reduce((sum, version) => sum + version.labelled, 0);
  if (settings.new_data !== undefined && labelled >= settings.new_data) {
    add(
      'new_data',
      `${labelled} labelled predictions in the window (monitor.new_data ${settings.new_data})`,
    );
  }
  const stale = staleness(input);
  if (stale) add('schedule', stale);
  return {
    retrain: reasons.length > 0,
    reasons,
    reason:
      reasons.length > 0
        ? reasons.map((r) => `${TRIGGER_NAMES[r.trigger]}: ${r.text}`).join('; ')
        : `no retrain: ${quiet(input)}`,
  };
}

function driftText(drift: NonNullable<VersionReport['drift']>): string {
  const names = drift.features
    .filter((feature) => feature.drifted && feature.severity === 'ERROR')
    .map((feature) => `"${feature.feature.slice(0, 60)}"`);
  const shown = names.slice(0, NAMES_SHOWN).join(', ');
  const more = names.length > NAMES_SHOWN ? ` and ${names.length - NAMES_SHOWN} more` : '';
  const which = names.length > 0 ? ` (${shown}${more})` : '';
  return `${drift.drifted} of ${drift.tested} features drifted${which}${drift.detected ? ', dataset drift' : ''}`;
}

/** A tested column that drifted with severity ERROR, as a drift that fails validation. */
function fired(drift: ColumnDrift | null): drift is Extract<ColumnDrift, { status: 'tested' }> {
  return drift?.status === 'tested' && drift.drifted && drift.severity === 'ERROR';
}

function columnDriftText(drift: Extract<ColumnDrift, { status: 'tested' }>): string {
  return `"${drift.column.slice(0, 60)}" drifted from ${drift.reference} (${drift.test} ${formatNumber(drift.value)}, threshold ${formatNumber(drift.threshold)}, ${drift.count} values)`;
}

function gateText(result: NonNullable<VersionReport['gates']>['results'][number]): string {
  return `${result.description} failed (live ${formatNumber(result.actual)}${result.expected ? `, required ${result.expected}` : ''})`;
}

/** Why the schedule calls for retraining, or null: only with monitor.max_age. */
function staleness({ settings, latest, now }: DecisionInput): string | null {
  const maxAge = settings.max_age === undefined ? null : parseDuration(settings.max_age);
  if (maxAge === null) return null;
  if (!latest) return `no version is registered yet (monitor.max_age ${settings.max_age})`;
  const age = now.getTime() - new Date(latest.registeredAt).getTime();
  if (!(age > maxAge)) return null;
  return `v${latest.version} was registered ${describeDuration(age)} ago, more than monitor.max_age ${settings.max_age}`;
}

/** What was checked and found quiet, for the reason when nothing fired. */
function quiet(input: DecisionInput): string {
  if (input.noLogs !== null) return input.noLogs;
  const { versions, settings } = input;
  const drift = !settings.drift
    ? 'drift not a trigger (monitor.drift: false)'
    : versions.some((v) => v.drift)
      ? 'no input drift of severity ERROR'
      : 'inputs not tested for drift';
  const gates = !settings.decay
    ? 'decay not a trigger (monitor.decay: false)'
    : versions.some((v) => v.gates)
      ? 'no gate failed on live metrics'
      : 'live metrics not judged';
  const outputs = columnQuiet(
    'prediction',
    settings.prediction_drift.retrain,
    versions.map((v) => v.predictionDrift),
  );
  const labels = columnQuiet(
    'label',
    settings.label_drift.retrain,
    versions.map((v) => v.labelDrift),
  );
  return `${input.predictions} predictions, ${drift}, ${outputs}, ${labels}, ${gates}`;
}

/** What was found of one column's drift over the versions, when it did not fire. */
function columnQuiet(
  what: 'prediction' | 'label',
  retrain: boolean,
  drifts: readonly (ColumnDrift | null)[],
): string {
  if (!retrain) return `${what} drift not a trigger (monitor.${what}_drift.retrain: false)`;
  if (drifts.some((d) => d?.status === 'tested')) return `no ${what} drift of severity ERROR`;
  const noReference = drifts.some((d) => d?.status === 'no_reference');
  return noReference ? `no ${what} reference to test against` : `${what}s not tested for drift`;
}
