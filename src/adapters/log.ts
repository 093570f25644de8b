/** The logger steps report progress through: stderr for the CLI, @actions/core in an action. */
import { inertLines } from '../safety/log.js';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
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
    async group(name, fn) {
      write(`▸ ${name}`);
      return fn();
    },
  };
}
