import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  cachedBundleDir,
  loadBundleVersion,
  loadCachedVersion
} from "./chunk-AIFRBENE.js";
import {
  buildHttpApi
} from "./chunk-XGVC75UK.js";
import {
  ServingCore
} from "./chunk-37BCTND2.js";
import {
  SERVING_LOGS_DIR
} from "./chunk-2QIFYXR3.js";
import {
  resolveModelRef
} from "./chunk-AIPE7BYB.js";
import {
  selectBackend
} from "./chunk-62A44MYQ.js";
import "./chunk-P7KZO3SM.js";
import "./chunk-7LKQHTW3.js";
import "./chunk-ACRUIUDM.js";
import "./chunk-YKFMZJAV.js";
import "./chunk-DIFF2PC7.js";
import {
  bundlePin,
  replayTags,
  requireModel,
  stageVersion
} from "./chunk-NLK3HGL5.js";
import "./chunk-D54MHMCS.js";
import "./chunk-VGUEJ4FU.js";
import "./chunk-CMTZTKEX.js";
import "./chunk-A4DXW22P.js";
import {
  isValidName,
  isValidVersion,
  versionTag
} from "./chunk-EP3PDB3O.js";
import {
  require_semver
} from "./chunk-VP4QO2CL.js";
import "./chunk-463URQ47.js";
import "./chunk-2OKCSJGM.js";
import {
  external_exports
} from "./chunk-4IF2AV7F.js";
import "./chunk-AIUCNH7N.js";
import "./chunk-XU32KRXS.js";
import {
  compareText,
  errorMessage
} from "./chunk-NM5J5SUB.js";
import {
  ConfigError,
  DataError,
  UsageError
} from "./chunk-N5O7Y2C6.js";
import {
  __toESM
} from "./chunk-5ZRYL5NC.js";

// src/serve/server.ts
import path3 from "node:path";

// src/serve/cache-registry.ts
var import_semver = __toESM(require_semver(), 1);
import path from "node:path";
async function cacheRegistry(fs, root) {
  if (!await fs.isFolder(root)) return { models: [] };
  const models = [];
  for (const entry of await fs.list(root)) {
    const name = decodedName(entry);
    if (name === null || !await fs.isFolder(path.join(root, entry))) continue;
    const versions = (await fs.list(path.join(root, entry))).map((folder) => /^v(.+)$/.exec(folder)?.[1] ?? "").filter(isValidVersion).sort(import_semver.default.compareBuild);
    const latest = versions.at(-1);
    if (latest === void 0) continue;
    models.push({
      name,
      versions: versions.map((version) => ({
        version,
        tag: versionTag(name, version),
        commit: "",
        createdAt: "",
        metadata: null,
        deregistered: false
      })),
      stages: [],
      latest,
      deprecated: false,
      history: []
    });
  }
  return { models: models.sort((a, b) => compareText(a.name, b.name)) };
}
function cacheSource(deps, root, servingConfig) {
  return {
    registry: () => cacheRegistry(deps.fs, root),
    servingConfig,
    load: async (name, planned) => {
      const dir = cachedBundleDir(root, name, planned.version);
      const served = await loadBundleVersion(deps, dir, { name, ...planned });
      const trained = served.loaded.training.name;
      if (trained !== name) {
        served.retire();
        throw new DataError(
          `${dir} holds a bundle of "${trained}", not of "${name}": fetch ${planned.tag} into it again.`
        );
      }
      return served;
    }
  };
}
function decodedName(entry) {
  try {
    const name = decodeURIComponent(entry);
    return isValidName(name) ? name : null;
  } catch {
    return null;
  }
}

// src/serve/jsonl-log.ts
import { appendFile, mkdir, rename, rm, stat } from "node:fs/promises";
import path2 from "node:path";
var FLUSH_BYTES = 1 << 20;
var MAX_BUFFERED_BYTES = 64 << 20;
function rotatedFile(file, n) {
  if (n === 0) return file;
  const ext = path2.extname(file);
  return `${file.slice(0, file.length - ext.length)}.${n}${ext}`;
}
function openJsonlLog(options) {
  const { file, maxBytes, keep } = options;
  const maxBuffered = options.maxBufferedBytes ?? MAX_BUFFERED_BYTES;
  let lines = [];
  let bufferedBytes = 0;
  let dropping = false;
  let size = null;
  let folder = null;
  let writing = null;
  let timer = null;
  async function rotate() {
    await rm(rotatedFile(file, keep), { force: true });
    for (let n = keep - 1; n >= 0; n--) {
      await rename(rotatedFile(file, n), rotatedFile(file, n + 1)).catch(ignoreMissing);
    }
    size = 0;
  }
  async function write(batch) {
    await (folder ??= mkdir(path2.dirname(file), { recursive: true }));
    size ??= await stat(file).then(
      (s) => s.size,
      () => 0
    );
    let chunk = "";
    let chunkBytes = 0;
    for (const line of batch) {
      const bytes = Buffer.byteLength(line);
      if (size + chunkBytes + bytes > maxBytes && size + chunkBytes > 0) {
        if (chunk) await appendFile(file, chunk);
        size += chunkBytes;
        chunk = "";
        chunkBytes = 0;
        await rotate();
      }
      chunk += line;
      chunkBytes += bytes;
    }
    if (chunk) await appendFile(file, chunk);
    size += chunkBytes;
  }
  async function drain() {
    while (lines.length > 0) {
      const batch = lines;
      lines = [];
      bufferedBytes = 0;
      await write(batch).catch((error) => {
        folder = null;
        size = null;
        options.onError(error);
      });
    }
    writing = null;
  }
  function flush() {
    if (timer) clearTimeout(timer);
    timer = null;
    writing ??= lines.length > 0 ? drain() : null;
    return writing ?? Promise.resolve();
  }
  return {
    append(records) {
      if (bufferedBytes >= maxBuffered) {
        if (!dropping) {
          options.onError(
            new Error(
              `${maxBuffered} bytes of lines are waiting for the disk: dropping lines until they are written`
            )
          );
        }
        dropping = true;
        return;
      }
      dropping = false;
      for (const record of records) {
        const line = `${JSON.stringify(record)}
`;
        lines.push(line);
        bufferedBytes += line.length;
      }
      if (writing) return;
      if (bufferedBytes >= FLUSH_BYTES) void flush();
      else if (!timer && lines.length > 0) {
        timer = setTimeout(() => void flush(), options.flushMs ?? 1e3);
        timer.unref();
      }
    },
    flush,
    close: flush
  };
}
function ignoreMissing(error) {
  if (error.code !== "ENOENT") throw error;
}

// src/serve/metrics.ts
var BUCKETS = [1e-3, 5e-3, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
var ServingMetrics = class {
  requests = /* @__PURE__ */ new Map();
  instances = /* @__PURE__ */ new Map();
  latency = /* @__PURE__ */ new Map();
  reloads = /* @__PURE__ */ new Map();
  logErrors = 0;
  inFlight = /* @__PURE__ */ new Map();
  /** Counts one answered request. */
  recordRequest(sample) {
    const { api, model, version, status } = sample;
    increment(this.requests, { api, model, version, status }, 1);
    if (sample.instances > 0) increment(this.instances, { model, version }, sample.instances);
    const key = JSON.stringify([api, model, version]);
    let histogram = this.latency.get(key);
    if (!histogram) {
      histogram = {
        labels: { api, model, version },
        counts: BUCKETS.map(() => 0),
        sum: 0,
        count: 0
      };
      this.latency.set(key, histogram);
    }
    BUCKETS.forEach((bound, i) => {
      if (sample.seconds <= bound) histogram.counts[i]++;
    });
    histogram.sum += sample.seconds;
    histogram.count++;
  }
  /** Requests answered so far, whatever their status. */
  requestCount() {
    return [...this.requests.values()].reduce((sum, entry) => sum + entry.value, 0);
  }
  /** Counts a reload by result: `loaded`, `unchanged` or `failed`. */
  recordReload(result) {
    increment(this.reloads, { result }, 1);
  }
  /** Counts a failed write of the prediction or feedback log. */
  recordLogError() {
    this.logErrors++;
  }
  /** Predict requests `api` (`rest`, `grpc`) is serving now. */
  setInFlight(api, count) {
    this.inFlight.set(api, count);
  }
  /** Predict requests being served now by every API: the count `max_in_flight` limits. */
  inFlightCount() {
    return [...this.inFlight.values()].reduce((sum, count) => sum + count, 0);
  }
  /** The exposition text, with the loaded versions read from `core` now. */
  render(core) {
    const loaded = [...core.set?.models.values() ?? []].flatMap(
      (model) => [...model.versions.values()].map((v) => ({
        labels: {
          model: v.name,
          version: v.version,
          stages: Object.entries(model.plan.stages).filter(([, version]) => version === v.version).map(([stage]) => stage).join(",")
        },
        value: 1
      }))
    );
    return [
      ...family(
        "mlops_requests_total",
        "counter",
        "Requests answered, by API, model, version and status.",
        [...this.requests.values()]
      ),
      ...family("mlops_instances_total", "counter", "Instances scored, by model and version.", [
        ...this.instances.values()
      ]),
      ...histogramFamily(
        "mlops_request_duration_seconds",
        "Time to answer a request, by API, model and version.",
        [...this.latency.values()]
      ),
      ...family(
        "mlops_model_version_loaded",
        "gauge",
        "Model versions loaded (1 each), with the stages they hold.",
        loaded
      ),
      ...family("mlops_models_loaded", "gauge", "Models served.", [
        { labels: {}, value: core.set?.models.size ?? 0 }
      ]),
      ...family("mlops_ready", "gauge", "1 once the models are loaded.", [
        { labels: {}, value: core.ready ? 1 : 0 }
      ]),
      ...family("mlops_in_flight_requests", "gauge", "Requests being served.", [
        { labels: {}, value: this.inFlightCount() }
      ]),
      ...family(
        "mlops_reloads_total",
        "counter",
        "Reload checks, by result (loaded, unchanged, failed).",
        [...this.reloads.values()]
      ),
      ...family(
        "mlops_log_write_errors_total",
        "counter",
        "Failed writes of the prediction or feedback log.",
        [{ labels: {}, value: this.logErrors }]
      ),
      ""
    ].join("\n");
  }
};
function increment(map, labels, by) {
  const key = JSON.stringify(labels);
  const entry = map.get(key);
  if (entry) entry.value += by;
  else map.set(key, { labels, value: by });
}
function family(name, type, help, samples) {
  return [
    `# HELP ${name} ${help}`,
    `# TYPE ${name} ${type}`,
    ...samples.map((s) => `${name}${labelText(s.labels)} ${s.value}`)
  ];
}
function histogramFamily(name, help, histograms) {
  return [
    `# HELP ${name} ${help}`,
    `# TYPE ${name} histogram`,
    ...histograms.flatMap((h) => [
      ...BUCKETS.map(
        (bound, i) => `${name}_bucket${labelText({ ...h.labels, le: String(bound) })} ${h.counts[i]}`
      ),
      `${name}_bucket${labelText({ ...h.labels, le: "+Inf" })} ${h.count}`,
      `${name}_sum${labelText(h.labels)} ${h.sum}`,
      `${name}_count${labelText(h.labels)} ${h.count}`
    ])
  ];
}
function labelText(labels) {
  const pairs = Object.entries(labels).map(([key, value]) => `${key}="${escapeLabel(value)}"`);
  return pairs.length > 0 ? `{${pairs.join(",")}}` : "";
}
function escapeLabel(value) {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

// src/serve/plan.ts
function planServing(state, serving, request) {
  const names = servedNames(state, serving, request.names);
  if (names.length === 0) {
    throw new UsageError(
      "no model to serve: the registry has no registered version; register one (`mlops register`) or name the models (`mlops serve NAME`)."
    );
  }
  return { models: names.map((name) => planModel(state, serving, name, request.stages)) };
}
function defaultRef(model, stages) {
  const stage = [...stages].reverse().find((s) => stageVersion(model, s) !== null);
  return stage ? `${model.name}#${stage}` : `${model.name}@latest`;
}
function planSignature(plan) {
  return JSON.stringify(plan);
}
function servedNames(state, serving, asked) {
  if (asked.length > 0) return [...new Set(asked)];
  const configured = Object.keys(serving.models);
  if (configured.length > 0) return configured;
  return state.models.filter((m) => m.latest !== null && !m.deprecated).map((m) => m.name);
}
function planModel(state, serving, name, stages) {
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
  const wanted = /* @__PURE__ */ new Set([
    ...routes.map((r) => r.version),
    ...Object.values(stageMap),
    model.latest
  ]);
  const versions = model.versions.filter((v) => wanted.has(v.version)).map((v) => ({ version: v.version, tag: versionTag(name, v.version), pin: bundlePin(v) }));
  return {
    name,
    versions,
    stages: stageMap,
    latest: model.latest,
    routes,
    salt: configured?.salt ?? name
  };
}

// src/serve/reloader.ts
var Reloader = class {
  constructor(options) {
    this.options = options;
  }
  options;
  timer = null;
  running = null;
  stopped = false;
  settings = null;
  /**
   * Reads the tags and serving.json and swaps in the set they plan when it changed. The first
   * load's errors are thrown (the server cannot start); later ones are logged and kept out.
   */
  reload() {
    this.running ??= this.reloadOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }
  /** Polls every `poll_seconds` of serving.json (read each time, so a change applies). */
  start() {
    this.stopped = false;
    this.schedule();
  }
  /** Stops polling and waits for a reload under way. */
  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => void 0);
  }
  schedule() {
    if (this.stopped) return;
    const seconds = this.settings?.poll_seconds ?? 30;
    this.timer = setTimeout(() => {
      void this.reload().catch(() => void 0).finally(() => this.schedule());
    }, seconds * 1e3);
    this.timer.unref();
  }
  async reloadOnce() {
    const { core, source, request, log, onReload } = this.options;
    const first = !core.ready;
    try {
      const [state, serving] = await Promise.all([source.registry(), source.servingConfig()]);
      this.noteSettings(serving.server, first);
      const plan = planServing(state, serving, request);
      const current = core.set;
      if (current && planSignature(plan) === planSignature(current.plan)) {
        onReload?.("unchanged");
        return "unchanged";
      }
      core.swap(await this.loadSet(plan, current));
      log.info(`serving ${describePlan(plan)}`);
      onReload?.("loaded");
      return "loaded";
    } catch (error) {
      onReload?.("failed");
      if (first) throw error;
      log.warn(`reload failed, still serving the previous models: ${errorMessage(error)}`);
      return "failed";
    }
  }
  /** The set `plan` describes: versions already loaded are kept, the others loaded in full. */
  async loadSet(plan, current) {
    const fresh = [];
    try {
      const models = /* @__PURE__ */ new Map();
      for (const model of plan.models) {
        const versions = /* @__PURE__ */ new Map();
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
      for (const version of fresh) version.retire();
      throw error;
    }
  }
  noteSettings(server, first) {
    const previous = this.settings;
    this.settings = server;
    if (first || !previous) return;
    const changed = Object.keys(server).filter(
      (key) => key !== "poll_seconds" && server[key] !== previous[key]
    );
    if (changed.length > 0) {
      this.options.log.warn(
        `serving.json: server.${changed.join(", server.")} changed; restart the server to apply (poll_seconds applies now)`
      );
    }
  }
};
function describePlan(plan) {
  return plan.models.map((model) => {
    const total = model.routes.reduce((sum, r) => sum + r.weight, 0);
    const routes = model.routes.map(
      (r) => `${r.ref} \u2192 v${r.version}${model.routes.length > 1 ? ` (${Math.round(r.weight / total * 1e3) / 10} %)` : ""}`
    ).join(", ");
    return `${model.name}: ${routes}; loaded v${model.versions.map((v) => v.version).join(", v")}`;
  }).join("; ");
}

// src/serve/serving-config.ts
var SERVING_FILE = "serving.json";
var MAX_SERVING_CHARACTERS = 1 << 16;
var MAX_QUOTED = 60;
var routeSchema = external_exports.object({
  /** A registry ref of this model: NAME#STAGE, NAME@vX.Y.Z or NAME@latest. */
  ref: external_exports.string().min(1).max(300),
  /** Relative share of the traffic; 0 keeps the version loaded (for pinned requests) but unrouted. */
  weight: external_exports.number().min(0).max(1e6)
}).strict();
var modelSchema = external_exports.object({
  routes: external_exports.array(routeSchema).min(1).max(32),
  /**
   * Mixed into the hash of each request key: changing it reshuffles which key lands on which
   * route (a new experiment); keeping it keeps every user on their route as weights change.
   */
  salt: external_exports.string().min(1).max(200).optional()
}).strict().superRefine((model, ctx) => {
  if (model.routes.every((route) => route.weight === 0)) {
    ctx.addIssue({
      code: "custom",
      path: ["routes"],
      message: "every weight is 0; give one route a weight above 0"
    });
  }
  const seen = /* @__PURE__ */ new Set();
  model.routes.forEach((route, index) => {
    if (seen.has(route.ref)) {
      ctx.addIssue({
        code: "custom",
        path: ["routes", index, "ref"],
        message: "the same ref is routed twice; merge their weights"
      });
    }
    seen.add(route.ref);
  });
});
var serverSchema = external_exports.object({
  /** How often the registry tags and serving.json are read again for a hot reload. */
  poll_seconds: external_exports.number().min(0.1).max(86400).default(30),
  /** Predict requests served at once; more get 503 with Retry-After. */
  max_in_flight: external_exports.int().min(1).max(1e5).default(64),
  /** A predict request still unanswered after this gets 504. */
  timeout_ms: external_exports.int().min(10).max(6e5).default(1e4),
  /** Largest request body; larger ones get 413. */
  max_body_bytes: external_exports.int().min(1024).max(256 * 1024 * 1024).default(4 * 1024 * 1024),
  /** Most instances in one predict request. */
  max_instances: external_exports.int().min(1).max(1e5).default(1e3),
  /** The prediction log (and the feedback log) rotates past this size. */
  log_max_bytes: external_exports.int().min(1024).max(1024 ** 4).default(64 * 1024 * 1024),
  /** Rotated log files kept besides the current one. */
  log_keep: external_exports.int().min(0).max(1e3).default(5)
}).strict();
var servingSchema = external_exports.object({
  $schema: external_exports.string().optional(),
  models: external_exports.record(external_exports.string(), modelSchema).default({}),
  server: serverSchema.default(() => serverSchema.parse({}))
}).strict().superRefine((serving, ctx) => {
  for (const [name, model] of Object.entries(serving.models)) {
    if (!isValidName(name)) {
      ctx.addIssue({
        code: "custom",
        path: ["models", name],
        message: 'not a model name (lower-case letters, digits, "-" and "/")'
      });
      continue;
    }
    model.routes.forEach((route, index) => {
      if (refModel(route.ref) !== name) {
        ctx.addIssue({
          code: "custom",
          path: ["models", name, "routes", index, "ref"],
          message: `expected a ref of ${name} (${name}#STAGE, ${name}@vX.Y.Z or ${name}@latest)`
        });
      }
    });
  }
});
var DEFAULT_SERVING = servingSchema.parse({});
function parseServingConfig(text, source) {
  if (text.length > MAX_SERVING_CHARACTERS) {
    throw new ConfigError(
      `${source}: ${text.length.toLocaleString("en-US")} characters; serving.json holds routes and limits and may have at most ${MAX_SERVING_CHARACTERS.toLocaleString("en-US")}.`
    );
  }
  let raw;
  try {
    raw = JSON.parse(text, (key, value) => {
      if (key === "__proto__") throw new SyntaxError('a "__proto__" field is not allowed');
      return value;
    });
  } catch (error) {
    throw new ConfigError(`${source}: not valid JSON (${error.message}).`);
  }
  const result = servingSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${fieldPath(issue)}: ${describeIssue(issue, raw)}`
  );
  throw new ConfigError(
    `${source} is not a valid serving config:
  ${problems.join("\n  ")}
See "Serving" in README.md.`
  );
}
function refModel(ref) {
  return ref.split(/[#@]/, 1)[0] ?? "";
}
function fieldPath(issue) {
  const keys = issue.code === "unrecognized_keys" ? [issue.keys[0] ?? ""] : [];
  const path4 = [...issue.path, ...keys].filter((p) => typeof p !== "symbol");
  if (path4.length === 0) return "(top level)";
  return path4.map((p, i) => typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${quotedKey(p)}`).join("");
}
function describeIssue(issue, raw) {
  if (issue.code === "unrecognized_keys") return "unknown field";
  if (issue.code === "invalid_type") {
    const value = valueAt(raw, issue.path);
    if (value === void 0) return `is required (expected ${issue.expected})`;
    return `expected ${issue.expected}, got ${describeValue(value)}`;
  }
  return issue.message;
}
function valueAt(raw, path4) {
  let value = raw;
  for (const key of path4) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return void 0;
    value = value[key];
  }
  return value;
}
function describeValue(value) {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  const text = JSON.stringify(value);
  return text.length <= MAX_QUOTED ? text : `a ${typeof value} of ${text.length} characters`;
}
function quotedKey(key) {
  return /^[\w/.-]{1,60}$/.test(key) ? key : JSON.stringify(key.slice(0, MAX_QUOTED));
}

// src/serve/server.ts
var DEFAULT_PORT = 8501;
function servingPaths(out) {
  return {
    bundles: path3.join(out, "serving", "bundles"),
    logs: path3.join(out, SERVING_LOGS_DIR)
  };
}
async function startServer(ctx, request) {
  const { deps } = ctx;
  const initial = await readServingConfig(deps.fs, request.serving);
  const settings = initial.server;
  const logDir = request.logDir ?? servingPaths(ctx.out).logs;
  const metrics = new ServingMetrics();
  const logs = openLogs(logDir, settings, metrics, (message) => app.log.warn(message));
  const core = new ServingCore({
    sink: { record: (records) => logs.predictions.append(records) },
    maxInstances: settings.max_instances
  });
  let accepting = true;
  const app = buildHttpApi({
    core,
    metrics,
    feedback: logs.feedback,
    settings,
    // JSON lines through the run's logger: quiet with --quiet, never a workflow command.
    log: { write: (line) => deps.log.info(line.trimEnd()), level: request.logLevel ?? "info" },
    accepting: () => accepting
  });
  const log = pinoLogger(app.log);
  const cacheDir = servingPaths(ctx.out).bundles;
  const servingConfig = () => readServingConfig(deps.fs, request.serving);
  const source = request.offline ? cacheSource(deps, cacheDir, servingConfig) : {
    registry: async () => replayTags(await deps.tags.list()),
    servingConfig,
    load: (name, planned) => loadCachedVersion({ ...deps, log }, cacheDir, name, planned)
  };
  const reloader = new Reloader({
    core,
    source,
    request: { names: request.names, stages: ctx.config.registry.stages },
    log,
    onReload: (result) => metrics.recordReload(result)
  });
  const address = await app.listen({ port: request.port, host: request.host });
  let grpc = null;
  try {
    if (request.grpcPort !== void 0) {
      const { startGrpcApi } = await import("./grpc-MSFYHDUO.js");
      grpc = await startGrpcApi({
        core,
        metrics,
        settings,
        log: app.log,
        host: request.host,
        port: request.grpcPort
      });
      log.info(`gRPC API listening at ${grpc.address}`);
    }
    const backend = await selectBackend(ctx.config.model.backend, deps.backend);
    log.info(`TensorFlow.js backend: ${backend.name}`);
    await reloader.reload();
  } catch (error) {
    await Promise.all([app.close(), grpc?.stop()]);
    throw error;
  }
  reloader.start();
  const port = app.server.address().port;
  return {
    url: address,
    port,
    grpcAddress: grpc?.address ?? null,
    core,
    reloader,
    metrics,
    logDir,
    async stop() {
      accepting = false;
      await reloader.stop();
      await Promise.all([app.close(), grpc?.stop()]);
      await Promise.all([logs.predictions.close(), logs.feedback.close()]);
      const models = [...core.set?.models.keys() ?? []];
      core.close();
      log.info(`stopped; logs flushed to ${logDir}`);
      return { url: address, models, requests: metrics.requestCount(), logDir };
    }
  };
}
async function runServe(ctx, request) {
  const server = await startServer(ctx, request);
  await new Promise((resolve) => {
    const stop = () => {
      process.off("SIGTERM", stop);
      process.off("SIGINT", stop);
      resolve();
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
  });
  return server.stop();
}
async function readServingConfig(fs, serving) {
  if (!await fs.exists(serving.file)) {
    if (serving.required) throw new UsageError(`--serving ${serving.file}: not found.`);
    return DEFAULT_SERVING;
  }
  return parseServingConfig(await fs.readText(serving.file), path3.basename(serving.file));
}
function serveRequest(ctx, args) {
  return {
    names: args.models ?? [],
    port: parsePort("--port", args.port ?? String(DEFAULT_PORT)),
    host: args.host ?? "127.0.0.1",
    ...args.grpcPort === void 0 ? {} : { grpcPort: parsePort("--grpc-port", args.grpcPort) },
    // serving.json beside mlops.yml is optional; one named on the command line must exist.
    serving: args.serving ? { file: args.serving, required: true } : { file: path3.join(ctx.baseDir, SERVING_FILE), required: false },
    ...args.logDir ? { logDir: args.logDir } : {},
    ...args.offline ? { offline: true } : {}
  };
}
function parsePort(flag, text) {
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text) || port > 65535) {
    throw new UsageError(`${flag}: expected a port number from 0 to 65535, got "${text}"`);
  }
  return port;
}
function openLogs(dir, settings, metrics, warn) {
  const open = (name) => openJsonlLog({
    file: path3.join(dir, name),
    maxBytes: settings.log_max_bytes,
    keep: settings.log_keep,
    onError: (error) => {
      metrics.recordLogError();
      warn(`could not write ${name}: ${errorMessage(error)}`);
    }
  });
  return { predictions: open("predictions.jsonl"), feedback: open("feedback.jsonl") };
}
function pinoLogger(pino) {
  return {
    info: (message) => pino.info(message),
    warn: (message) => pino.warn(message),
    annotate: (finding) => pino.warn({ file: finding.file, title: finding.title }, finding.message),
    group: (name, fn) => {
      pino.info(name);
      return fn();
    }
  };
}
export {
  readServingConfig,
  runServe,
  serveRequest,
  servingPaths,
  startServer
};
