/** Small text helpers shared by messages and reports. */

/** The first line of a (possibly multi-line) message. */
export function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

/** A human-readable error message from anything thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
