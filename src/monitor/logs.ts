/**
 * Reading the serving logs `mlops serve` writes (src/serve/log-format.ts): which files of a log
 * folder are prediction and feedback logs, oldest first, and their records, every line checked
 * against the log's schema. A log may come from another machine or be cut short by a crash, so a
 * bad line is handed to the caller with its file, line and what is wrong, never its text (it holds
 * client data), and reading goes on.
 */
import type { z } from 'zod';
import { readJsonlRecords } from '../data/jsonl.js';
import { excerpt } from '../data/bounds.js';
import { DataError } from '../errors.js';
import { errorMessage, firstLine } from '../util/text.js';

/** A log line that was not a record of its log. */
export interface BadLine {
  /** The file's name in the log folder. */
  file: string;
  line: number;
  problem: string;
}

export type LogKind = 'predictions' | 'feedback';

/** A log file: `predictions.jsonl` (newest), `predictions.1.jsonl`, `predictions.2.jsonl`, …. */
export interface LogFile {
  name: string;
  kind: LogKind;
  /** 0 for the file being written, n for the n-th rotated one (older as n grows). */
  rotation: number;
}

const LOG_NAME = /^(predictions|feedback)(?:\.([1-9]\d{0,5}))?\.jsonl$/;

/** The log files among a folder's `names`, oldest first; other files are left alone. */
export function logFiles(names: readonly string[]): LogFile[] {
  return names
    .flatMap((name): LogFile[] => {
      const match = LOG_NAME.exec(name);
      if (!match) return [];
      return [{ name, kind: match[1] as LogKind, rotation: Number(match[2] ?? 0) }];
    })
    .sort((a, b) => b.rotation - a.rotation);
}

/**
 * The records of one log file that `schema` accepts; every other line goes to `onBad`. A file
 * that cannot be read on (a line past the record size limit, bytes that are not UTF-8) ends with
 * one bad line saying so.
 */
export async function* readLogRecords<T>(
  chunks: AsyncIterable<Uint8Array>,
  file: string,
  schema: z.ZodType<T>,
  onBad: (bad: BadLine) => void,
): AsyncGenerator<T> {
  let last = 0;
  const lines = readJsonlRecords(chunks, {
    source: file,
    // The JSON error would quote the line; the line number is what a reader needs.
    onBadLine: (line) => onBad({ file, line, problem: 'not a JSON object on one line' }),
  });
  try {
    for await (const { line, record } of lines) {
      last = line;
      const parsed = schema.safeParse(record);
      if (parsed.success) yield parsed.data;
      else onBad({ file, line, problem: issueText(parsed.error) });
    }
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    onBad({
      file,
      line: last + 1,
      problem: `the rest of the file was not read: ${withoutPlace(firstLine(errorMessage(error)))}`,
    });
  }
}

/** A reader's message without its leading `file:line: `, which the bad line already says. */
function withoutPlace(message: string): string {
  return message.replace(/^[\w.-]+:\d+: /, '');
}

/** The first problem zod found, as `field.path: message`, each key cut short (keys are data). */
function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'not a record of this log';
  const where = issue.path.map((key) => excerpt(String(key), 40)).join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}
