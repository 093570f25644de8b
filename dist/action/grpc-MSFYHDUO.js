import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  KEY_HEADER,
  MAX_KEY_LENGTH,
  PLAIN_ID,
  REQUEST_ID_HEADER,
  modelMetadata,
  modelStatus
} from "./chunk-XGVC75UK.js";
import {
  InvalidRequest,
  NotReady,
  NotServed
} from "./chunk-37BCTND2.js";
import "./chunk-2QIFYXR3.js";
import "./chunk-P7KZO3SM.js";
import "./chunk-YKFMZJAV.js";
import "./chunk-DIFF2PC7.js";
import "./chunk-D54MHMCS.js";
import "./chunk-A4DXW22P.js";
import "./chunk-VP4QO2CL.js";
import "./chunk-4IF2AV7F.js";
import "./chunk-AIUCNH7N.js";
import "./chunk-XU32KRXS.js";
import "./chunk-NM5J5SUB.js";
import "./chunk-N5O7Y2C6.js";
import "./chunk-5ZRYL5NC.js";

// src/serve/grpc.ts
import { randomUUID } from "node:crypto";
import {
  Metadata,
  Server,
  ServerCredentials,
  status as Status
} from "@grpc/grpc-js";

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
    stop: (graceMs = settings.timeout_ms) => new Promise((resolve) => {
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
