/**
 * Hot reload: the registry's tags and serving.json are read again on a timer; when the plan they
 * make differs from the one served, the versions it adds are loaded in full first, then the core
 * swaps to the new set in one step. A failed reload (a bad serving.json, a release that will not
 * download) changes nothing: the server keeps answering with what it has and says why.
 */
import type { Logger } from '../adapters/log.js';
import type { RegistryState } from '../registry/state.js';
import { errorMessage } from '../util/text.js';
import type { ServedModel, ServedVersion, ServingCore, ServingSet } from './core.js';
import {
  planServing,
  planSignature,
  type PlanRequest,
  type PlannedVersion,
  type ServingPlan,
} from './plan.js';
import type { ServerSettings, ServingConfig } from './serving-config.js';

/** Where the reloader reads what to serve, and how it loads a version. */
export interface ServingSource {
  /** The registry now (tags fetched from the remote, when there is one). */
  registry(): Promise<RegistryState>;
  /** serving.json now, or the defaults without one. */
  servingConfig(): Promise<ServingConfig>;
  load(name: string, version: PlannedVersion): Promise<ServedVersion>;
}

export type ReloadResult = 'loaded' | 'unchanged' | 'failed';

export interface ReloaderOptions {
  core: ServingCore;
  source: ServingSource;
  request: PlanRequest;
  log: Pick<Logger, 'info' | 'warn'>;
  /** Told the result of every reload check. */
  onReload?: (result: ReloadResult) => void;
}

/** Keeps the core serving what the registry and serving.json say, checked every poll. */
export class Reloader {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<ReloadResult> | null = null;
  private stopped = false;
  private settings: ServerSettings | null = null;

  constructor(private readonly options: ReloaderOptions) {}

  /**
   * Reads the tags and serving.json and swaps in the set they plan when it changed. The first
   * load's errors are thrown (the server cannot start); later ones are logged and kept out.
   */
  reload(): Promise<ReloadResult> {
    // One at a time: a slow download must not be raced by the next poll.
    this.running ??= this.reloadOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Polls every `poll_seconds` of serving.json (read each time, so a change applies). */
  start(): void {
    this.stopped = false;
    this.schedule();
  }

  /** Stops polling and waits for a reload under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  private schedule(): void {
    if (this.stopped) return;
    const seconds = this.settings?.poll_seconds ?? 30;
    this.timer = setTimeout(() => {
      void this.reload()
        .catch(() => undefined)
        .finally(() => this.schedule());
    }, seconds * 1000);
    this.timer.unref();
  }

  private async reloadOnce(): Promise<ReloadResult> {
    const { core, source, request, log, onReload } = this.options;
    const first = !core.ready;
    try {
      const [state, serving] = await Promise.all([source.registry(), source.servingConfig()]);
      this.noteSettings(serving.server, first);
      const plan = planServing(state, serving, request);
      const current = core.set;
      if (current && planSignature(plan) === planSignature(current.plan)) {
        onReload?.('unchanged');
        return 'unchanged';
      }
      core.swap(await this.loadSet(plan, current));
      log.info(`serving ${describePlan(plan)}`);
      onReload?.('loaded');
      return 'loaded';
    } catch (error) {
      onReload?.('failed');
      if (first) throw error;
      log.warn(`reload failed, still serving the previous models: ${errorMessage(error)}`);
      return 'failed';
    }
  }

  /** The set `plan` describes: versions already loaded are kept, the others loaded in full. */
  private async loadSet(plan: ServingPlan, current: ServingSet | null): Promise<ServingSet> {
    const fresh: ServedVersion[] = [];
    try {
      const models = new Map<string, ServedModel>();
      for (const model of plan.models) {
        const versions = new Map<string, ServedVersion>();
        for (const planned of model.versions) {
          const loaded = current?.models.get(model.name)?.versions.get(planned.version);
          if (loaded && loaded.pin === planned.pin) {
            versions.set(planned.version, loaded);
            continue;
          }
          const version = await this.options.source.load(model.name, planned);
          fresh.push(version);
          versions.set(planned.version, version);
        }
        models.set(model.name, { plan: model, versions });
      }
      return { plan, models };
    } catch (error) {
      // Loaded for a set that will not be served: free them now.
      for (const version of fresh) version.retire();
      throw error;
    }
  }

  private noteSettings(server: ServerSettings, first: boolean): void {
    const previous = this.settings;
    this.settings = server;
    if (first || !previous) return;
    const changed = (Object.keys(server) as (keyof ServerSettings)[]).filter(
      (key) => key !== 'poll_seconds' && server[key] !== previous[key],
    );
    if (changed.length > 0) {
      this.options.log.warn(
        `serving.json: server.${changed.join(', server.')} changed; restart the server to apply (poll_seconds applies now)`,
      );
    }
  }
}

/** `churn: churn#production → v1.2.0 (90 %), churn@v1.3.0 → v1.3.0 (10 %); loaded …`, for the log. */
function describePlan(plan: ServingPlan): string {
  return plan.models
    .map((model) => {
      const total = model.routes.reduce((sum, r) => sum + r.weight, 0);
      const routes = model.routes
        .map(
          (r) =>
            `${r.ref} → v${r.version}${model.routes.length > 1 ? ` (${Math.round((r.weight / total) * 1000) / 10} %)` : ''}`,
        )
        .join(', ');
      return `${model.name}: ${routes}; loaded v${model.versions.map((v) => v.version).join(', v')}`;
    })
    .join('; ');
}
