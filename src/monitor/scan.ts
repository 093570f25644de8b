/**
 * One pass over a log folder: the feedback logs first (true labels by prediction id, a later
 * label for the same id replacing an earlier one), then the prediction logs, each prediction of
 * the model inside the window joined to its label and handed to its version's tally. Memory holds
 * the labels and, per version, the statistics accumulators and the labelled predictions — never
 * the logs themselves.
 */
import {
  feedbackRecordSchema,
  predictionRecordSchema,
  type PredictionRecord,
} from '../serve/log-format.js';
import type { MonitorReport } from './format.js';
import type { FeedbackLabel } from './live-metrics.js';
import { readLogRecords, type BadLine, type LogFile } from './logs.js';
import type { VersionTally } from './version-tally.js';
import type { MonitorWindow } from './window.js';

/** Bad lines kept with their place; the rest are counted. */
export const BAD_LINES_KEPT = 20;
/** Versions tallied at most: a forged log could name millions. */
export const MAX_VERSIONS = 50;

export interface ScanRequest {
  /** Oldest first (logFiles' order). */
  files: readonly LogFile[];
  open: (file: LogFile) => AsyncIterable<Uint8Array>;
  model: string;
  window: MonitorWindow;
  /** The tally of a version met for the first time (its bundle fetched then). */
  tallyFor: (version: string) => Promise<VersionTally>;
}

export interface ScanResult {
  logs: MonitorReport['logs'];
  predictions: MonitorReport['predictions'];
  feedback: MonitorReport['feedback'];
  /** By version, in the order first met. */
  tallies: Map<string, VersionTally>;
}

/** Reads every log file of `request` once; see the module comment. */
export async function scanLogs(request: ScanRequest): Promise<ScanResult> {
  const { files, open, model, window } = request;
  const logs: ScanResult['logs'] = { files: [], badLines: 0, firstBad: [] };
  const onBad = (bad: BadLine) => {
    logs.badLines++;
    if (logs.firstBad.length < BAD_LINES_KEPT) logs.firstBad.push(bad);
  };
  const labels = new Map<string, FeedbackLabel>();
  const feedback = { read: 0, joined: 0 };
  for (const file of files.filter((f) => f.kind === 'feedback')) {
    const before = logs.badLines;
    let records = 0;
    for await (const record of readLogRecords(open(file), file.name, feedbackRecordSchema, onBad)) {
      labels.set(record.id, record.label);
      records++;
    }
    feedback.read += records;
    logs.files.push({ name: file.name, kind: 'feedback', records, bad: logs.badLines - before });
  }
  const predictions = { read: 0, inWindow: 0, earlier: 0, otherModels: 0, otherVersions: 0 };
  const tallies = new Map<string, VersionTally>();
  const start = window.start.getTime();
  for (const file of files.filter((f) => f.kind === 'predictions')) {
    const before = logs.badLines;
    let records = 0;
    const read = readLogRecords(open(file), file.name, predictionRecordSchema, onBad);
    for await (const record of read) {
      records++;
      if (record.model !== model) predictions.otherModels++;
      else if (Date.parse(record.time) < start) predictions.earlier++;
      else {
        let tally = tallies.get(record.version);
        if (!tally && tallies.size < MAX_VERSIONS) {
          tally = await request.tallyFor(record.version);
          tallies.set(record.version, tally);
        }
        if (!tally) {
          predictions.otherVersions++;
          continue;
        }
        predictions.inWindow++;
        const label = labelOf(labels, record);
        if (label !== undefined) feedback.joined++;
        tally.add(record, label);
      }
    }
    predictions.read += records;
    logs.files.push({ name: file.name, kind: 'predictions', records, bad: logs.badLines - before });
  }
  return { logs, predictions, feedback, tallies };
}

/**
 * The label sent for a prediction: by its instance id, or by its request id when it was the
 * request's only instance (`<request id>/0`), as `POST /v1/feedback` allows.
 */
function labelOf(
  labels: ReadonlyMap<string, FeedbackLabel>,
  record: PredictionRecord,
): FeedbackLabel | undefined {
  const own = labels.get(record.id);
  if (own !== undefined || record.id !== `${record.requestId}/0`) return own;
  return labels.get(record.requestId);
}
