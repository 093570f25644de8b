import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);

// src/errors.ts
var MlopsError = class extends Error {
  exitCode = 2;
  constructor(message) {
    super(message);
    this.name = new.target.name;
  }
};
var UsageError = class extends MlopsError {
};
var ConfigError = class extends MlopsError {
};
var DataError = class extends MlopsError {
};
var RegistryConflict = class extends MlopsError {
};
var VersionExistsForCommit = class extends RegistryConflict {
  /** `existing`: the version the commit already carries. */
  constructor(message, existing) {
    super(message);
    this.existing = existing;
  }
  existing;
};
var CHECK_FAILED_EXIT_CODE = 1;
var CheckFailure = class extends MlopsError {
  exitCode = CHECK_FAILED_EXIT_CODE;
};
var GateFailure = class extends CheckFailure {
};
var PermissionDenied = class extends MlopsError {
};
var ChecksumMismatch = class extends MlopsError {
};
var FileSystemError = class extends MlopsError {
};

export {
  MlopsError,
  UsageError,
  ConfigError,
  DataError,
  RegistryConflict,
  VersionExistsForCommit,
  GateFailure,
  PermissionDenied,
  ChecksumMismatch,
  FileSystemError
};
