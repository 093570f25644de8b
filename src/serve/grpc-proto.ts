/**
 * The .proto of the gRPC API, shipped with the package in `proto/` (package.json `files`) and read
 * at run time: two folders up from src/serve (a checkout, tsx, Jest), or from dist/cli (the built
 * CLI) and dist/cli/chunks (where its shared chunks go), three.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadSync, type PackageDefinition } from '@grpc/proto-loader';

/** The proto file, from the package root. */
export const SERVING_PROTO = 'proto/mlops/serving/v1/prediction_service.proto';
/** The proto package its services are in. */
export const PROTO_PACKAGE = 'mlops.serving.v1';

/** The path of the shipped .proto; an Error saying where it looked when it is missing. */
export function servingProtoFile(): string {
  const candidates = ['../../', '../../../'].map((up) =>
    fileURLToPath(new URL(up + SERVING_PROTO, import.meta.url)),
  );
  const found = candidates.find((file) => existsSync(file));
  if (!found) {
    throw new Error(
      `the gRPC API's ${SERVING_PROTO} is missing (looked in ${candidates.join(', ')}); reinstall mlops-actions`,
    );
  }
  return found;
}

/**
 * The services and messages of the .proto, decoded as the handlers read them: field names as
 * written (`model_spec`), no defaults for absent fields, and `version_choice` naming the oneof's
 * field that is set.
 */
export function loadServingProto(): PackageDefinition {
  return loadSync(servingProtoFile(), {
    keepCase: true,
    defaults: false,
    oneofs: true,
    enums: String,
  });
}
