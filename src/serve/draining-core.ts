/**
 * The serving core of a server, which must know when scoring has stopped before it closes the
 * prediction log: an answer can leave before its scoring ends (a request past `timeout_ms` gets
 * its 504 or DEADLINE_EXCEEDED while the model still runs, and logs its instances when done), so
 * the APIs having answered everything is not enough.
 */
import { ServingCore, type PredictOptions, type PredictResult, type Resolved } from './core.js';

/** A ServingCore that counts the scorings under way and tells when none is left. */
export class DrainingCore extends ServingCore {
  private scoring = 0;
  private waiting: (() => void)[] = [];

  override score(
    resolved: Resolved,
    instances: unknown,
    options?: PredictOptions,
  ): Promise<PredictResult> {
    this.scoring++;
    return super.score(resolved, instances, options).finally(() => {
      if (--this.scoring === 0) for (const resolve of this.waiting.splice(0)) resolve();
    });
  }

  /** Resolves once no scoring is under way (each one's instances handed to the log). */
  idle(): Promise<void> {
    if (this.scoring === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}
