/** Real git repositories in temp folders for tests: a work tree, and a bare remote when asked. */
import { afterAll, beforeAll } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Runs git in `dir` with a fixed identity, returning its trimmed output. */
export function git(dir: string, args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args],
    {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  ).trim();
}

const made: string[] = [];

/** A temp folder, removed after the test file's tests (see removeTempDirs). */
export function tempDir(prefix = 'mlops-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every folder tempDir made; jest runs it after each test file (tests/support/cleanup.ts). */
export async function removeTempDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** A new git repository holding `files` in one commit; returns its folder. */
export function makeRepo(files: Record<string, string | Uint8Array>): string {
  const dir = tempDir();
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'user.name', 'Test']);
  git(dir, ['config', 'user.email', 'test@example.com']);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'initial commit']);
  return dir;
}

/** A bare repository to push to, added to `repo` as `origin`. */
export function addBareRemote(repo: string): string {
  const bare = tempDir('mlops-remote-');
  git(bare, ['init', '-q', '--bare']);
  git(repo, ['remote', 'add', 'origin', bare]);
  git(repo, ['push', '-q', 'origin', 'HEAD']);
  return bare;
}

/**
 * One temp folder for a test file, made before its tests and removed after them: `root()` is the
 * folder and `fresh(name)` a new, numbered path inside it.
 */
export function useTempRoot(prefix: string): {
  root: () => string;
  fresh: (name: string) => string;
} {
  let root = '';
  let count = 0;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), prefix));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });
  return { root: () => root, fresh: (name) => path.join(root, `${name}-${++count}`) };
}
