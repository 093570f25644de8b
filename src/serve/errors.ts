/**
 * The errors a served request can end in, by what the client did wrong: each API (REST, gRPC,
 * batch) maps the class to its own status, so the mapping lives with the API, not here.
 */
import { MlopsError } from '../errors.js';

/**
 * The request is malformed: a bad body or instance. The message is `where: problem`, like
 * `instances[3]."age": expected a number, got "abc"`; `index` and `field` say where, when known.
 */
export class InvalidRequest extends MlopsError {
  constructor(
    readonly where: string,
    readonly problem: string,
    readonly index?: number,
    readonly field?: string,
  ) {
    super(`${where}: ${problem}`);
  }
}

/** The model, version or stage asked for is not served here. */
export class NotServed extends MlopsError {}

/** The server is starting (models not loaded yet) or stopping. */
export class NotReady extends MlopsError {}
