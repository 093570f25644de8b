/**
 * `mlops monitor`: reads the prediction and feedback logs `mlops serve` writes, and for each
 * version of the model served in the window: live metrics where labels came back (held to the
 * gates); drift of its inputs and of the labels sent back from its training statistics (the
 * bundle's statistics.json, tested as validation tests new data); drift of its outputs from its
 * validation outputs (the bundle's output-statistics.json, which older bundles lack). Decides
 * whether to retrain and why, and writes monitor.json and monitor.md (the job summary) under `out`.
 */
import path from 'node:path';
import semver from 'semver';
import { z } from 'zod';
import { monitorSettings, type MonitorSettings } from '../config/schema.js';
import type { DriftOptions } from '../data/drift.js';
import { ChecksumMismatch, DataError, MlopsError, UsageError } from '../errors.js';
import { DEFAULT_THRESHOLD } from '../evaluate/metrics.js';
import type { Task } from '../evaluate/types.js';
import { BUNDLE_FILES, OPTIONAL_BUNDLE_FILES } from '../model/bundle.js';
import { decideRetrain } from '../monitor/decide.js';
import { MONITOR_FORMAT, type MonitorReport } from '../monitor/format.js';
import type { LabelReading } from '../monitor/live-metrics.js';
import { OUTPUT_STATISTICS_FORMAT, outputStatisticsSchema } from '../monitor/reference.js';
import { logFiles, type LogFile } from '../monitor/logs.js';
import { describeColumnDrift, renderMonitorReport } from '../monitor/render.js';
import { scanLogs } from '../monitor/scan.js';
import { VersionTally, type ServedVersion } from '../monitor/version-tally.js';
import { monitorWindow, type MonitorWindow } from '../monitor/window.js';
import {
  bundlePin,
  findModel,
  replayTags,
  type ModelState,
  type ModelVersion,
} from '../registry/state.js';
import { compareText, errorMessage, firstLine } from '../util/text.js';
import { withFetchedBundle } from './baseline.js';
import { writeJson, type StepContext } from './context.js';
import { bundleFileReader, driftEdges } from './drift-baseline.js';
import { SERVING_LOGS_DIR } from '../serve/log-format.js';
import { modelName } from './identity.js';
import { checkStatistics, checkStepOutput, STEP_OUTPUTS } from './outputs.js';
import { driftOptions } from './validate.js';

export interface MonitorRequest {
  /** The log folder (default `<out>/serving/logs`, where `mlops serve` writes). */
  logDir?: string;
  /** How far back: a duration like 7d, or an ISO date (default monitor.window). */
  since?: string;
}

export interface MonitorOutcome {
  monitor: MonitorReport;
  /** monitor.json. */
  file: string;
  /** monitor.md, the job summary. */
  report: { path: string; markdown: string };
}

/** Files the monitor writes under `out`. */
export function monitorPaths(out: string) {
  return { json: path.join(out, 'monitor.json'), markdown: path.join(out, 'monitor.md') };
}

/**
 * Where `mlops serve` writes its logs under `out` (servingPaths in src/serve/server.ts, not
 * imported: that module loads the server and TensorFlow.js).
 */

/** Monitors the configured model's serving logs; see the module comment. */
export async function runMonitor(
  ctx: StepContext,
  request: MonitorRequest = {},
): Promise<MonitorOutcome> {
  const { config, deps } = ctx;
  const settings = monitorSettings(config);
  const name = modelName(config);
  const window = monitorWindow(request.since ?? settings.window, deps.now());
  const logDir = request.logDir ?? path.join(ctx.out, SERVING_LOGS_DIR);
  const files = await listLogs(ctx, logDir);
  const registry = await readRegistry(ctx, name);
  const scan = await deps.log.group(`Reading the serving logs in ${logDir}`, () =>
    scanLogs({
      files,
      open: (file) => deps.fs.stream(path.join(logDir, file.name)),
      model: name,
      window,
      tallyFor: (version) => tallyFor(ctx, name, registry, version),
    }),
  );
  const tallySettings = {
    gates: config.gates,
    drift: driftOptions(config),
    predictionDrift: columnDriftOptions(settings.prediction_drift),
    labelDrift: columnDriftOptions(settings.label_drift),
    minInputs: settings.min_inputs,
    minLabels: settings.min_labels,
  };
  const finished = [...scan.tallies.values()].map((tally) => tally.finish(tallySettings));
  finished.sort((a, b) => newestFirst(a.report.version, b.report.version));
  const versions = finished.map((f) => f.report);
  const noLogs = noLogsText(files, scan.predictions.inWindow, { logDir, name, window });
  if (noLogs !== null && settings.no_logs === 'fail') {
    throw new UsageError(`${noLogs} (monitor.no_logs: fail).`);
  }
  const latest = latestVersion(registry);
  const monitor: MonitorReport = {
    format: MONITOR_FORMAT,
    model: name,
    logDir,
    window: {
      since: window.since,
      start: window.start.toISOString(),
      end: window.end.toISOString(),
    },
    logs: scan.logs,
    predictions: scan.predictions,
    feedback: scan.feedback,
    versions,
    latest,
    decision: decideRetrain({
      settings,
      versions,
      predictions: scan.predictions.inWindow,
      latest,
      now: window.end,
      noLogs,
    }),
  };
  const drifts = new Map(finished.flatMap((f) => (f.drift ? [[f.report.version, f.drift]] : [])));
  const markdown = renderMonitorReport(monitor, drifts);
  const paths = monitorPaths(ctx.out);
  await writeJson(ctx, paths.json, monitor);
  await deps.fs.write(paths.markdown, markdown);
  logOutcome(ctx, monitor, noLogs);
  return { monitor, file: paths.json, report: { path: paths.markdown, markdown } };
}

/** The drift options of monitor.prediction_drift or monitor.label_drift, for one column. */
function columnDriftOptions({
  test,
  threshold,
}: MonitorSettings['prediction_drift']): DriftOptions {
  return threshold === undefined ? { test } : { test, threshold };
}

/** The log files in `logDir`, oldest first; none when the folder does not exist. */
async function listLogs(ctx: StepContext, logDir: string): Promise<LogFile[]> {
  const { fs } = ctx.deps;
  if (!(await fs.exists(logDir))) return [];
  if (!(await fs.isFolder(logDir))) {
    throw new UsageError(
      `--log-dir ${logDir}: this is a file; give the folder holding predictions.jsonl and feedback.jsonl.`,
    );
  }
  return logFiles(await fs.list(logDir));
}

/** Why there is nothing to look at, or null when the window holds predictions of the model. */
function noLogsText(
  files: readonly LogFile[],
  inWindow: number,
  where: { logDir: string; name: string; window: MonitorWindow },
): string | null {
  if (inWindow > 0) return null;
  if (!files.some((file) => file.kind === 'predictions')) {
    return `no prediction log (predictions.jsonl) in ${where.logDir}: point --log-dir at the folder \`mlops serve --log-dir\` writes, or download it from where the model is served`;
  }
  return `no prediction of ${where.name} in ${where.logDir} since ${where.window.start.toISOString()}`;
}

/** The model's registry state, or null when there is no registry to read (said in a warning). */
async function readRegistry(ctx: StepContext, name: string): Promise<ModelState | null> {
  try {
    return findModel(replayTags(await ctx.deps.tags.list()), name) ?? null;
  } catch (error) {
    if (!(error instanceof MlopsError)) throw error;
    ctx.deps.log.warn(
      `no registry to read the served versions from (${firstLine(errorMessage(error))}): predictions are counted, not tested`,
    );
    return null;
  }
}

/** The tally of `version`, with its bundle's statistics and labels when it is registered. */
async function tallyFor(
  ctx: StepContext,
  name: string,
  registry: ModelState | null,
  version: string,
): Promise<VersionTally> {
  // The version comes from a log line: it names a registry entry only when it is a plain SemVer.
  const entry = semver.valid(version)
    ? registry?.versions.find((v) => v.version === version)
    : undefined;
  const id = { version, tag: `${name}@v${version.slice(0, 60)}` };
  if (!entry) {
    return new VersionTally(id, null, [
      `not a registered version of ${name}: its predictions are counted, not tested`,
    ]);
  }
  try {
    const served = await withFetchedBundle(ctx, { name, version, pin: bundlePin(entry) }, (dir) =>
      readServedVersion(ctx, dir, entry),
    );
    return new VersionTally({ version, tag: entry.tag }, served);
  } catch (error) {
    // A tampered bundle is an alarm; a missing one (a release not published) is only a gap.
    if (error instanceof ChecksumMismatch || !(error instanceof MlopsError)) throw error;
    const why = firstLine(errorMessage(error));
    ctx.deps.log.warn(
      `could not read the bundle of ${entry.tag} (${why}): its predictions are counted, not tested`,
    );
    return new VersionTally({ version, tag: entry.tag }, null, [
      `its bundle could not be read: ${why}`,
    ]);
  }
}

/** What the preprocessing spec says of reading inputs and labels (older bundles lack `input`). */
const servedPreprocessing = z.object({
  input: z.object({ naValues: z.array(z.string()), decimal: z.enum(['.', ',']) }).optional(),
  label: z.discriminatedUnion('task', [
    z.object({ task: z.literal('binary'), classes: z.tuple([z.string(), z.string()]) }),
    z.object({ task: z.literal('multiclass'), classes: z.array(z.string()).min(2) }),
    z.object({ task: z.literal('regression') }),
  ]),
});

/** Reads what monitoring needs from the bundle unpacked in `dir` (its tag pinned its bytes). */
async function readServedVersion(
  ctx: StepContext,
  dir: string,
  entry: ModelVersion,
): Promise<ServedVersion> {
  const remedy = `Publish the bundle of ${entry.tag} again (\`mlops registry doctor --fix\`).`;
  const read = bundleFileReader(ctx, dir, remedy);
  const statistics = await read(BUNDLE_FILES.statistics);
  const training = await read(BUNDLE_FILES.training);
  const info = checkStepOutput(training.json, training.file, STEP_OUTPUTS.training, remedy);
  const spec = await read(BUNDLE_FILES.preprocessing);
  const parsed = servedPreprocessing.safeParse(spec.json);
  if (!parsed.success) {
    throw new DataError(
      `${spec.file}: not a preprocessing spec this mlops-actions reads. ${remedy}`,
    );
  }
  const { label, input } = parsed.data;
  const labels: LabelReading =
    label.task === 'binary'
      ? { ...label, threshold: info.threshold?.value ?? DEFAULT_THRESHOLD }
      : label;
  const trained = checkStatistics(statistics.json, statistics.file, remedy);
  return {
    tag: entry.tag,
    labels,
    features: [...new Set(info.features.map((feature) => feature.column))],
    label: info.label,
    reading: input ?? { naValues: ctx.config.data.na_values, decimal: '.' },
    training: {
      statistics: trained,
      driftEdges: driftEdges(trained),
      label: `the training statistics of ${entry.tag}`,
    },
    outputs: await readOutputReference(ctx, dir, { tag: entry.tag, task: label.task }, remedy),
    recorded: entry.metadata
      ? { task: entry.metadata.task, metrics: entry.metadata.metrics }
      : null,
  };
}

/**
 * What the outputs of the version whose bundle is unpacked in `dir` are tested against: the
 * bundle's output-statistics.json, or why there is none — bundles trained before it was recorded,
 * or without a validation split, lack it. A file that is there must be whole.
 */
async function readOutputReference(
  ctx: StepContext,
  dir: string,
  version: { tag: string; task: Task },
  remedy: string,
): Promise<ServedVersion['outputs']> {
  const name = OPTIONAL_BUNDLE_FILES.outputStatistics;
  if (!(await ctx.deps.fs.exists(path.join(dir, name)))) {
    return {
      reason: `the bundle of ${version.tag} has no ${name} (trained by an older mlops-actions or without a validation split): no reference for its outputs; train it again to test them`,
    };
  }
  const file = await bundleFileReader(ctx, dir, remedy)(name);
  const read = checkStepOutput(
    file.json,
    file.file,
    { id: OUTPUT_STATISTICS_FORMAT, schema: outputStatisticsSchema },
    remedy,
  );
  if (read.task !== version.task) {
    return {
      reason: `${name} holds the outputs of a ${read.task} model, not a ${version.task} one`,
    };
  }
  const statistics = checkStatistics(read.statistics, file.file, remedy);
  return {
    column: read.column,
    reference: {
      statistics,
      driftEdges: driftEdges(statistics),
      label: `the validation outputs of ${version.tag}`,
    },
  };
}

/** The latest registered version and when it was registered, for the schedule. */
function latestVersion(registry: ModelState | null): MonitorReport['latest'] {
  const entry = registry?.versions.find((v) => v.version === registry.latest);
  if (!entry) return null;
  return { version: entry.version, registeredAt: entry.metadata?.createdAt ?? entry.createdAt };
}

/** Newest version first; versions that are not SemVer (a forged log) last, by text. */
function newestFirst(a: string, b: string): number {
  const [va, vb] = [semver.valid(a), semver.valid(b)];
  if (va && vb) return semver.rcompare(va, vb);
  if (va || vb) return va ? -1 : 1;
  return compareText(a, b);
}

function logOutcome(ctx: StepContext, monitor: MonitorReport, noLogs: string | null): void {
  const { log } = ctx.deps;
  const { predictions, feedback, logs, decision } = monitor;
  for (const file of logs.files) {
    log.info(
      `${file.name}: ${file.records} records${file.bad > 0 ? `, ${file.bad} bad lines` : ''}`,
    );
  }
  if (noLogs !== null) log.warn(`nothing to monitor: ${noLogs}`);
  log.info(
    `${predictions.inWindow} predictions of ${monitor.model} since ${monitor.window.start}, ${feedback.joined} with a label`,
  );
  if (logs.badLines > 0) {
    const first = logs.firstBad[0];
    const where = first ? `; the first: ${first.file}:${first.line}: ${first.problem}` : '';
    log.warn(`${logs.badLines} log lines left out as bad records${where}`);
  }
  for (const version of monitor.versions) {
    const drift = version.drift
      ? `${version.drift.drifted} of ${version.drift.tested} features drifted`
      : 'no drift test';
    const gates = version.gates ? `live gates ${version.gates.verdict}` : 'live gates not judged';
    const outputs = `prediction drift: ${describeColumnDrift(version.predictionDrift)}`;
    const labels = `label drift: ${describeColumnDrift(version.labelDrift)}`;
    log.info(
      `${version.tag}: ${version.predictions} predictions, ${version.labelled} labelled; ${drift}; ${outputs}; ${labels}; ${gates}`,
    );
  }
  log.info(`retrain=${decision.retrain}: ${decision.reason}`);
}
