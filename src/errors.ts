/**
 * Named errors. Each message says what was wrong, where, and what to do; `exitCode` is what the
 * CLI exits with (2 for usage, config and data errors, 1 for a failed check).
 */
export class MlopsError extends Error {
  readonly exitCode: number = 2;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad command-line usage or action input. */
export class UsageError extends MlopsError {}

/** mlops.yml (or a flag standing for it) is invalid; the message names file:line:column and field. */
export class ConfigError extends MlopsError {}

/** Input data cannot be read or used; the message names file:line. */
export class DataError extends MlopsError {}

/** A registry operation would overwrite or contradict what the registry already holds. */
export class RegistryConflict extends MlopsError {}

/**
 * A commit already carries a registered version of the model (GTO's `VersionExistsForCommit`):
 * stage tags name commits, so a second version there would make them ambiguous.
 */
export class VersionExistsForCommit extends RegistryConflict {
  /** `existing`: the version the commit already carries. */
  constructor(
    message: string,
    readonly existing: string,
  ) {
    super(message);
  }
}

/** The exit code of a run whose checks failed (an ERROR anomaly, a NOT_BLESSED gate). */
export const CHECK_FAILED_EXIT_CODE = 1;

/** A check failed: a gate is NOT_BLESSED or an anomaly of severity ERROR was found. */
export class CheckFailure extends MlopsError {
  override readonly exitCode = CHECK_FAILED_EXIT_CODE;
}

/** A model was NOT_BLESSED by its gates, so it may not be registered (DESIGN.md's GateFailure). */
export class GateFailure extends CheckFailure {}

/**
 * The token may not write where it was asked to (a fork PR's read-only GITHUB_TOKEN, a missing
 * `permissions:` entry): callers that can fall back (the job summary) catch this class.
 */
export class PermissionDenied extends MlopsError {}

/**
 * A downloaded asset does not hash to what its release lists: it was changed after publishing.
 * Never fallen back from: a baseline or deploy must not run on bytes nobody registered.
 */
export class ChecksumMismatch extends MlopsError {}

/**
 * The operating system refused a read or write: a full disk, no permission, a read-only file
 * system, too many open files. The message names the file and what to do; exit code 2, no stack.
 */
export class FileSystemError extends MlopsError {}
