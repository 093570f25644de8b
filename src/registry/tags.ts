/**
 * The GTO tag grammar (see DESIGN.md, "Formats users see"): parse and format the git tag names
 * that make up the model registry, so GTO and this reader agree on every tag.
 */
import semver from 'semver';
import { UsageError } from '../errors.js';

/** One registry event encoded in a tag name; `counter` is the trailing `#N`, null when absent. */
export type RegistryTag =
  | { kind: 'version'; name: string; version: string; counter: number | null }
  | { kind: 'deregister'; name: string; version: string; counter: number | null }
  | { kind: 'deprecate'; name: string; counter: number | null }
  | { kind: 'assign'; name: string; stage: string; counter: number | null }
  | { kind: 'unassign'; name: string; stage: string; counter: number | null };

/**
 * The highest tag counter and version number (major, minor, patch) the registry reads: far above
 * any real count, so only a hand-made tag exceeds it, and far below Number.MAX_SAFE_INTEGER, so
 * the next counter or bump is always exact. A tag above it is not a registry tag.
 */
export const MAX_TAG_NUMBER = 999_999_999;
/**
 * The longest model or stage name a config may set: the longest tag two of them form,
 * `NAME#STAGE!#999999999`, stays under the 255 bytes a file name may have (git keeps refs as files).
 */
export const MAX_NAME_LENGTH = 100;
/** The most bytes one `/`-separated part of a ref may have: a file name on common file systems. */
const MAX_REF_PART_BYTES = 255;

const NAME = '[a-z0-9](?:[a-z0-9/-]*[a-z0-9])?';
// GTO writes a model kept in a sub-folder as `DIR=NAME`; the prefix is part of the name.
const FULL_NAME = `(?:[a-z0-9_./-]+=)?${NAME}`;
const NAME_RE = new RegExp(`^${NAME}$`);
const FULL_NAME_RE = new RegExp(`^${FULL_NAME}$`);
// The semver part is checked by the semver package; the pattern only has to isolate it.
const TAG_RE = new RegExp(
  `^(?<name>${FULL_NAME})` +
    `(?:(?:#(?<stage>${NAME})|@v(?<version>[0-9][0-9A-Za-z.+-]*))(?<cancel>!?)|@(?<deprecated>deprecated))` +
    `(?:#(?<counter>[0-9]+))?$`,
);

/**
 * True when `text` is a valid model or stage name: `[a-z0-9]([a-z0-9/-]*[a-z0-9])?` (GTO's
 * grammar) that git also accepts in a tag (so no `//`).
 */
export function isValidName(text: string): boolean {
  return NAME_RE.test(text) && refFormatProblem(`refs/tags/${text}`) === null;
}

/**
 * Why `text` cannot be a model or stage name set in mlops.yml, or null when it can: the tag
 * grammar, git's ref-name rules, and at most MAX_NAME_LENGTH characters.
 */
export function nameProblem(text: string): string | null {
  if (!NAME_RE.test(text)) {
    return (
      'use lower-case letters, digits, "-" and "/", starting and ending with a letter or digit ' +
      '(like "income" or "churn-v2")'
    );
  }
  const refProblem = refFormatProblem(`refs/tags/${text}`);
  if (refProblem) return `git refuses it in a tag name: it ${refProblem}`;
  if (text.length > MAX_NAME_LENGTH) {
    return `it has ${text.length} characters; at most ${MAX_NAME_LENGTH} fit in the tags it names`;
  }
  return null;
}

/**
 * Why git refuses `ref` (a full name like `refs/tags/x`) by `git check-ref-format`'s rules, or null
 * when it accepts it.
 */
export function refFormatProblem(ref: string): string | null {
  if (ref === '@') return 'is "@" alone';
  // Control characters are what git forbids, so the pattern names them.
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(ref)) {
    return 'contains a space, a control character or one of ~ ^ : ? * [ \\';
  }
  if (ref.includes('..')) return 'contains ".."';
  if (ref.includes('@{')) return 'contains "@{"';
  if (ref.startsWith('/') || ref.endsWith('/') || ref.includes('//')) {
    return 'has an empty part between slashes (a leading, trailing or doubled "/")';
  }
  if (ref.endsWith('.')) return 'ends with "."';
  const part = ref.split('/').find((p) => p.startsWith('.') || p.endsWith('.lock'));
  if (part !== undefined) return `has a part starting with "." or ending with ".lock" ("${part}")`;
  return null;
}

/** True when `text` is a full SemVer 2.0 version written canonically, without a leading `v`. */
export function isValidVersion(text: string): boolean {
  const parsed = semver.parse(text);
  return (
    parsed !== null &&
    parsed.raw === text &&
    /^[0-9]/.test(text) &&
    [parsed.major, parsed.minor, parsed.patch].every((n) => n <= MAX_TAG_NUMBER)
  );
}

/** Parse a tag name into a registry event, or null when the tag is not part of the registry. */
export function parseTag(tag: string): RegistryTag | null {
  const parsed = matchTag(tag);
  return parsed && outOfBounds(parsed) === null ? parsed : null;
}

/**
 * Why a tag written in the registry grammar is not read as a registry event (a counter or version
 * number above MAX_TAG_NUMBER, so it was made by hand), or null when it is read or is no such tag.
 */
export function ignoredTagReason(tag: string): string | null {
  const parsed = matchTag(tag);
  return parsed && outOfBounds(parsed);
}

// The grammar alone, before the bounds: `parseTag` and `ignoredTagReason` decide on its result.
function matchTag(tag: string): RegistryTag | null {
  const groups = TAG_RE.exec(tag)?.groups;
  if (!groups?.name) return null;
  const name = groups.name;
  const counter = groups.counter === undefined ? null : Number(groups.counter);
  const cancelled = groups.cancel === '!';
  if (groups.deprecated) return { kind: 'deprecate', name, counter };
  if (groups.stage) {
    return { kind: cancelled ? 'unassign' : 'assign', name, stage: groups.stage, counter };
  }
  const version = groups.version ?? '';
  const parsed = semver.parse(version);
  if (parsed === null || parsed.raw !== version) return null;
  return { kind: cancelled ? 'deregister' : 'version', name, version, counter };
}

function outOfBounds(parsed: RegistryTag): string | null {
  if (parsed.counter !== null && parsed.counter > MAX_TAG_NUMBER) {
    return `its counter is above ${formatBound()}, more events than any registry records`;
  }
  if ('version' in parsed && !isValidVersion(parsed.version)) {
    return `a number of its version is above ${formatBound()}`;
  }
  return null;
}

function formatBound(): string {
  return MAX_TAG_NUMBER.toLocaleString('en-US');
}

/** `NAME@vSEMVER`: registers a version. */
export function versionTag(name: string, version: string): string {
  return checkedTag(`${checkedName(name)}@v${checkedVersion(version)}`);
}

/** `NAME@vSEMVER!`, or `NAME@vSEMVER!#N` when that name is taken: deregisters a version. */
export function deregisterTag(name: string, version: string, counter?: number): string {
  return withCounter(`${versionTag(name, version)}!`, counter);
}

/** `NAME@deprecated`, or `NAME@deprecated#N` when that name is taken: deprecates the model. */
export function deprecateTag(name: string, counter?: number): string {
  return checkedTag(withCounter(`${checkedName(name)}@deprecated`, counter));
}

/** `NAME#STAGE#N`: assigns STAGE to the version on the tagged commit. */
export function stageTag(name: string, stage: string, counter: number): string {
  return checkedTag(`${checkedName(name)}#${checkedStage(stage)}#${checkedCounter(counter)}`);
}

/** `NAME#STAGE!#N`: removes STAGE from the version on the tagged commit. */
export function unassignTag(name: string, stage: string, counter: number): string {
  return checkedTag(`${checkedName(name)}#${checkedStage(stage)}!#${checkedCounter(counter)}`);
}

/** The release asset holding a version's bundle: `NAME-vSEMVER.tgz` (`/` in NAME becomes `-`). */
export function bundleAssetName(name: string, version: string): string {
  return `${checkedName(name).replace(/[/=]/g, '-')}-v${checkedVersion(version)}.tgz`;
}

/** Turn free text such as a file name into a model name, like GTO: `Cars_USA.csv` → `cars-usa`. */
export function toModelName(text: string): string {
  const base = text.split(/[\\/]/).pop() ?? '';
  return toNamePart(base.replace(/(.)\.[A-Za-z][A-Za-z0-9]*$/, '$1'), text);
}

/** Turn free text such as a column name into a name of the tag grammar: `Origin (US)` → `origin-us`. */
export function toNamePart(text: string, source = text): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!slug) {
    throw new UsageError(
      `Cannot derive a model name from "${source}": it has no letters or digits. ` +
        'Set `name:` in mlops.yml (lower case letters, digits, "-" and "/").',
    );
  }
  return slug;
}

function checkedName(name: string): string {
  if (FULL_NAME_RE.test(name) && refFormatProblem(`refs/tags/${name}`) === null) return name;
  throw new UsageError(
    `Invalid model name "${name}": use lower case letters, digits, "-" and "/", starting and ` +
      `ending with a letter or digit (for example "${safeSuggestion(name)}").`,
  );
}

function checkedStage(stage: string): string {
  if (isValidName(stage)) return stage;
  throw new UsageError(
    `Invalid stage "${stage}": use lower case letters, digits, "-" and "/", starting and ` +
      `ending with a letter or digit (for example "${safeSuggestion(stage)}").`,
  );
}

function checkedVersion(version: string): string {
  if (isValidVersion(version)) return version;
  throw new UsageError(
    `Invalid version "${version}": use a SemVer 2.0 version without the "v", like 1.4.0 or ` +
      `2.0.0-rc.1, whose numbers are at most ${formatBound()}.`,
  );
}

// Git stores each ref as a file: a part longer than a file name may be fails only at `git tag`.
function checkedTag(tag: string): string {
  const problem =
    refFormatProblem(`refs/tags/${tag}`) ??
    (tag.split('/').some((part) => new TextEncoder().encode(part).length > MAX_REF_PART_BYTES)
      ? `has a part longer than ${MAX_REF_PART_BYTES} bytes`
      : null);
  if (problem === null) return tag;
  throw new UsageError(
    `Cannot make the tag "${tag}": git refuses it, since it ${problem}. Choose a shorter model ` +
      'name, stage or version (`name:` and `registry.stages` in mlops.yml).',
  );
}

function withCounter(tag: string, counter: number | undefined): string {
  return counter === undefined ? tag : `${tag}#${checkedCounter(counter)}`;
}

function checkedCounter(counter: number): number {
  if (Number.isInteger(counter) && counter >= 1 && counter <= MAX_TAG_NUMBER) return counter;
  throw new UsageError(
    `Invalid tag counter ${counter}: it must be a whole number from 1 to ${formatBound()}.`,
  );
}

function safeSuggestion(text: string): string {
  try {
    return toModelName(text);
  } catch {
    return 'my-model';
  }
}
