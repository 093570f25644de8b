/**
 * What the server should hold, decided from the registry's tags and serving.json alone: for each
 * served model, the versions to load, which version holds each stage, and how its traffic splits.
 * Two equal plans serve the same way, so a reload happens only when the plan changes.
 */
import { UsageError } from '../errors.js';
import { resolveModelRef } from '../registry/resolve.js';
import {
  bundlePin,
  requireModel,
  stageVersion,
  type ModelState,
  type RegistryState,
} from '../registry/state.js';
import { versionTag } from '../registry/tags.js';
import type { ServingConfig } from './serving-config.js';

/** A registered version to load: its tag and the bundle hash the tag pins (null before pins). */
export interface PlannedVersion {
  version: string;
  tag: string;
  pin: string | null;
}

/** A share of a model's traffic: the ref as written, the version it names now, its weight. */
export interface PlannedRoute {
  ref: string;
  version: string;
  weight: number;
}

export interface ModelPlan {
  name: string;
  /** Every version a request can reach (a route, a stage, the latest), ascending. */
  versions: PlannedVersion[];
  /** Stage → the version holding it. */
  stages: Record<string, string>;
  latest: string;
  /** The split of requests that name no version or stage. */
  routes: PlannedRoute[];
  /** Mixed into each request key's hash (serving.json's `salt`, else the model name). */
  salt: string;
}

export interface ServingPlan {
  models: ModelPlan[];
}

/** What to serve: the models asked for (else those in serving.json, else every live model). */
export interface PlanRequest {
  names: readonly string[];
  /** registry.stages: the last one assigned is a model's default, else its latest version. */
  stages: readonly string[];
}

/**
 * The plan for `state` and `serving`; a UsageError names the model, route or ref that cannot be
 * served (an unknown model, a ref to a stage nobody holds).
 */
export function planServing(
  state: RegistryState,
  serving: ServingConfig,
  request: PlanRequest,
): ServingPlan {
  const names = servedNames(state, serving, request.names);
  if (names.length === 0) {
    throw new UsageError(
      'no model to serve: the registry has no registered version; register one (`mlops register`) or name the models (`mlops serve NAME`).',
    );
  }
  return { models: names.map((name) => planModel(state, serving, name, request.stages)) };
}

/** The route of a model without serving.json routes: the last assigned stage, else the latest. */
export function defaultRef(model: ModelState, stages: readonly string[]): string {
  const stage = [...stages].reverse().find((s) => stageVersion(model, s) !== null);
  return stage ? `${model.name}#${stage}` : `${model.name}@latest`;
}

/** Text that is equal for two plans exactly when they serve the same way. */
export function planSignature(plan: ServingPlan): string {
  return JSON.stringify(plan);
}

function servedNames(
  state: RegistryState,
  serving: ServingConfig,
  asked: readonly string[],
): string[] {
  if (asked.length > 0) return [...new Set(asked)];
  const configured = Object.keys(serving.models);
  if (configured.length > 0) return configured;
  return state.models.filter((m) => m.latest !== null && !m.deprecated).map((m) => m.name);
}

function planModel(
  state: RegistryState,
  serving: ServingConfig,
  name: string,
  stages: readonly string[],
): ModelPlan {
  const model = requireModel(state, name);
  if (!model.latest) throw new UsageError(`${name} has no registered version to serve.`);
  const configured = serving.models[name];
  const settings = configured?.routes ?? [{ ref: defaultRef(model, stages), weight: 1 }];
  const routes = settings.map((route, index) => {
    try {
      return { ...route, version: resolveModelRef(state, route.ref).version };
    } catch (error) {
      if (!configured || !(error instanceof UsageError)) throw error;
      throw new UsageError(`serving.json: models.${name}.routes[${index}].ref: ${error.message}`);
    }
  });
  const stageMap = Object.fromEntries(model.stages.map((s) => [s.stage, s.version]));
  const wanted = new Set([
    ...routes.map((r) => r.version),
    ...Object.values(stageMap),
    model.latest,
  ]);
  const versions = model.versions
    .filter((v) => wanted.has(v.version))
    .map((v) => ({ version: v.version, tag: versionTag(name, v.version), pin: bundlePin(v) }));
  return {
    name,
    versions,
    stages: stageMap,
    latest: model.latest,
    routes,
    salt: configured?.salt ?? name,
  };
}
