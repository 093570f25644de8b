/**
 * google.protobuf.Struct and Value, as @grpc/proto-loader decodes them (`{fields: {age:
 * {numberValue: 41, kind: 'numberValue'}}}`), to plain JSON values and back: the gRPC API takes
 * and answers the same JSON-like objects as the REST API. Decoded messages are hostile; their
 * depth is already bounded by protobufjs's recursion limit.
 */

/** A google.protobuf.Value as decoded with `oneofs: true` (`kind` names the field that is set). */
export interface ProtoValue {
  kind?: string;
  nullValue?: unknown;
  numberValue?: number;
  stringValue?: string;
  boolValue?: boolean;
  structValue?: ProtoStruct;
  listValue?: { values?: ProtoValue[] };
}

/** A google.protobuf.Struct as decoded: a map of Values. */
export interface ProtoStruct {
  fields?: Record<string, ProtoValue>;
}

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * The plain object a Struct stands for. Its keys become own keys (`__proto__` included, then
 * refused as an unknown field like any other), never the object's prototype.
 */
export function structToJson(struct: ProtoStruct | null | undefined): Record<string, Json> {
  return Object.fromEntries(
    Object.entries(struct?.fields ?? {}).map(([key, value]) => [key, valueToJson(value)]),
  );
}

/**
 * The Struct of a plain object (a prediction, the model metadata). Keys are hostile (a class
 * label): each becomes an own key, `__proto__` too.
 */
export function jsonToStruct(object: Readonly<Record<string, unknown>>): ProtoStruct {
  const fields = Object.entries(object)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => [key, jsonToValue(value)] as const);
  return { fields: Object.fromEntries(fields) };
}

function valueToJson(value: ProtoValue): Json {
  switch (value.kind) {
    case 'numberValue':
      return value.numberValue ?? 0;
    case 'stringValue':
      return value.stringValue ?? '';
    case 'boolValue':
      return value.boolValue ?? false;
    case 'structValue':
      return structToJson(value.structValue);
    case 'listValue':
      return (value.listValue?.values ?? []).map(valueToJson);
    // A null, or a Value with no kind set: no value, as JSON's null.
    default:
      return null;
  }
}

function jsonToValue(value: unknown): ProtoValue {
  if (value === null) return { nullValue: 'NULL_VALUE' };
  if (typeof value === 'number') return { numberValue: value };
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (Array.isArray(value)) return { listValue: { values: value.map(jsonToValue) } };
  if (typeof value === 'object') {
    return { structValue: jsonToStruct(value as Record<string, unknown>) };
  }
  throw new TypeError(`no google.protobuf.Value for a ${typeof value}`);
}
