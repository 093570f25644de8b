import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  PREDICTION_LOG_FORMAT,
  cellReader,
  featureColumns
} from "./chunk-UR326N5E.js";
import {
  predictRows,
  transformFeatures
} from "./chunk-KX5X2Y5F.js";
import {
  parseBoolean,
  parseDate,
  parseNumber
} from "./chunk-HLR62EQG.js";
import {
  DEFAULT_THRESHOLD
} from "./chunk-A4DXW22P.js";
import {
  MlopsError
} from "./chunk-N5O7Y2C6.js";

// src/serve/errors.ts
var InvalidRequest = class extends MlopsError {
  constructor(where, problem, index, field) {
    super(`${where}: ${problem}`);
    this.where = where;
    this.problem = problem;
    this.index = index;
    this.field = field;
  }
  where;
  problem;
  index;
  field;
};
var NotServed = class extends MlopsError {
};
var NotReady = class extends MlopsError {
};

// src/serve/instances.ts
var MAX_QUOTED = 60;
var LISTED_FEATURES = 12;
function instanceRules(spec, schema) {
  const names = featureColumns(spec);
  const features = new Set(names);
  const required = new Set(
    (schema?.features ?? []).filter((f) => f.minPresence >= 1 && features.has(f.name)).map((f) => f.name)
  );
  const known = /* @__PURE__ */ new Set([
    ...features,
    spec.label.column,
    ...schema?.features.map((f) => f.name) ?? []
  ]);
  const encodings = new Map(spec.features.map((f) => [f.column, f]));
  const columns = names.map((name) => ({
    name,
    required: required.has(name),
    problem: kindCheck(encodings.get(name))
  }));
  return { spec, required, known, columns, readCell: cellReader(spec.input) };
}
function readInstances(instances, rules, options) {
  if (!Array.isArray(instances)) {
    throw new InvalidRequest("instances", "expected a list of objects, one per row to score");
  }
  if (instances.length === 0) throw new InvalidRequest("instances", "the list is empty");
  if (instances.length > options.maxInstances) {
    throw new InvalidRequest(
      "instances",
      `${instances.length} instances, more than the ${options.maxInstances} a request may have; split the request`
    );
  }
  const checked = [];
  const rows = [];
  const lines = [];
  for (let index = 0; index < instances.length; index++) {
    const instance = checkFields(instances[index], index, rules, options);
    checked.push(instance);
    rows.push(readCells(instance, index, rules));
    lines.push(index + 1);
  }
  const columns = rules.columns.map((column) => column.name);
  return { instances: checked, cells: { source: "instances", columns, rows, lines } };
}
function quoted(text) {
  return JSON.stringify(text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}\u2026` : text);
}
function checkFields(instance, index, rules, options) {
  if (instance === null || typeof instance !== "object" || Array.isArray(instance)) {
    throw invalid(index, void 0, "expected an object of feature values");
  }
  const fields = instance;
  const copy = options.unknownFields === "ignore" ? /* @__PURE__ */ Object.create(null) : null;
  for (const field of Object.keys(fields)) {
    if (!rules.known.has(field)) {
      if (copy) continue;
      throw invalid(index, field, `unknown field; the model reads ${featureList(rules)}`);
    }
    const value = scalar(fields[field], index, field);
    if (copy) copy[field] = value;
  }
  return copy ?? fields;
}
function readCells(instance, index, rules) {
  const cells = [];
  for (const column of rules.columns) {
    const present = Object.hasOwn(instance, column.name);
    const cell = present ? rules.readCell(instance[column.name]) : null;
    if (cell === null) {
      if (column.required) {
        const problem = present ? "has no value" : "missing";
        throw invalid(
          index,
          column.name,
          `${problem}; the model was trained with it always present`
        );
      }
    } else {
      const problem = column.problem(cell);
      if (problem) throw invalid(index, column.name, problem);
    }
    cells.push(cell);
  }
  return cells;
}
function scalar(value, index, field) {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw invalid(index, field, "the number is out of range");
    return value;
  }
  const got = Array.isArray(value) ? "a list" : `a ${typeof value}`;
  throw invalid(index, field, `expected a string, number, boolean or null, got ${got}`);
}
function invalid(index, field, problem) {
  const where = `instances[${index}]${field === void 0 ? "" : `.${quoted(field)}`}`;
  return new InvalidRequest(where, problem, index, field);
}
function kindCheck(encoding) {
  switch (encoding?.kind) {
    case "numeric":
      return (cell) => {
        const number = parseNumber(cell);
        return number !== null && Number.isFinite(number) ? null : `expected a number, got ${shownValue(cell)}`;
      };
    case "date":
      return (cell) => parseDate(cell) === null ? `expected an ISO 8601 date like "2024-03-01", got ${shownValue(cell)}` : null;
    case "boolean":
      return (cell) => parseBoolean(cell) === null ? `expected true or false, got ${shownValue(cell)}` : null;
    default:
      return () => null;
  }
}
function shownValue(value) {
  return typeof value === "string" ? quoted(value) : JSON.stringify(value);
}
function featureList(rules) {
  const columns = rules.spec.features.map((f) => quoted(f.column));
  const shown = columns.slice(0, LISTED_FEATURES).join(", ");
  return columns.length > LISTED_FEATURES ? `${shown}, \u2026 (${columns.length} features)` : shown;
}

// src/serve/core.ts
import { randomUUID } from "node:crypto";

// src/model/score.ts
async function scoreCells(bundle, cells) {
  const spec = bundle.preprocessing;
  const count = cells.rows.length;
  const features = transformFeatures(
    spec,
    cells,
    cells.rows.map((_, i) => i)
  );
  const outputs = await predictRows(bundle.model, features, count, spec.width, spec.label);
  const threshold = bundle.training?.threshold?.value ?? DEFAULT_THRESHOLD;
  return rowPredictions(spec.label, outputs, count, threshold);
}
function rowPredictions(label, outputs, count, threshold) {
  const rows = Array.from({ length: count }, (_, i) => i);
  if (outputs.task === "regression") {
    return rows.map((i) => ({ task: "regression", value: outputs.values[i] }));
  }
  if (outputs.task === "binary" && label.task === "binary") {
    return rows.map((i) => {
      const score = outputs.scores[i];
      return { task: "binary", label: label.classes[score > threshold ? 1 : 0], score };
    });
  }
  if (outputs.task === "multiclass" && label.task === "multiclass") {
    const k = outputs.classCount;
    return rows.map((i) => {
      const row = Array.from(outputs.probabilities.subarray(i * k, (i + 1) * k));
      return {
        task: "multiclass",
        label: label.classes[row.indexOf(Math.max(...row))],
        probabilities: Object.fromEntries(label.classes.map((c, j) => [c, row[j]]))
      };
    });
  }
  throw new Error(
    `model outputs (${outputs.task}) do not match the label encoding (${label.task})`
  );
}

// src/serve/routing.ts
import { createHash } from "node:crypto";
var POINT_BITS = 48;
function bucketOf(salt, key) {
  const digest = createHash("sha256").update(salt).update("\0").update(key).digest();
  return digest.readUIntBE(0, POINT_BITS / 8) / 2 ** POINT_BITS;
}
function chooseRoute(routes, salt, key) {
  const live = routes.filter((route) => route.weight > 0);
  const total = live.reduce((sum, route) => sum + route.weight, 0);
  const point = bucketOf(salt, key) * total;
  let end = 0;
  for (const route of live) {
    end += route.weight;
    if (point < end) return route;
  }
  const last = live.at(-1);
  if (!last) throw new Error("chooseRoute: no route has a weight above 0");
  return last;
}

// src/serve/core.ts
var NO_PREDICTION_LOG = { record: () => {
} };
var ServedVersion = class {
  constructor(name, version, tag, loaded, schema, pin = null) {
    this.name = name;
    this.version = version;
    this.tag = tag;
    this.loaded = loaded;
    this.schema = schema;
    this.pin = pin;
    this.rules = instanceRules(loaded.preprocessing, schema);
  }
  name;
  version;
  tag;
  loaded;
  schema;
  pin;
  rules;
  leases = 0;
  retired = false;
  disposed = false;
  /** Runs `use` while holding the version: it is not disposed before `use` settles. */
  async use(use) {
    this.leases++;
    try {
      return await use();
    } finally {
      this.leases--;
      if (this.retired && this.leases === 0) this.dispose();
    }
  }
  /** No new request reaches it: disposed now when idle, else when its last request ends. */
  retire() {
    this.retired = true;
    if (this.leases === 0) this.dispose();
  }
  get isDisposed() {
    return this.disposed;
  }
  dispose() {
    if (this.disposed) return;
    this.disposed = true;
    this.loaded.model.dispose();
  }
};
var ServingCore = class {
  current = null;
  sink;
  maxInstances;
  now;
  /** Scorings under way, and who waits for none to be left (see idle). */
  scoring = 0;
  waitingForIdle = [];
  constructor(options = {}) {
    this.sink = options.sink ?? NO_PREDICTION_LOG;
    this.maxInstances = options.maxInstances ?? 1e3;
    this.now = options.now ?? (() => /* @__PURE__ */ new Date());
  }
  /** True once a set of models is loaded. */
  get ready() {
    return this.current !== null;
  }
  /** The set served now (null before the first load). */
  get set() {
    return this.current;
  }
  /**
   * Serves `next` from now on, in one assignment; versions of the previous set that `next` does
   * not hold are disposed once the requests using them end.
   */
  swap(next) {
    const previous = this.current;
    this.current = next;
    for (const version of versionsOf(previous)) {
      if (next.models.get(version.name)?.versions.get(version.version) !== version) {
        version.retire();
      }
    }
  }
  /** Stops serving: every version is disposed once its requests end. */
  close() {
    const previous = this.current;
    this.current = null;
    for (const version of versionsOf(previous)) version.retire();
  }
  /**
   * Resolves once no scoring is under way, each one's instances handed to the log. The APIs having
   * answered is not enough before the log closes: a request past `timeout_ms` gets its 504 or
   * DEADLINE_EXCEEDED while the model still runs, and logs its instances when done.
   */
  idle() {
    if (this.scoring === 0) return Promise.resolve();
    return new Promise((resolve) => this.waitingForIdle.push(resolve));
  }
  /** The served model called `name`; NotServed when there is none. */
  model(name) {
    if (!this.current)
      throw new NotReady(
        "no models are loaded (the server is starting or stopping); retry shortly"
      );
    const model = this.current.models.get(name);
    if (!model) {
      const served = [...this.current.models.keys()].join(", ");
      throw new NotServed(`model ${quoted(name)} is not served here; served: ${served}`);
    }
    return model;
  }
  /** The version `selector` names, or the route `key` is assigned to when it names none. */
  resolve(name, selector, key) {
    const model = this.model(name);
    if (selector === null) {
      const route = chooseRoute(model.plan.routes, model.plan.salt, key);
      return { served: servedVersion(model, route.version), route: route.ref };
    }
    if ("stage" in selector) {
      const { stages } = model.plan;
      const version = Object.hasOwn(stages, selector.stage) ? stages[selector.stage] : void 0;
      if (version === void 0) {
        const held = Object.entries(stages).map(([s, v]) => `${s} (v${v})`);
        throw new NotServed(
          `${name} has no version in stage ${quoted(selector.stage)}; stages: ${held.join(", ") || "none"}`
        );
      }
      return { served: servedVersion(model, version), route: `${name}#${selector.stage}` };
    }
    return { served: servedVersion(model, selector.version), route: null };
  }
  /**
   * Scores `instances` (raw feature objects) with the version the request reaches; see score.
   * An API that reports the version even when the instances are refused calls resolve and score.
   */
  predict(name, selector, instances, options = {}) {
    const requestId = options.requestId ?? randomUUID();
    const resolved = this.resolve(name, selector, options.key ?? requestId);
    return this.score(resolved, instances, { ...options, requestId });
  }
  /**
   * Checks and scores `instances` with a resolved version, held until scoring ends so that a
   * reload meanwhile does not dispose it; each scored instance goes to the prediction log.
   */
  score({ served, route }, instances, options = {}) {
    const requestId = options.requestId ?? randomUUID();
    this.scoring++;
    const scored = served.use(async () => {
      const read = readInstances(instances, served.rules, {
        maxInstances: this.maxInstances,
        unknownFields: options.unknownFields ?? "reject"
      });
      const started = performance.now();
      const outputs = await scoreCells(served.loaded, read.cells);
      const scoreSeconds = (performance.now() - started) / 1e3;
      const time = this.now().toISOString();
      const records = [];
      const predictions = [];
      outputs.forEach((output, index) => {
        const id = `${requestId}/${index}`;
        records.push({
          format: PREDICTION_LOG_FORMAT,
          id,
          requestId,
          time,
          model: served.name,
          version: served.version,
          // Undefined leaves it out of the log line.
          route: route ?? void 0,
          inputs: read.instances[index] ?? {},
          output
        });
        predictions.push(servedPrediction(id, output));
      });
      this.sink.record(records);
      const { name: model, version } = served;
      return { model, version, route, requestId, predictions, scoreSeconds };
    });
    return scored.finally(() => {
      if (--this.scoring === 0) for (const resolve of this.waitingForIdle.splice(0)) resolve();
    });
  }
};
function servedPrediction(id, output) {
  switch (output.task) {
    case "binary":
      return { id, label: output.label, score: output.score };
    case "multiclass":
      return { id, label: output.label, probabilities: output.probabilities };
    case "regression":
      return { id, value: output.value };
  }
}
function servedVersion(model, version) {
  const served = model.versions.get(version.replace(/^v/, ""));
  if (served) return served;
  const versions = [...model.versions.keys()].join(", ");
  throw new NotServed(
    `${model.plan.name} version ${quoted(version)} is not served here; served versions: ${versions}`
  );
}
function versionsOf(set) {
  return set ? [...set.models.values()].flatMap((model) => [...model.versions.values()]) : [];
}
function singleVersionSet(served) {
  const model = {
    name: served.name,
    versions: [{ version: served.version, tag: served.tag, pin: served.pin }],
    stages: {},
    latest: served.version,
    routes: [{ ref: served.tag, version: served.version, weight: 1 }],
    salt: served.name
  };
  return {
    plan: { models: [model] },
    models: /* @__PURE__ */ new Map([
      [served.name, { plan: model, versions: /* @__PURE__ */ new Map([[served.version, served]]) }]
    ])
  };
}

export {
  InvalidRequest,
  NotServed,
  NotReady,
  quoted,
  ServedVersion,
  ServingCore,
  servedVersion,
  singleVersionSet
};
