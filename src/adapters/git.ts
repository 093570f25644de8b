/**
 * The registry's tags in a real git repository (simple-git): annotated tags only, one version of a
 * model per commit (GTO's rule), optionally fetched from and pushed to a remote, with git failures
 * turned into MlopsErrors that say what to do.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { MlopsError, RegistryConflict, VersionExistsForCommit } from '../errors.js';
import { findModel, replayTags, versionsOnCommit } from '../registry/state.js';
import type { TagRecord, TagRef, TagStore, UncommittedInput } from '../registry/store.js';
import { parseTag } from '../registry/tags.js';
import { isInside } from '../safety/paths.js';
import { errorMessage } from '../util/text.js';
import type { Logger } from './log.js';

export interface GitTagStoreOptions {
  /** The working tree (or any folder inside it). */
  dir: string;
  /** Remote name or URL: tags are fetched from it before reading or creating, and pushed to it. */
  remote?: string;
  /** Who signs the tags, when the repository has no user.name/user.email (e.g. in CI). */
  tagger?: { name: string; email: string };
  /** Where the store says how it fetched tags into a shallow clone. */
  log?: Pick<Logger, 'info' | 'warn'>;
}

/**
 * How tags reach a shallow clone (actions/checkout's default fetch-depth: 1 has no tags). A plain
 * fetch brings each tagged commit with all the history behind it. `tips` fetches the tagged commits
 * alone (`--depth=1`): all the registry needs (tag messages, and the commits to tag or check),
 * and safe when no commit here has its parent here.
 * `history` fetches plainly, since `--depth=1` on a commit already here with its parents would make
 * it shallow, cutting this clone's history there.
 */
type ShallowFetch = 'tips' | 'history';

interface RawTag {
  name: string;
  objectType: string;
  object: string;
  createdAt: string;
  targetType: string;
  target: string;
  message: string;
}

// NUL cannot occur in ref names or tag messages, so it splits fields safely; for-each-ref ends
// every record with a newline, which therefore starts each following record's first field.
const FIELDS = [
  '%(refname:strip=2)',
  '%(objecttype)',
  '%(objectname)',
  '%(taggerdate:iso-strict)',
  '%(*objecttype)',
  '%(*objectname)',
  '%(contents)',
  '%(contents:signature)',
  '%(*committerdate:iso-strict)',
];
const FORMAT = FIELDS.map((field) => `${field}%00`).join('');

/** A TagStore on the git repository at `dir`, synced with `remote` when one is given. */
export function createGitTagStore(options: GitTagStoreOptions): TagStore {
  const { dir, remote } = options;
  // Messages name the remote; a URL may carry a token (https://user:token@host/…).
  const shownRemote = remote === undefined ? undefined : redactCredentials(remote);
  const git = openRepository(options);
  // Detected once, on the first fetch: whether the clone is shallow, and how to fetch into it.
  let shallow: Promise<ShallowFetch | null> | undefined;
  let shallowReported = false;

  async function run(action: string, args: string[]): Promise<string> {
    try {
      return await git.raw(args);
    } catch (error) {
      throw gitFailure(action, dir, error);
    }
  }

  async function readTags(pattern: string): Promise<RawTag[]> {
    return parseForEachRef(await run('list tags', ['for-each-ref', `--format=${FORMAT}`, pattern]));
  }

  async function detectShallow(): Promise<ShallowFetch | null> {
    // Not a repository, or git before 2.15 (which echoes the option): the fetch reports the former.
    const answer = await git.raw(['rev-parse', '--is-shallow-repository']).catch(() => '');
    if (answer.trim() !== 'true') return null;
    // Shallow commits have no parents here, so this counts the commits whose parent is here too.
    const linked = await git
      .raw(['rev-list', '--all', '--min-parents=1', '--count'])
      .catch(() => '');
    return linked.trim() === '0' ? 'tips' : 'history';
  }

  /** `git fetch` and its options: in a shallow clone, only the tagged commits when that is safe. */
  async function fetchCommand(): Promise<string[]> {
    shallow ??= detectShallow();
    const depth = (await shallow) === 'tips' ? ['--depth=1'] : [];
    return ['fetch', '--no-recurse-submodules', ...depth];
  }

  /** Says once that this is a shallow clone and what fetching the tags into it did. */
  async function reportShallow(): Promise<void> {
    const how = await (shallow ??= detectShallow());
    if (how === null || shallowReported || !options.log) return;
    shallowReported = true;
    if (remote === undefined) {
      options.log.warn(
        `${dir} is a shallow clone and no remote was given, so registry tags not fetched into it are ` +
          "not seen: fetch them (git fetch origin 'refs/tags/*:refs/tags/*') or pass the remote (--remote origin).",
      );
      return;
    }
    const count = (await readTags('refs/tags')).filter((raw) => parseTag(raw.name)).length;
    options.log.info(
      how === 'tips'
        ? `shallow checkout: fetched the registry tags (${count}) from "${shownRemote}" with their ` +
            'tagged commits only (depth 1), which is all the registry needs; fetch-depth: 0 is not required'
        : `shallow checkout with history: fetched the registry tags (${count}) from "${shownRemote}" ` +
            'with the history behind them, since fetching their commits alone would cut the history ' +
            'here (with fetch-depth: 1 they come alone)',
    );
  }

  async function fetchTags(): Promise<void> {
    if (remote === undefined) return reportShallow();
    try {
      await git.raw([...(await fetchCommand()), remote, 'refs/tags/*:refs/tags/*']);
    } catch (error) {
      const detail = gitOutput(error);
      if (detail.includes('would clobber existing tag')) {
        throw new RegistryConflict(
          `A local tag differs from the tag of the same name on remote "${shownRemote}":\n${detail}\n` +
            'The remote is the registry of record: delete the local tag (git tag -d TAG) and retry.',
        );
      }
      throw gitFailure(`fetch tags from "${shownRemote}"`, dir, error);
    }
    await reportShallow();
  }

  async function readRecord(tag: string): Promise<TagRecord> {
    const raw = (await readTags(`refs/tags/${tag}`)).find((candidate) => candidate.name === tag);
    const record = raw && toRecord(raw);
    if (!record) throw new MlopsError(`Tag ${tag} was created in ${dir} but cannot be read back.`);
    return record;
  }

  async function resolveCommit(ref: string): Promise<string> {
    try {
      return (
        await git.raw(['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`])
      ).trim();
    } catch {
      throw new MlopsError(
        `Cannot tag "${ref}" in ${dir}: it is not a commit. Pass a commit, branch or tag that exists ` +
          '(in a shallow CI checkout, fetch it first).',
      );
    }
  }

  async function listRecords(): Promise<TagRecord[]> {
    return (await readTags('refs/tags')).flatMap((raw) => toRecord(raw) ?? []);
  }

  async function localTags(): Promise<(TagRecord & TagRef)[]> {
    return (await readTags('refs/tags')).flatMap((raw) => {
      const record = toRecord(raw);
      return record ? [{ ...record, object: raw.object }] : [];
    });
  }

  return {
    async list() {
      await fetchTags();
      return listRecords();
    },

    localTags,

    async remoteTags() {
      if (remote === undefined) return localTags();
      const listing = await run(`list the tags of remote "${shownRemote}"`, [
        'ls-remote',
        '--tags',
        remote,
      ]);
      return parseLsRemote(listing);
    },

    async takeRemote(tags) {
      if (remote === undefined || tags.length === 0) return;
      // `+` lets the remote's tag replace a local one of the same name: that is the point here.
      const refspecs = tags.map((tag) => `+refs/tags/${tag}:refs/tags/${tag}`);
      await run(`fetch ${tags.join(', ')} from "${shownRemote}"`, [
        ...(await fetchCommand()),
        remote,
        ...refspecs,
      ]);
    },

    async create(tag, message, ref = 'HEAD') {
      await fetchTags();
      const existing = (await readTags(`refs/tags/${tag}`)).find((raw) => raw.name === tag);
      if (existing) {
        const where = remote === undefined ? dir : `${dir} or on remote "${shownRemote}"`;
        throw new RegistryConflict(
          `Tag ${tag} already exists in ${where} (on ${(existing.target || existing.object).slice(0, 7)}). ` +
            'Nothing was changed. If someone registered or promoted meanwhile, run the command ' +
            'again to plan a new version or counter; otherwise choose another version.',
        );
      }
      const commit = await resolveCommit(ref);
      refuseSecondVersion(tag, commit, await listRecords());
      await run(`create tag ${tag}`, [
        'tag',
        '-a',
        '--cleanup=verbatim',
        '-m',
        message,
        tag,
        commit,
      ]);
      return readRecord(tag);
    },

    async push(tags) {
      // A registry without a remote lives in this repository alone: nothing to publish.
      if (remote === undefined || tags.length === 0) return;
      const refspecs = tags.map((tag) => `refs/tags/${tag}:refs/tags/${tag}`);
      const names = tags.join(', ');
      try {
        await git.raw(['push', '--atomic', remote, ...refspecs]);
      } catch (error) {
        // Unpushed tags would be versions only this machine knows, and a tag that lost a race would
        // clash with the winner on the next fetch: take them back either way, so a retry starts clean.
        await run(`delete local tags ${names}`, ['tag', '-d', ...tags]);
        const detail = gitOutput(error);
        // Two pushes of one tag at the same moment: the loser may fail to lock the ref instead.
        if (/\[rejected\]|already exists|cannot lock ref/.test(detail)) {
          throw new RegistryConflict(
            `${names}: already on remote "${shownRemote}" with different content, so it was not ` +
              'pushed (nor any tag with it); the local copies were deleted and the remote ones kept. Someone registered ' +
              'or promoted at the same time: run the command again to plan a new version or counter.',
          );
        }
        throw gitFailure(
          `push ${names} to "${shownRemote}" (the local tags were deleted again)`,
          dir,
          error,
        );
      }
    },

    async uncommitted(files) {
      const shown = (await git.revparse(['--show-toplevel']).catch(() => '')).trim();
      if (shown === '') return [];
      const top = await realpath(shown).catch(() => shown);
      // Where each file really is, through links (a deleted one where it was, for git to report).
      const located = await Promise.all(
        files.map(async (file) => {
          const asked = path.resolve(dir, file);
          const real = await realpath(asked).catch(() => null);
          return { file, at: real ?? asked, exists: real !== null };
        }),
      );
      const outside: UncommittedInput[] = located
        .filter(({ at, exists }) => exists && !isInside(top, at))
        .map(({ file }) => ({ file, why: 'outside-repository' }));
      // git refuses paths outside the work tree: those above are reported as outside instead.
      const inside = located.flatMap(({ at }) => (isInside(top, at) ? [at] : []));
      if (inside.length === 0) return outside;
      const status = await git
        .raw(['status', '--porcelain', '--untracked-files=all', '--', ...inside])
        .catch(() => '');
      // Porcelain lines are "XY path"; ignored files are not listed, so they never warn.
      const changed = status
        .split('\n')
        .filter(Boolean)
        .map((line) => ({ file: line.slice(3), why: 'changed' as const }));
      return [...changed, ...outside];
    },
  };
}

/**
 * Throws VersionExistsForCommit when `tag` registers a version on a commit that already carries a
 * live version of the same model: checked here, just after fetching, so a concurrent run is seen.
 */
function refuseSecondVersion(tag: string, commit: string, records: TagRecord[]): void {
  const parsed = parseTag(tag);
  if (parsed?.kind !== 'version') return;
  const model = findModel(replayTags(records), parsed.name);
  const existing = model && versionsOnCommit(model, commit)[0];
  if (!existing) return;
  throw new VersionExistsForCommit(
    `${tag} was not created: commit ${commit.slice(0, 7)} already carries ${parsed.name} ` +
      `v${existing.version} (tag ${existing.tag}), and a commit holds one version of a model ` +
      '(stage tags name commits). If the data, schema or config changed, commit the change and ' +
      'register on the new commit; to number the same model anew, use --version on a new commit.',
    existing.version,
  );
}

function openRepository({ dir, tagger }: GitTagStoreOptions): SimpleGit {
  const config = tagger ? [`user.name=${tagger.name}`, `user.email=${tagger.email}`] : [];
  try {
    return simpleGit({ baseDir: dir, config });
  } catch (error) {
    throw new MlopsError(`Cannot open the git repository at ${dir}: ${gitOutput(error)}`);
  }
}

function parseForEachRef(output: string): RawTag[] {
  const fields = output.split('\0');
  const tags: RawTag[] = [];
  for (let start = 0; start + FIELDS.length <= fields.length; start += FIELDS.length) {
    const [
      name,
      objectType,
      object,
      taggerDate,
      targetType,
      target,
      contents,
      signature,
      commitDate,
    ] = fields.slice(start, start + FIELDS.length);
    const message =
      signature && contents?.endsWith(signature)
        ? contents.slice(0, -signature.length)
        : (contents ?? '');
    tags.push({
      name: (name ?? '').replace(/^\n/, ''),
      objectType: objectType ?? '',
      object: object ?? '',
      // Tags imported from very old repositories may lack a tagger; their commit date stands in.
      createdAt: taggerDate || commitDate || '',
      targetType: targetType ?? '',
      target: target ?? '',
      message,
    });
  }
  return tags;
}

/**
 * Annotated tags from `git ls-remote --tags` output: each has its tag object's line and a peeled
 * `^{}` line naming the commit; lightweight tags (no peeled line) are not registry events.
 */
function parseLsRemote(output: string): TagRef[] {
  const objects = new Map<string, string>();
  const commits = new Map<string, string>();
  for (const line of output.split('\n')) {
    const match = /^([0-9a-f]+)\trefs\/tags\/(.+?)(\^\{\})?$/.exec(line.trim());
    if (!match?.[1] || !match[2]) continue;
    (match[3] ? commits : objects).set(match[2], match[1]);
  }
  return [...objects].flatMap(([tag, object]) => {
    const commit = commits.get(tag);
    return commit ? [{ tag, object, commit }] : [];
  });
}

// Lightweight tags (and tags of tags or trees) are not registry events.
function toRecord(raw: RawTag): TagRecord | null {
  if (raw.objectType !== 'tag' || raw.targetType !== 'commit' || !raw.createdAt) return null;
  return {
    tag: raw.name,
    createdAt: new Date(raw.createdAt).toISOString(),
    message: raw.message,
    commit: raw.target,
  };
}

/** The first lines of git's message, with credentials in URLs (git may echo the remote) hidden. */
function gitOutput(error: unknown): string {
  return redactCredentials(errorMessage(error))
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '')
    .slice(0, 8)
    .join('\n');
}

function gitFailure(action: string, dir: string, error: unknown): MlopsError {
  const detail = gitOutput(error);
  let advice = '';
  if (/not a git repository/i.test(detail)) {
    advice = `\nRun inside a clone of the repository (or git init ${dir}).`;
  } else if (/tell me who you are|empty ident|user\.email/i.test(detail)) {
    advice =
      '\nSet an identity for the tags: git config user.name NAME && git config user.email EMAIL ' +
      '(in GitHub Actions, github-actions[bot] and 41898282+github-actions[bot]@users.noreply.github.com).';
  } else if (/permission|denied|403|authentication|could not read username/i.test(detail)) {
    advice =
      '\nThe remote refused access: in GitHub Actions grant `permissions: contents: write` and ' +
      'keep the checkout credentials (actions/checkout with persist-credentials).';
  }
  return new MlopsError(`git could not ${action} in ${dir}:\n${detail}${advice}`);
}

/** `text` with the user-info of every URL in it replaced by `***`: https://***@host/x.git. */
function redactCredentials(text: string): string {
  // Up to the last @ before the path, so a password holding a raw @ is hidden whole.
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/?#'"<>]*@/gi, '$1***@');
}

/** The git identity configured for `dir` as `Name <email>` (or whichever is set), or null. */
export async function gitUser(dir: string): Promise<string | null> {
  try {
    const git = simpleGit({ baseDir: dir });
    // `git config --get` exits 1 for an unset key: that is "not configured", not a failure.
    const read = (key: string) =>
      git.raw(['config', '--get', key]).then(
        (value) => value.trim(),
        () => '',
      );
    const [name, email] = await Promise.all([read('user.name'), read('user.email')]);
    if (name && email) return `${name} <${email}>`;
    return name || email || null;
  } catch {
    return null;
  }
}

/** True when the repository at `dir` has a remote called `name` (e.g. `origin` in a checkout). */
export async function hasRemote(dir: string, name: string): Promise<boolean> {
  try {
    const remotes = await simpleGit({ baseDir: dir }).getRemotes();
    return remotes.some((remote) => remote.name === name);
  } catch {
    return false;
  }
}
