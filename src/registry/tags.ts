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

/** True when `text` is a valid model or stage name: `[a-z0-9]([a-z0-9/-]*[a-z0-9])?`. */
export function isValidName(text: string): boolean {
  return NAME_RE.test(text);
}

/** True when `text` is a full SemVer 2.0 version written canonically, without a leading `v`. */
export function isValidVersion(text: string): boolean {
  const parsed = semver.parse(text);
  return parsed !== null && parsed.raw === text && /^[0-9]/.test(text);
}

/** Parse a tag name into a registry event, or null when the tag is not part of the registry. */
export function parseTag(tag: string): RegistryTag | null {
  const groups = TAG_RE.exec(tag)?.groups;
  if (!groups?.name) return null;
  const name = groups.name;
  const counter = groups.counter === undefined ? null : Number(groups.counter);
  if (counter !== null && !Number.isSafeInteger(counter)) return null;
  const cancelled = groups.cancel === '!';
  if (groups.deprecated) return { kind: 'deprecate', name, counter };
  if (groups.stage) {
    return { kind: cancelled ? 'unassign' : 'assign', name, stage: groups.stage, counter };
  }
  const version = groups.version ?? '';
  if (!isValidVersion(version)) return null;
  return { kind: cancelled ? 'deregister' : 'version', name, version, counter };
}

/** `NAME@vSEMVER`: registers a version. */
export function versionTag(name: string, version: string): string {
  return `${checkedName(name)}@v${checkedVersion(version)}`;
}

/** `NAME@vSEMVER!`, or `NAME@vSEMVER!#N` when that name is taken: deregisters a version. */
export function deregisterTag(name: string, version: string, counter?: number): string {
  return withCounter(`${versionTag(name, version)}!`, counter);
}

/** `NAME@deprecated`, or `NAME@deprecated#N` when that name is taken: deprecates the model. */
export function deprecateTag(name: string, counter?: number): string {
  return withCounter(`${checkedName(name)}@deprecated`, counter);
}

/** `NAME#STAGE#N`: assigns STAGE to the version on the tagged commit. */
export function stageTag(name: string, stage: string, counter: number): string {
  return `${checkedName(name)}#${checkedStage(stage)}#${checkedCounter(counter)}`;
}

/** `NAME#STAGE!#N`: removes STAGE from the version on the tagged commit. */
export function unassignTag(name: string, stage: string, counter: number): string {
  return `${checkedName(name)}#${checkedStage(stage)}!#${checkedCounter(counter)}`;
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
  if (FULL_NAME_RE.test(name)) return name;
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
    `Invalid version "${version}": use a SemVer 2.0 version without the "v", like 1.4.0 or 2.0.0-rc.1.`,
  );
}

function withCounter(tag: string, counter: number | undefined): string {
  return counter === undefined ? tag : `${tag}#${checkedCounter(counter)}`;
}

function checkedCounter(counter: number): number {
  if (Number.isSafeInteger(counter) && counter >= 1) return counter;
  throw new UsageError(`Invalid tag counter ${counter}: it must be a whole number ≥ 1.`);
}

function safeSuggestion(text: string): string {
  try {
    return toModelName(text);
  } catch {
    return 'my-model';
  }
}
