/** The logger steps report progress through: stderr for the CLI, @actions/core in an action. */
import path from 'node:path';
import { inertLines } from '../safety/log.js';

/** A finding about a file: an annotation on the runner, a plain line elsewhere. */
export interface Finding {
  severity: 'error' | 'warning';
  /** A short title, e.g. the anomaly's name and column. */
  title: string;
  message: string;
  /** The file it is about (absolute: each logger shows it relative to where people look). */
  file: string;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  /** Reports a finding about a file (on a runner, an annotation on that file). */
  annotate(finding: Finding): void;
  /** Runs `fn` inside a named, foldable group of log lines. */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

/** A logger writing plain lines to stderr, so stdout stays free for `--json` output. */
export function createConsoleLogger(
  options: { quiet?: boolean; write?: (text: string) => void } = {},
): Logger {
  const sink = options.write ?? ((text: string) => process.stderr.write(text));
  // The CLI also runs in `run:` steps, whose stderr the runner reads for workflow commands.
  const write = (line: string) => {
    if (!options.quiet) sink(`${inertLines(line)}\n`);
  };
  return {
    info: write,
    warn: (message) => write(`warning: ${message}`),
    annotate: (finding) =>
      write(
        `${finding.severity}: ${path.relative(process.cwd(), finding.file) || finding.file}: ${finding.title}: ${finding.message}`,
      ),
    async group(name, fn) {
      write(`▸ ${name}`);
      return fn();
    },
  };
}
