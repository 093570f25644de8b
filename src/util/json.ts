/** Parsing JSON files that users or earlier steps wrote, with errors that say which file and what to do. */
import { DataError } from '../errors.js';
import { errorMessage } from './text.js';

/** Parses `text` read from `source`; invalid JSON becomes a DataError ending with `remedy`. */
export function parseJson(text: string, source: string, remedy: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DataError(`${source}: not valid JSON (${errorMessage(error)}). ${remedy}`);
  }
}
