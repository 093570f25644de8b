/**
 * Data made inert in the runner's log. The runner reads each line of a step's stdout as a workflow
 * command when, after leading whitespace, it starts with `::` (`::error::`, `::add-mask::`,
 * `::stop-commands::`…), or when it holds the legacy `##[command]` form anywhere.
 */
import { randomUUID } from 'node:crypto';

// The line ends the runner splits stdout at.
const RUNNER_LINE_ENDS = /\r\n|[\r\n]/;

// A `::` the runner would see at the start of the line: it trims Unicode whitespace, NEL included.
const LEADING_COMMAND = /^([\s\u0085]*):(?=:)/;

/**
 * `text` kept readable line by line (for a terminal, or the CLI's stderr in a `run:` step), with
 * each line's leading `::` written `%3A:` and every `##[` written `##%5B`: no line is a command.
 */
export function inertLines(text: string): string {
  return text
    .split(RUNNER_LINE_ENDS)
    .map((line) => line.replace(LEADING_COMMAND, '$1%3A').replace(/##\[/g, '##%5B'))
    .join('\n');
}

/**
 * Runs `fn` between `::stop-commands::<token>` and `::<token>::`, so nothing it prints acts as a
 * command; the token is random, so data cannot end the block early. `fn` is synchronous: output of
 * other code running meanwhile (our own annotations, `::endgroup::`) would be ignored as well.
 */
export function withStoppedCommands<T>(print: (line: string) => void, fn: () => T): T {
  const token = `mlops-${randomUUID()}`;
  print(`::stop-commands::${token}`);
  try {
    return fn();
  } finally {
    print(`::${token}::`);
  }
}

/**
 * Prints `text` through `print`, one call per log line, so no part of it acts as a command: one
 * inert line, or each line of a multi-line text inside a stop-commands block (and inert as well,
 * in case a runner ignores the block), so it still reads as lines.
 */
export function printData(print: (line: string) => void, text: string): void {
  const lines = text.split(RUNNER_LINE_ENDS);
  // The runner decodes `%XX` only inside commands: a plain line keeps its `%` as typed.
  if (lines.length === 1) return print(inertLines(text));
  withStoppedCommands(print, () => lines.forEach((line) => print(inertLines(line))));
}
