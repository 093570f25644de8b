/**
 * `mlops registry doctor [--fix]`: what stopped runs and hand-made tags left wrong in the registry
 * (tags only here or only on the remote, tags that differ, versions without a complete release or
 * with other bytes than their tag pins, metadata about another version, tags the registry
 * ignores) and, with --fix, the repairs that lose nothing: the remote stays the registry of record.
 */
import semver from 'semver';
import { sha256Hex, SUMS_FILE } from '../adapters/bundle.js';
import { ChecksumMismatch, MlopsError, RegistryConflict } from '../errors.js';
import {
  bundlePin,
  replayTags,
  type ModelState,
  type ModelVersion,
  type RegistryState,
} from '../registry/state.js';
import type { TagRef } from '../registry/store.js';
import { bundleAssetName, ignoredTagReason, parseTag } from '../registry/tags.js';
import { errorMessage } from '../util/text.js';
import { packVerifiedBundle, type PackedBundle } from './bundle-io.js';
import { outputPaths, type StepContext } from './context.js';
import { ensureRelease } from './register.js';

/** What the doctor finds; each kind says what --fix does about it. */
export type DoctorFindingKind =
  /** A registry tag only here (a run stopped before its push): pushed, unless contradicted. */
  | 'local-only-tag'
  /** A tag only on the remote, not fetched yet: a note; fetched. */
  | 'remote-only-tag'
  /** A tag here that differs from the remote's of the same name: replaced by the remote's. */
  | 'diverged-tag'
  /** A tag in the registry grammar with a number out of bounds, so ignored: reported only. */
  | 'ignored-tag'
  /** A version tag whose metadata names another model or version: reported only. */
  | 'metadata-mismatch'
  /** A live version whose release lacks its bundle or SHA256SUMS: published from <out>/model. */
  | 'incomplete-release'
  /** A release whose bundle is not what the tag pins or its SHA256SUMS lists: reported only. */
  | 'release-mismatch'
  /** A version registered before bundles were pinned: a note (SHA256SUMS alone vouches). */
  | 'unpinned-version';

export interface DoctorFinding {
  kind: DoctorFindingKind;
  tag: string;
  /** What is wrong, and what to do when --fix cannot. */
  detail: string;
  /** True when --fix repaired it. */
  fixed: boolean;
}

export interface DoctorOutcome {
  findings: DoctorFinding[];
  /** Findings neither fixed nor mere notes. */
  problems: number;
  /** No problem remains: the command exits 0. */
  healthy: boolean;
}

const NOTES: ReadonlySet<DoctorFindingKind> = new Set(['remote-only-tag', 'unpinned-version']);

/** Compares the registry here with the remote and its releases, repairing what it safely can. */
export async function runDoctor(
  ctx: StepContext,
  options: { fix: boolean },
): Promise<DoctorOutcome> {
  const { tags } = ctx.deps;
  const [local, remote] = [await tags.localTags(), await tags.remoteTags()];
  const tagFindings = await checkTags(ctx, local, remote, options.fix);
  // After the repairs the tags fetch cleanly; before them, fetching could fail on a diverged tag.
  const records = options.fix ? await tags.list() : local;
  const state = replayTags(records);
  const findings = [
    ...tagFindings,
    ...ignoredTags([...records, ...remote].map((t) => t.tag)),
    ...metadataMismatches(state),
    ...(await checkReleases(ctx, state, options.fix)),
  ];
  const problems = findings.filter((f) => !f.fixed && !NOTES.has(f.kind)).length;
  return { findings, problems, healthy: problems === 0 };
}

/** The findings as lines for people, and what to do next. */
export function formatDoctorReport(outcome: DoctorOutcome): string {
  const lines = outcome.findings.map(
    (f) => `${f.kind}: ${f.tag}: ${f.detail}${f.fixed ? ' [fixed]' : ''}`,
  );
  const fixable = outcome.findings.some((f) => !f.fixed && f.kind !== 'ignored-tag');
  const verdict = outcome.healthy
    ? 'the registry is consistent'
    : `${outcome.problems} ${outcome.problems === 1 ? 'problem remains' : 'problems remain'}` +
      (fixable ? ': run `mlops registry doctor --fix` to repair what can be' : '');
  return [...lines, verdict].join('\n');
}

/** Local-only, remote-only and diverged registry tags; with `fix`, pushed or replaced. */
async function checkTags(
  ctx: StepContext,
  localTags: readonly TagRef[],
  remoteTags: readonly TagRef[],
  fix: boolean,
): Promise<DoctorFinding[]> {
  const local = localTags.filter((t) => parseTag(t.tag) !== null);
  const remote = remoteTags.filter((t) => parseTag(t.tag) !== null);
  const remoteByName = new Map(remote.map((t) => [t.tag, t]));
  const localNames = new Set(local.map((t) => t.tag));
  const localOnly = local.filter((t) => !remoteByName.has(t.tag));
  const diverged = local.filter((t) => {
    const theirs = remoteByName.get(t.tag);
    return theirs !== undefined && theirs.object !== t.object;
  });
  const remoteOnly = remote.filter((t) => !localNames.has(t.tag));
  const findings = [
    ...(await localOnlyFindings(ctx, localOnly, remote, fix)),
    ...diverged.map((t) =>
      finding('diverged-tag', t.tag, divergedDetail(t, remoteByName.get(t.tag)), fix),
    ),
    ...remoteOnly.map((t) =>
      finding('remote-only-tag', t.tag, `on the remote only (${t.commit.slice(0, 7)})`, fix),
    ),
  ];
  if (fix) await ctx.deps.tags.takeRemote([...diverged, ...remoteOnly].map((t) => t.tag));
  return findings;
}

/** Local-only tags; with `fix` each is pushed alone, unless the remote contradicts it. */
async function localOnlyFindings(
  ctx: StepContext,
  localOnly: readonly TagRef[],
  remote: readonly TagRef[],
  fix: boolean,
): Promise<DoctorFinding[]> {
  const findings: DoctorFinding[] = [];
  for (const tag of localOnly) {
    const conflict = pushConflict(tag, remote);
    const detail =
      `only in this repository (${tag.commit.slice(0, 7)}): a run stopped before pushing it` +
      (conflict ? `, and it cannot be pushed: ${conflict}` : '');
    if (!fix || conflict) {
      findings.push(finding('local-only-tag', tag.tag, detail, false));
      continue;
    }
    try {
      await ctx.deps.tags.push([tag.tag]);
      findings.push(finding('local-only-tag', tag.tag, `${detail}; pushed`, true));
    } catch (error) {
      // Pushed by someone else meanwhile: push took the local copy back, the remote's stays.
      if (!(error instanceof RegistryConflict)) throw error;
      findings.push(finding('local-only-tag', tag.tag, `${detail}; ${error.message}`, false));
    }
  }
  return findings;
}

/**
 * Why pushing `tag` would contradict the remote's registry, or null: a tag of the same model with
 * the same counter, the same version under another tag, or another live version on its commit.
 */
function pushConflict(tag: TagRef, remote: readonly TagRef[]): string | null {
  const parsed = parseTag(tag.tag);
  if (!parsed) return null;
  const sameModel = remote.flatMap((t) => {
    const theirs = parseTag(t.tag);
    return theirs?.name === parsed.name ? [{ ref: t, parsed: theirs }] : [];
  });
  const sameCounter = sameModel.find(
    (t) => parsed.counter !== null && t.parsed.counter === parsed.counter,
  );
  if (sameCounter) return `the remote's ${sameCounter.ref.tag} has the same counter`;
  if (parsed.kind !== 'version') return null;
  const deregistered = new Set(
    sameModel.flatMap((t) => (t.parsed.kind === 'deregister' ? [t.parsed.version] : [])),
  );
  for (const { ref, parsed: theirs } of sameModel) {
    if (theirs.kind !== 'version') continue;
    if (semver.eq(theirs.version, parsed.version)) {
      return `the remote registers v${theirs.version} as ${ref.tag}`;
    }
    if (ref.commit === tag.commit && !deregistered.has(theirs.version)) {
      const commit = tag.commit.slice(0, 7);
      return `commit ${commit} carries ${ref.tag} on the remote (a commit holds one version)`;
    }
  }
  return null;
}

function divergedDetail(local: TagRef, remote: TagRef | undefined): string {
  const theirs = remote ? ` (theirs on ${remote.commit.slice(0, 7)})` : '';
  return (
    `differs from the remote's tag of the same name${theirs}, here on ${local.commit.slice(0, 7)}: ` +
    "it lost a race, and the remote is the registry of record; --fix replaces it with the remote's"
  );
}

/** Tags the registry ignores (counters or versions out of bounds), here or on the remote. */
function ignoredTags(tags: readonly string[]): DoctorFinding[] {
  return [...new Set(tags)].flatMap((tag) => {
    const reason = ignoredTagReason(tag);
    return reason
      ? [
          finding(
            'ignored-tag',
            tag,
            `not read as a registry tag: ${reason}. It was made by hand; delete it here and on ` +
              `the remote (git tag -d ${tag}; git push --delete REMOTE ${tag})`,
            false,
          ),
        ]
      : [];
  });
}

function metadataMismatches(state: RegistryState): DoctorFinding[] {
  return liveVersions(state).flatMap(({ version }) =>
    version.metadataMismatch
      ? [
          finding(
            'metadata-mismatch',
            version.tag,
            `${version.metadataMismatch}; deregister it (mlops deregister) and register again`,
            false,
          ),
        ]
      : [],
  );
}

/** Each live version's release: complete, and holding the bytes its tag pins. */
async function checkReleases(
  ctx: StepContext,
  state: RegistryState,
  fix: boolean,
): Promise<DoctorFinding[]> {
  const local = fix ? await localBundle(ctx) : null;
  const findings: DoctorFinding[] = [];
  for (const { model, version } of liveVersions(state)) {
    const found = await checkRelease(ctx, model, version, local);
    if (found) findings.push(found);
  }
  return findings;
}

async function checkRelease(
  ctx: StepContext,
  model: ModelState,
  version: ModelVersion,
  local: LocalBundle | null,
): Promise<DoctorFinding | null> {
  const { releases } = ctx.deps;
  const asset = bundleAssetName(model.name, version.version);
  const pin = bundlePin(version);
  const assets = await releases.list(version.tag);
  if (!assets.includes(asset) || !assets.includes(SUMS_FILE)) {
    return incompleteRelease(ctx, model, version, { asset, assets, pin, local });
  }
  if (pin === null) {
    return finding(
      'unpinned-version',
      version.tag,
      'registered before bundles were pinned: its release is trusted on its SHA256SUMS alone',
      false,
    );
  }
  const mismatch = await releaseMismatch(ctx, version.tag, asset, pin);
  return mismatch === null ? null : finding('release-mismatch', version.tag, mismatch, false);
}

async function incompleteRelease(
  ctx: StepContext,
  model: ModelState,
  version: ModelVersion,
  release: { asset: string; assets: string[]; pin: string | null; local: LocalBundle | null },
): Promise<DoctorFinding> {
  const { asset, assets, pin, local } = release;
  const missing = [asset, SUMS_FILE].filter((name) => !assets.includes(name)).join(' and ');
  const detail = `its release lacks ${missing} (it has: ${assets.join(', ') || 'nothing'})`;
  if (pin === null) {
    return finding(
      'incomplete-release',
      version.tag,
      `${detail}; its tag pins no bundle, so run \`mlops register\` on its commit to publish it`,
      false,
    );
  }
  if (local?.bundle?.sha256 === pin) {
    const ref = { name: model.name, version: version.version, tag: version.tag, pin };
    await ensureRelease(ctx, ref, local.bundle);
    return finding(
      'incomplete-release',
      version.tag,
      `${detail}; published from ${local.dir}`,
      true,
    );
  }
  return finding(
    'incomplete-release',
    version.tag,
    `${detail}. Complete it with --fix where the bundle its tag pins (sha256 ${pin.slice(0, 12)}…) ` +
      `is in <out>/model${local ? ` (${local.dir}: ${local.why})` : ''}, or register a new version`,
    false,
  );
}

// Download the bundle once: the release's own SHA256SUMS and the tag's pin must both agree.
async function releaseMismatch(
  ctx: StepContext,
  tag: string,
  asset: string,
  pin: string,
): Promise<string | null> {
  let data: Uint8Array;
  try {
    data = await ctx.deps.releases.download(tag, asset);
  } catch (error) {
    if (!(error instanceof ChecksumMismatch)) throw error;
    return `${error.message} Releases are immutable: register a new version`;
  }
  const actual = sha256Hex(data);
  if (actual === pin) return null;
  return (
    `${asset} hashes to ${actual}, but the tag pins ${pin}: the asset and its ${SUMS_FILE} were ` +
    'replaced after registration. Fetching it is refused; delete the release by hand and publish ' +
    'the registered bundle again (--fix where it is in <out>/model), or register a new version'
  );
}

/** The bundle in <out>/model packed for a release, or why it cannot serve one. */
interface LocalBundle {
  dir: string;
  bundle: PackedBundle | null;
  why: string;
}

async function localBundle(ctx: StepContext): Promise<LocalBundle> {
  const dir = outputPaths(ctx.out).model;
  if (!(await ctx.deps.fs.exists(dir))) return { dir, bundle: null, why: 'no bundle there' };
  try {
    const bundle = await packVerifiedBundle(ctx.deps.fs, dir);
    return { dir, bundle, why: `its bundle hashes to ${bundle.sha256.slice(0, 12)}…` };
  } catch (error) {
    if (!(error instanceof MlopsError)) throw error;
    return { dir, bundle: null, why: errorMessage(error) };
  }
}

function liveVersions(state: RegistryState): { model: ModelState; version: ModelVersion }[] {
  return state.models.flatMap((model) =>
    model.versions.filter((v) => !v.deregistered).map((version) => ({ model, version })),
  );
}

function finding(
  kind: DoctorFindingKind,
  tag: string,
  detail: string,
  fixed: boolean,
): DoctorFinding {
  return { kind, tag, detail, fixed };
}
