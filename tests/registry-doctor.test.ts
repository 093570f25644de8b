/**
 * `mlops registry doctor [--fix]` on real git repositories with bare remotes and the local release
 * folder: a run killed after `git tag` but before the push leaves a local-only tag that doctor
 * reports and --fix pushes; tags that lost a race are replaced by the remote's; releases are
 * checked against the bundle hash their tag pins, and completed only with those bytes.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tagToDirName } from '../src/adapters/local-releases.js';
import { formatSha256Sums, packBundle } from '../src/adapters/bundle.js';
import { formatTagMessage, TAG_METADATA_SCHEMA_ID } from '../src/registry/metadata.js';
import type { DoctorOutcome } from '../src/steps/doctor.js';
import { mlops, readJson, tinyConfig } from './support/cli.js';
import { makeCsv } from './support/data.js';
import { addBareRemote, git, makeRepo, useTempRoot } from './support/repo.js';

const temp = useTempRoot('mlops-registry-doctor-');
const TAG = 'churn@v0.1.0';
const ASSET = 'churn-v0.1.0.tgz';
const MODEL = '.mlops/model';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const releaseDir = (dir: string) => path.join(dir, '.mlops/releases', tagToDirName(TAG));
const remoteTags = (bare: string) => git(bare, ['tag', '-l']).split('\n').filter(Boolean).sort();

/** churn v0.1.0 registered here only, as a run killed between `git tag` and `git push` leaves it. */
let trained = '';
let trainedRemote = '';

beforeAll(async () => {
  const config = tinyConfig();
  trained = makeRepo({ 'data.csv': makeCsv('binary', 120, { seed: 5 }), 'mlops.yml': config });
  trainedRemote = addBareRemote(trained);
  const run = await mlops(trained, ['run']);
  expect(run.stderr).not.toContain('internal error');
  expect(run.code).toBe(0);
  expect(remoteTags(trainedRemote)).toEqual([]);
});

/** A copy of the trained repository and of its remote, the copy's `origin` pointing at the copy. */
function copies(): { dir: string; bare: string } {
  const dir = temp.fresh('repo');
  const bare = temp.fresh('remote.git');
  cpSync(trained, dir, { recursive: true });
  cpSync(trainedRemote, bare, { recursive: true });
  git(dir, ['remote', 'set-url', 'origin', bare]);
  return { dir, bare };
}

/** `mlops registry doctor --json` with `flags`: its exit code and outcome. */
async function doctor(
  dir: string,
  flags: string[] = [],
): Promise<{ code: number; outcome: DoctorOutcome }> {
  const result = await mlops(dir, ['registry', 'doctor', '--json', ...flags]);
  expect(result.stderr).not.toContain('internal error');
  return { code: result.code, outcome: JSON.parse(result.stdout) as DoctorOutcome };
}

const kinds = (outcome: DoctorOutcome) =>
  outcome.findings.map((f) => `${f.kind} ${f.tag}${f.fixed ? ' fixed' : ''}`);

/** An annotated tag made by hand, with the metadata of `name` v`version` in its message. */
function handMadeVersion(dir: string, tag: string, name: string, version: string): void {
  const message = formatTagMessage({
    schema: TAG_METADATA_SCHEMA_ID,
    name,
    version,
    metrics: {},
    task: 'binary',
    dataHash: 'd',
    configHash: 'c',
    createdAt: '2024-05-01T10:00:00.000Z',
  });
  git(dir, ['tag', '-a', tag, '--cleanup=verbatim', '-m', message]);
}

describe('local and remote tags', () => {
  test('a local-only tag left by a killed run: reported (exit 1), pushed by --fix (exit 0)', async () => {
    const { dir, bare } = copies();
    const found = await doctor(dir, ['--remote', 'origin']);
    expect(found.code).toBe(1);
    expect(kinds(found.outcome)).toEqual([`local-only-tag ${TAG}`]);
    expect(found.outcome).toMatchObject({ problems: 1, healthy: false });
    const text = await mlops(dir, ['registry', 'doctor', '--remote', 'origin']);
    expect(text.stdout).toContain(`local-only-tag: ${TAG}: only in this repository`);
    expect(text.stdout).toContain('1 problem remains: run `mlops registry doctor --fix`');

    const fixed = await doctor(dir, ['--remote', 'origin', '--fix']);
    expect(fixed.code).toBe(0);
    expect(kinds(fixed.outcome)).toEqual([`local-only-tag ${TAG} fixed`]);
    expect(remoteTags(bare)).toEqual([TAG]);
    expect(git(bare, ['rev-parse', TAG])).toBe(git(dir, ['rev-parse', TAG]));

    const again = await doctor(dir, ['--remote', 'origin']);
    expect(again.code).toBe(0);
    expect(again.outcome.findings).toEqual([]);
    const healthy = await mlops(dir, ['registry', 'doctor', '--remote', 'origin']);
    expect(healthy.stdout).toBe('the registry is consistent\n');
  });

  test('without --remote the repository is the registry of record: nothing diverges', async () => {
    const { dir } = copies();
    const found = await doctor(dir);
    expect(found.code).toBe(0);
    expect(found.outcome.findings).toEqual([]);
  });

  test("a tag that lost a race is replaced by the remote's with --fix", async () => {
    const { dir, bare } = copies();
    git(dir, ['push', '-q', 'origin', TAG]);
    // Here, another tag of the same name: a run that lost the race and was killed before retrying.
    const theirs = git(dir, ['rev-parse', TAG]);
    git(dir, ['tag', '-d', TAG]);
    handMadeVersion(dir, TAG, 'churn', '0.1.0');
    const found = await doctor(dir, ['--remote', 'origin']);
    expect(found.code).toBe(1);
    expect(kinds(found.outcome)).toContain(`diverged-tag ${TAG}`);

    const fixed = await doctor(dir, ['--remote', 'origin', '--fix']);
    expect(kinds(fixed.outcome)).toContain(`diverged-tag ${TAG} fixed`);
    expect(git(dir, ['rev-parse', TAG])).toBe(theirs);
    expect(git(bare, ['rev-parse', TAG])).toBe(theirs);
    expect(fixed.code).toBe(0);
  });

  test('a remote-only tag is a note, fetched by --fix', async () => {
    const { dir, bare } = copies();
    git(dir, ['push', '-q', 'origin', TAG]);
    git(bare, ['tag', '-a', 'churn#staging#1', `${TAG}^{commit}`, '-m', 'promoted elsewhere']);
    const found = await doctor(dir, ['--remote', 'origin']);
    expect(kinds(found.outcome)).toEqual(['remote-only-tag churn#staging#1']);
    expect(found.code).toBe(0);
    const fixed = await doctor(dir, ['--remote', 'origin', '--fix']);
    expect(kinds(fixed.outcome)).toEqual(['remote-only-tag churn#staging#1 fixed']);
    expect(git(dir, ['tag', '-l', 'churn#staging#1'])).toBe('churn#staging#1');
  });

  test('a local-only tag the remote contradicts is not pushed', async () => {
    const { dir, bare } = copies();
    git(dir, ['push', '-q', 'origin', TAG]);
    // A second version on the commit the remote's v0.1.0 names: a commit holds one version.
    handMadeVersion(dir, 'churn@v0.2.0', 'churn', '0.2.0');
    const fixed = await doctor(dir, ['--remote', 'origin', '--fix']);
    expect(fixed.code).toBe(1);
    const finding = fixed.outcome.findings.find((f) => f.tag === 'churn@v0.2.0');
    expect(finding).toMatchObject({ kind: 'local-only-tag', fixed: false });
    expect(finding?.detail).toContain(`carries ${TAG} on the remote (a commit holds one version)`);
    expect(remoteTags(bare)).toEqual([TAG]);
  });

  test('a hand-made tag with an absurd counter is reported as ignored and never pushed', async () => {
    const { dir, bare } = copies();
    git(dir, ['push', '-q', 'origin', TAG]);
    const hostile = `churn#staging#${Number.MAX_SAFE_INTEGER}`;
    git(dir, ['tag', '-a', hostile, `${TAG}^{commit}`, '-m', 'hand-made']);
    const fixed = await doctor(dir, ['--remote', 'origin', '--fix']);
    expect(fixed.code).toBe(1);
    expect(kinds(fixed.outcome)).toEqual([`ignored-tag ${hostile}`]);
    expect(fixed.outcome.findings[0]?.detail).toContain('its counter is above 999,999,999');
    expect(remoteTags(bare)).toEqual([TAG]);
  });

  test('a version tag whose metadata names another version is reported', async () => {
    const { dir } = copies();
    git(dir, ['commit', '-q', '--allow-empty', '-m', 'next']);
    handMadeVersion(dir, 'churn@v0.2.0', 'churn', '9.9.9');
    const found = await doctor(dir);
    expect(found.code).toBe(1);
    const finding = found.outcome.findings.find((f) => f.kind === 'metadata-mismatch');
    expect(finding?.tag).toBe('churn@v0.2.0');
    expect(finding?.detail).toContain('describes churn v9.9.9, not churn v0.2.0');
  });
});

describe('releases against the pinned bundle', () => {
  test('a .tgz and SHA256SUMS replaced together are a release-mismatch (exit 1)', async () => {
    const { dir } = copies();
    const other = temp.fresh('other');
    cpSync(path.join(dir, MODEL), other, { recursive: true });
    writeFileSync(path.join(other, 'README.md'), '# not the registered bundle\n');
    const swapped = await packBundle(other);
    writeFileSync(path.join(releaseDir(dir), ASSET), swapped);
    writeFileSync(
      path.join(releaseDir(dir), 'SHA256SUMS'),
      formatSha256Sums([{ name: ASSET, hash: sha256(swapped) }]),
    );
    const found = await doctor(dir, ['--fix']);
    expect(found.code).toBe(1);
    expect(kinds(found.outcome)).toEqual([`release-mismatch ${TAG}`]);
    expect(found.outcome.findings[0]?.detail).toContain(`hashes to ${sha256(swapped)}`);
  });

  test('a missing release is completed by --fix from <out>/model when it is the pinned bundle', async () => {
    const { dir } = copies();
    rmSync(path.join(dir, '.mlops/releases'), { recursive: true });
    const found = await doctor(dir);
    expect(found.code).toBe(1);
    expect(kinds(found.outcome)).toEqual([`incomplete-release ${TAG}`]);
    expect(found.outcome.findings[0]?.detail).toContain('lacks churn-v0.1.0.tgz and SHA256SUMS');

    const fixed = await doctor(dir, ['--fix']);
    expect(fixed.code).toBe(0);
    expect(kinds(fixed.outcome)).toEqual([`incomplete-release ${TAG} fixed`]);
    const archive = readFileSync(path.join(releaseDir(dir), ASSET));
    const message = git(dir, ['for-each-ref', `refs/tags/${TAG}`, '--format=%(contents)']);
    expect(message).toContain(`"bundleSha256": "${sha256(archive)}"`);
  });

  test('--fix does not complete a release from another bundle than the pinned one', async () => {
    const { dir } = copies();
    rmSync(path.join(dir, '.mlops/releases'), { recursive: true });
    const manifest = readJson<{ files: Record<string, unknown> }>(dir, `${MODEL}/manifest.json`);
    const card = Buffer.from('# churn, trained elsewhere\n');
    manifest.files['README.md'] = { sha256: sha256(card), size: card.byteLength };
    writeFileSync(path.join(dir, MODEL, 'README.md'), card);
    writeFileSync(path.join(dir, MODEL, 'manifest.json'), JSON.stringify(manifest));
    // The same model in other bytes (another card), as another machine may make it.
    const fixed = await doctor(dir, ['--fix']);
    expect(fixed.code).toBe(1);
    expect(kinds(fixed.outcome)).toEqual([`incomplete-release ${TAG}`]);
    expect(fixed.outcome.findings[0]?.detail).toMatch(
      /Complete it with --fix where the bundle its tag pins .* is in <out>\/model \(.*: its bundle hashes to/,
    );
    expect(existsSync(releaseDir(dir))).toBe(false);
  });
});
