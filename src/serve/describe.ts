/**
 * What the status and metadata endpoints say about a served model, shaped like TensorFlow
 * Serving's GetModelStatus (`model_version_status`) and GetModelMetadata (`model_spec`, `metadata`).
 */
import { servedVersion, type ServedModel, type ServedVersion, type ServingCore } from './core.js';

/** One version's status, as TF Serving's ModelVersionStatus, with the stages it holds. */
export interface VersionStatus {
  version: string;
  state: 'AVAILABLE';
  status: { error_code: 'OK'; error_message: '' };
  labels: string[];
}

/** A feature as a client must send it. */
export interface FeatureMetadata {
  name: string;
  kind: string;
  required: boolean;
  /** A categorical feature's known values (others are read as "unknown"). */
  values?: string[];
  min?: number;
  max?: number;
}

/** GET /v1/models/NAME[/versions/V]: the loaded versions with their stages, and the routes. */
export function modelStatus(model: ServedModel, version?: string) {
  const versions =
    version === undefined ? [...model.versions.values()] : [servedVersion(model, version)];
  return {
    model_version_status: versions.map((v): VersionStatus => ({
      version: v.version,
      state: 'AVAILABLE',
      status: { error_code: 'OK', error_message: '' },
      labels: stagesOf(model, v.version),
    })),
    routes: model.plan.routes,
  };
}

/** GET /v1/models/NAME[/versions/V]/metadata: what to send and what comes back. */
export function modelMetadata(core: ServingCore, model: ServedModel, version?: string) {
  const served = version === undefined ? champion(model) : servedVersion(model, version);
  const { preprocessing, training } = served.loaded;
  const schema = new Map(served.schema?.features.map((f) => [f.name, f]));
  const features = preprocessing.features.map((feature): FeatureMetadata => {
    const known = schema.get(feature.column);
    return {
      name: feature.column,
      kind: feature.kind,
      required: served.rules.required.has(feature.column),
      ...(feature.kind === 'categorical' ? { values: feature.vocabulary } : {}),
      ...(known?.min === undefined ? {} : { min: known.min }),
      ...(known?.max === undefined ? {} : { max: known.max }),
    };
  });
  const label = preprocessing.label;
  return {
    model_spec: { name: served.name, version: served.version, tag: served.tag },
    metadata: {
      task: label.task,
      label: label.column,
      ...(label.task === 'regression' ? {} : { classes: label.classes }),
      ...(training.threshold ? { threshold: training.threshold.value } : {}),
      features,
      stages: stagesOf(model, served.version),
      ready: core.ready,
    },
  };
}

/** The version answering most requests: the first route of the highest weight. */
function champion(model: ServedModel): ServedVersion {
  const top = [...model.plan.routes].sort((a, b) => b.weight - a.weight)[0];
  return servedVersion(model, top?.version ?? model.plan.latest);
}

function stagesOf(model: ServedModel, version: string): string[] {
  return Object.entries(model.plan.stages)
    .filter(([, v]) => v === version)
    .map(([stage]) => stage);
}
