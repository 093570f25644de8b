import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  KEY_HEADER,
  MAX_KEY_LENGTH,
  PLAIN_ID,
  REQUEST_ID_HEADER,
  modelMetadata,
  modelStatus
} from "./chunk-GYPS2ZHZ.js";
import {
  InvalidRequest,
  NotReady,
  NotServed
} from "./chunk-BR5RGRYM.js";
import "./chunk-UR326N5E.js";
import "./chunk-KX5X2Y5F.js";
import "./chunk-MBINXEGZ.js";
import "./chunk-HLR62EQG.js";
import "./chunk-D54MHMCS.js";
import "./chunk-A4DXW22P.js";
import "./chunk-6N7CCY5D.js";
import "./chunk-QXT2EVHB.js";
import "./chunk-AIUCNH7N.js";
import "./chunk-XU32KRXS.js";
import "./chunk-NM5J5SUB.js";
import "./chunk-N5O7Y2C6.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-5ZRYL5NC.js";

// node_modules/grpc-health-check/build/src/health.js
var require_health = __commonJS({
  "node_modules/grpc-health-check/build/src/health.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.protoPath = exports.HealthImplementation = exports.service = void 0;
    var path = __require("path");
    var proto_loader_1 = __require("@grpc/proto-loader");
    var loadedProto = (0, proto_loader_1.loadSync)("health/v1/health.proto", {
      keepCase: true,
      longs: String,
      enums: String,
      defaults: true,
      oneofs: true,
      includeDirs: [`${__bundleDirname}/../../proto`]
    });
    exports.service = loadedProto["grpc.health.v1.Health"];
    var GRPC_STATUS_NOT_FOUND = 5;
    var GRPC_STATUS_RESOURCE_EXHAUSTED = 8;
    var RESOURCE_EXHAUSTION_LIMIT = 100;
    var HealthImplementation2 = class {
      constructor(initialStatusMap) {
        this.statusMap = /* @__PURE__ */ new Map();
        this.watchers = /* @__PURE__ */ new Map();
        if (initialStatusMap) {
          for (const [serviceName, status2] of Object.entries(initialStatusMap)) {
            this.statusMap.set(serviceName, status2);
          }
        }
      }
      setStatus(service2, status2) {
        var _a;
        this.statusMap.set(service2, status2);
        for (const watcher of (_a = this.watchers.get(service2)) !== null && _a !== void 0 ? _a : []) {
          watcher(status2);
        }
      }
      addWatcher(service2, watcher) {
        const existingWatcherSet = this.watchers.get(service2);
        if (existingWatcherSet) {
          existingWatcherSet.add(watcher);
        } else {
          const newWatcherSet = /* @__PURE__ */ new Set();
          newWatcherSet.add(watcher);
          this.watchers.set(service2, newWatcherSet);
        }
      }
      removeWatcher(service2, watcher) {
        var _a;
        (_a = this.watchers.get(service2)) === null || _a === void 0 ? void 0 : _a.delete(watcher);
      }
      addToServer(server) {
        server.addService(exports.service, {
          check: (call, callback) => {
            const serviceName = call.request.service;
            const status2 = this.statusMap.get(serviceName);
            if (status2) {
              callback(null, { status: status2 });
            } else {
              callback({ code: GRPC_STATUS_NOT_FOUND, details: `Health status unknown for service ${serviceName}` });
            }
          },
          watch: (call) => {
            const serviceName = call.request.service;
            const statusWatcher = (status2) => {
              call.write({ status: status2 });
            };
            this.addWatcher(serviceName, statusWatcher);
            call.on("cancelled", () => {
              this.removeWatcher(serviceName, statusWatcher);
            });
            const currentStatus = this.statusMap.get(serviceName);
            if (currentStatus) {
              call.write({ status: currentStatus });
            } else {
              call.write({ status: "SERVICE_UNKNOWN" });
            }
          },
          list: (_call, callback) => {
            const statuses = {};
            let serviceCount = 0;
            for (const [serviceName, status2] of this.statusMap.entries()) {
              if (serviceCount >= RESOURCE_EXHAUSTION_LIMIT) {
                const error = {
                  code: GRPC_STATUS_RESOURCE_EXHAUSTED,
                  details: "Too many services to list."
                };
                callback(error, null);
                return;
              }
              statuses[serviceName] = { status: status2 };
              serviceCount++;
            }
            callback(null, { statuses });
          }
        });
      }
    };
    exports.HealthImplementation = HealthImplementation2;
    exports.protoPath = path.resolve(__bundleDirname, "../../proto/health/v1/health.proto");
  }
});

// src/serve/grpc.ts
import { randomUUID } from "node:crypto";
import {
  Metadata,
  Server,
  ServerCredentials,
  status as Status
} from "@grpc/grpc-js";

// src/serve/grpc-health.ts
var import_grpc_health_check = __toESM(require_health(), 1);
var ServingHealth = class {
  /** `services`: the full names of the API's services, reported like the server as a whole. */
  constructor(services) {
    this.services = services;
  }
  services;
  health = new import_grpc_health_check.HealthImplementation();
  /** The status each name was last given, so a watcher hears of changes only. */
  statuses = /* @__PURE__ */ new Map();
  /** Every model ever served (a model name has no `.`, so none is taken for a service). */
  models = /* @__PURE__ */ new Set();
  watches = /* @__PURE__ */ new Set();
  /** Set by shutdown: the ended Watch streams must not be written to again. */
  stopped = false;
  /** Adds the health service to `server`, keeping each Watch stream so a stop can end it. */
  addTo(server) {
    this.health.addToServer({
      addService: (service2, implementation) => {
        const watch = implementation.watch;
        server.addService(service2, {
          ...implementation,
          watch: (call) => {
            this.watches.add(call);
            call.on("cancelled", () => this.watches.delete(call));
            watch(call);
          }
        });
      }
    });
  }
  /** SERVING for the server, its services and the `served` models; NOT_SERVING for all on null. */
  update(served) {
    if (this.stopped) return;
    const overall = served === null ? "NOT_SERVING" : "SERVING";
    for (const name of ["", ...this.services]) this.set(name, overall);
    const now = new Set(served);
    for (const name of now) this.models.add(name);
    for (const name of this.models) this.set(name, now.has(name) ? "SERVING" : "NOT_SERVING");
  }
  /** Everything NOT_SERVING, told to every watcher, whose stream then ends. */
  shutdown() {
    this.update(null);
    this.stopped = true;
    for (const call of this.watches) call.end();
    this.watches.clear();
  }
  set(name, status2) {
    if (this.statuses.get(name) === status2) return;
    this.statuses.set(name, status2);
    this.health.setStatus(name, status2);
  }
};

// src/serve/grpc-proto.ts
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadSync } from "@grpc/proto-loader";
var SERVING_PROTO = "proto/mlops/serving/v1/prediction_service.proto";
var PROTO_PACKAGE = "mlops.serving.v1";
function servingProtoFile() {
  const candidates = ["../../", "../../../"].map(
    (up) => fileURLToPath(new URL(up + SERVING_PROTO, import.meta.url))
  );
  const found = candidates.find((file) => existsSync(file));
  if (!found) {
    throw new Error(
      `the gRPC API's ${SERVING_PROTO} is missing (looked in ${candidates.join(", ")}); reinstall mlops-actions`
    );
  }
  return found;
}
function loadServingProto() {
  return loadSync(servingProtoFile(), {
    keepCase: true,
    defaults: false,
    oneofs: true,
    enums: String
  });
}

// src/serve/grpc-struct.ts
function structToJson(struct) {
  return Object.fromEntries(
    Object.entries(struct?.fields ?? {}).map(([key, value]) => [key, valueToJson(value)])
  );
}
function jsonToStruct(object) {
  const fields = Object.entries(object).filter(([, value]) => value !== void 0).map(([key, value]) => [key, jsonToValue(value)]);
  return { fields: Object.fromEntries(fields) };
}
function valueToJson(value) {
  switch (value.kind) {
    case "numberValue":
      return value.numberValue ?? 0;
    case "stringValue":
      return value.stringValue ?? "";
    case "boolValue":
      return value.boolValue ?? false;
    case "structValue":
      return structToJson(value.structValue);
    case "listValue":
      return (value.listValue?.values ?? []).map(valueToJson);
    // A null, or a Value with no kind set: no value, as JSON's null.
    default:
      return null;
  }
}
function jsonToValue(value) {
  if (value === null) return { nullValue: "NULL_VALUE" };
  if (typeof value === "number") return { numberValue: value };
  if (typeof value === "string") return { stringValue: value };
  if (typeof value === "boolean") return { boolValue: value };
  if (Array.isArray(value)) return { listValue: { values: value.map(jsonToValue) } };
  if (typeof value === "object") {
    return { structValue: jsonToStruct(value) };
  }
  throw new TypeError(`no google.protobuf.Value for a ${typeof value}`);
}

// src/serve/grpc.ts
var INSTANCE_TRAILER = "x-mlops-instance";
var FIELD_TRAILER = "x-mlops-field-bin";
var SERVER_TROUBLE = /* @__PURE__ */ new Set([
  Status.INTERNAL,
  Status.UNAVAILABLE,
  Status.DEADLINE_EXCEEDED,
  Status.RESOURCE_EXHAUSTED
]);
async function startGrpcApi(options) {
  const { settings } = options;
  const proto = loadServingProto();
  const server = new Server({
    // Larger requests are refused with RESOURCE_EXHAUSTED before a handler runs.
    "grpc.max_receive_message_length": settings.max_body_bytes
  });
  const calls = new UnaryCalls(options);
  server.addService(service(proto, "PredictionService"), {
    Predict: calls.handler(
      "Predict",
      { limited: true },
      (call, record) => predict(options.core, call, record)
    ),
    GetModelMetadata: calls.handler(
      "GetModelMetadata",
      { limited: false },
      (call) => metadata(options.core, call.request.model_spec)
    )
  });
  server.addService(service(proto, "ModelService"), {
    GetModelStatus: calls.handler(
      "GetModelStatus",
      { limited: false },
      (call) => status(options.core, call.request.model_spec)
    )
  });
  const health = new ServingHealth(
    ["PredictionService", "ModelService"].map((name) => `${PROTO_PACKAGE}.${name}`)
  );
  health.addTo(server);
  const refreshHealth = () => {
    const { core, accepting } = options;
    health.update(accepting() && core.set ? [...core.set.models.keys()] : null);
  };
  refreshHealth();
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  const port = await new Promise(
    (resolve, reject) => server.bindAsync(
      `${host}:${options.port}`,
      ServerCredentials.createInsecure(),
      (error, bound) => error ? reject(error) : resolve(bound)
    )
  );
  return {
    address: `${host}:${port}`,
    port,
    refreshHealth,
    stop: (graceMs = settings.timeout_ms) => new Promise((resolve) => {
      health.shutdown();
      const force = setTimeout(() => server.forceShutdown(), graceMs);
      server.tryShutdown(() => {
        clearTimeout(force);
        resolve();
      });
    })
  };
}
function service(proto, name) {
  return proto[`${PROTO_PACKAGE}.${name}`];
}
async function predict(core, call, record) {
  const { name, selector } = target(call.request.model_spec);
  const key = requestKey(call);
  const resolved = core.resolve(name, selector, key ?? record.requestId);
  record.model = resolved.served.name;
  record.version = resolved.served.version;
  const instances = (call.request.instances ?? []).map(structToJson);
  const result = await core.score(resolved, instances, { requestId: record.requestId });
  record.instances = result.predictions.length;
  return {
    predictions: result.predictions.map(jsonToStruct),
    model_spec: { name: result.model, version: result.version },
    route: result.route ?? "",
    request_id: result.requestId
  };
}
async function metadata(core, spec) {
  const { name, selector } = target(spec);
  const answer = modelMetadata(core, core.model(name), pinnedVersion(core, name, selector));
  const { tag, ...modelSpec } = answer.model_spec;
  return { model_spec: modelSpec, tag, metadata: jsonToStruct(answer.metadata) };
}
async function status(core, spec) {
  const { name, selector } = target(spec);
  return modelStatus(core.model(name), pinnedVersion(core, name, selector));
}
function target(spec) {
  if (!spec?.name) throw new InvalidRequest("model_spec.name", "missing; name the model to use");
  const selector = spec.version_choice === "version" && spec.version ? { version: spec.version } : spec.version_choice === "version_label" && spec.version_label ? { stage: spec.version_label } : null;
  return { name: spec.name, selector };
}
function pinnedVersion(core, name, selector) {
  return selector === null ? void 0 : core.resolve(name, selector, "").served.version;
}
function requestKey(call) {
  const [sent] = call.metadata.get(KEY_HEADER);
  const key = typeof sent === "string" && sent !== "" ? sent : call.request.key || null;
  if (key !== null && key.length > MAX_KEY_LENGTH) {
    throw new InvalidRequest("key", `expected at most ${MAX_KEY_LENGTH} characters`);
  }
  return key;
}
function requestIdOf(metadata2) {
  const [sent] = metadata2.get(REQUEST_ID_HEADER);
  return typeof sent === "string" && PLAIN_ID.test(sent) ? sent : randomUUID();
}
var UnaryCalls = class {
  constructor(options) {
    this.options = options;
  }
  options;
  inFlight = 0;
  /** A handler answering with what `run` returns, or the status of what it throws. */
  handler(method, { limited }, run) {
    const { metrics, settings } = this.options;
    return (call, callback) => {
      const started = performance.now();
      const record = {
        requestId: requestIdOf(call.metadata),
        model: "",
        version: "",
        instances: 0
      };
      const headers = new Metadata();
      headers.set(REQUEST_ID_HEADER, record.requestId);
      call.sendMetadata(headers);
      const end = (ending, response) => {
        if (ending.code === Status.OK) callback(null, response);
        else callback(ending);
        this.record(method, limited, record, ending, performance.now() - started);
      };
      if (limited && metrics.inFlightCount() >= settings.max_in_flight) {
        end({
          code: Status.RESOURCE_EXHAUSTED,
          details: `over ${settings.max_in_flight} requests in flight; retry shortly`
        });
        return;
      }
      if (limited) this.enter();
      let answered = false;
      const answer = (ending, response) => {
        if (answered) return;
        answered = true;
        clearTimeout(timer);
        if (limited) this.leave();
        end(ending, response);
      };
      const { ms, byClient } = budget(call, settings.timeout_ms);
      const timer = setTimeout(
        () => answer({
          code: Status.DEADLINE_EXCEEDED,
          details: byClient ? "the call's deadline passed before an answer" : `no answer within ${settings.timeout_ms} ms (server.timeout_ms)`
        }),
        ms
      );
      call.on(
        "cancelled",
        () => answer({
          code: Date.now() >= deadlineOf(call) ? Status.DEADLINE_EXCEEDED : Status.CANCELLED,
          details: "cancelled by the client"
        })
      );
      run(call, record).then(
        (response) => answer({ code: Status.OK, details: "OK" }, response),
        (error) => answer(this.ending(error, method, record))
      );
    };
  }
  enter() {
    this.inFlight++;
    this.options.metrics.setInFlight("grpc", this.inFlight);
  }
  leave() {
    this.inFlight--;
    this.options.metrics.setInFlight("grpc", this.inFlight);
  }
  /** The status an error is answered with; internals are never echoed. */
  ending(error, method, record) {
    if (error instanceof InvalidRequest) {
      const metadata2 = new Metadata();
      if (error.index !== void 0) metadata2.set(INSTANCE_TRAILER, String(error.index));
      if (error.field !== void 0) metadata2.set(FIELD_TRAILER, Buffer.from(error.field));
      return { code: Status.INVALID_ARGUMENT, details: error.message, metadata: metadata2 };
    }
    if (error instanceof NotServed) return { code: Status.NOT_FOUND, details: error.message };
    if (error instanceof NotReady) return { code: Status.UNAVAILABLE, details: error.message };
    this.options.log.error({ err: error, method, reqId: record.requestId }, "internal error");
    return { code: Status.INTERNAL, details: "internal error; see the server log" };
  }
  record(method, limited, record, ending, ms) {
    const statusName = Status[ending.code];
    const { requestId, ...served } = record;
    if (limited) {
      this.options.metrics.recordRequest({
        api: "grpc",
        ...served,
        status: statusName,
        seconds: ms / 1e3
      });
    }
    const line = {
      api: "grpc",
      method,
      reqId: requestId,
      status: statusName,
      ms: Math.round(ms),
      ...served
    };
    const { log } = this.options;
    if (SERVER_TROUBLE.has(ending.code)) log.warn(line, "request failed");
    else if (ending.code !== Status.OK) log.info(line, "request refused");
    else log.debug(line, "request served");
  }
};
function deadlineOf(call) {
  const deadline = call.getDeadline();
  return deadline instanceof Date ? deadline.getTime() : deadline;
}
function budget(call, timeoutMs) {
  const left = deadlineOf(call) - Date.now();
  return left < timeoutMs ? { ms: Math.max(0, left), byClient: true } : { ms: timeoutMs, byClient: false };
}
export {
  FIELD_TRAILER,
  INSTANCE_TRAILER,
  startGrpcApi
};
