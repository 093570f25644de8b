/**
 * The formats of the serving logs: one JSON object per line in `predictions.jsonl` (what each
 * served model saw and answered) and `feedback.jsonl` (true labels sent back later, joined to
 * predictions by request id). `mlops serve` writes them, `mlops monitor` reads them; a log can come
 * from another machine or an older version, so a reader checks every line through these schemas.
 */
import { z } from 'zod';

/** Where `mlops serve` keeps its logs and `mlops monitor` reads them, under the output folder. */
export const SERVING_LOGS_DIR = 'serving/logs';

/** `format` of a prediction log line: its name and version. */
export const PREDICTION_LOG_FORMAT = 'mlops-actions/prediction/v1';
/** `format` of a feedback log line: its name and version. */
export const FEEDBACK_LOG_FORMAT = 'mlops-actions/feedback/v1';

/** A raw feature value as a client sent it: the bundle's preprocessing reads it as a CSV cell. */
const rawValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** What a model answered for one instance, by task. */
export const predictionOutputSchema = z.union([
  z.object({ task: z.literal('binary'), label: z.string(), score: z.number() }),
  z.object({
    task: z.literal('multiclass'),
    label: z.string(),
    probabilities: z.record(z.string(), z.number()),
  }),
  z.object({ task: z.literal('regression'), value: z.number() }),
]);
export type PredictionOutput = z.infer<typeof predictionOutputSchema>;

/** One served instance: `id` is unique per instance (`<request id>/<index in the request>`). */
export const predictionRecordSchema = z.object({
  format: z.literal(PREDICTION_LOG_FORMAT),
  id: z.string().min(1),
  requestId: z.string().min(1),
  time: z.iso.datetime(),
  model: z.string().min(1),
  version: z.string().min(1),
  /** The stage or A/B arm the request was routed by, when not a pinned version. */
  route: z.string().optional(),
  inputs: z.record(z.string(), rawValue),
  output: predictionOutputSchema,
});
export type PredictionRecord = z.infer<typeof predictionRecordSchema>;

/** A true label for a served instance, sent back by `POST /v1/feedback`. */
export const feedbackRecordSchema = z.object({
  format: z.literal(FEEDBACK_LOG_FORMAT),
  /** The instance id (`<request id>/<index>`), or a request id for a one-instance request. */
  id: z.string().min(1),
  time: z.iso.datetime(),
  label: z.union([z.string(), z.number(), z.boolean()]),
});
export type FeedbackRecord = z.infer<typeof feedbackRecordSchema>;

/** A prediction line up to its id: the same for every line. */
const PREDICTION_LINE_START = `{"format":${JSON.stringify(PREDICTION_LOG_FORMAT)},"id":`;

/**
 * The prediction log's lines for `records`, each the record's JSON in the schema's field order
 * and `\n`: byte for byte `JSON.stringify(record)` of a record built in that order, as
 * src/serve/core.ts builds them. The fields one request's records share (format, request id, time,
 * model, version, route) are serialised once per request rather than once per instance; only the
 * id, inputs and output are serialised per line.
 */
export function predictionLines(records: readonly PredictionRecord[]): string {
  let lines = '';
  let request: PredictionRecord | undefined;
  let requestFields = '';
  for (const record of records) {
    if (!request || !sameRequest(record, request)) {
      request = record;
      requestFields = requestFieldsJson(record);
    }
    lines += `${PREDICTION_LINE_START}${JSON.stringify(record.id)}${requestFields}${JSON.stringify(record.inputs)},"output":${JSON.stringify(record.output)}}\n`;
  }
  return lines;
}

/** The fields between `id` and `inputs`, from the comma after the id to the colon of `inputs`. */
function requestFieldsJson({ requestId, time, model, version, route }: PredictionRecord): string {
  // An undefined route is left out, as JSON.stringify leaves it out of a record.
  return `,${JSON.stringify({ requestId, time, model, version, route }).slice(1, -1)},"inputs":`;
}

function sameRequest(a: PredictionRecord, b: PredictionRecord): boolean {
  return (
    a.requestId === b.requestId &&
    a.time === b.time &&
    a.model === b.model &&
    a.version === b.version &&
    a.route === b.route
  );
}
