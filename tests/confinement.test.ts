/**
 * Workspace confinement by real path, as a fork's pull request would attack it: the config file,
 * the paths it names and the output folder as links out of the checkout or into `.git`, and
 * committed links where outputs are written. Reads are refused, writes replace the link, errors
 * name the field and never the file's content.
 */
import { describe, expect, test } from '@jest/globals';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { createFileSystem, nodeFileSystem, type FileSystem } from '../src/adapters/fs.js';
import { configFromFlags } from '../src/config/load.js';
import { ConfigError, UsageError } from '../src/errors.js';
import { confine, isInside } from '../src/safety/paths.js';
import { confineConfigPaths, confineOutputFolder, resolveConfig } from '../src/steps/setup.js';
import { configYaml, mlops } from './support/cli.js';
import { makeCsv } from './support/data.js';
import { makeRepo, tempDir } from './support/repo.js';

const SECRET = 'TOKEN=ghs_secret-from-the-runner';

/** A workspace (a git checkout) and, beside it, a folder outside it holding a secret file. */
function workspaceAndOutside(): { ws: string; outside: string; secret: string } {
  const ws = makeRepo({
    'mlops.yml': configYaml(),
    'data.csv': makeCsv('binary', 60),
    'notes.txt': 'mine\n',
  });
  const outside = tempDir('mlops-outside-');
  const secret = path.join(outside, 'secret.env');
  writeFileSync(secret, `${SECRET}\n`);
  return { ws, outside, secret };
}

/** The error `promise` rejects with, failing the test when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error as Error,
  );
}

const confineIn = (ws: string, file: string, links: 'follow' | 'refuse' = 'follow') =>
  confine(file, { workspace: ws, realPath: nodeFileSystem.realPath, what: 'data.train', links });

describe('confine: the real path must lie inside the workspace and outside .git', () => {
  test('a file of the workspace resolves to its real path', async () => {
    const { ws } = workspaceAndOutside();
    expect(await confineIn(ws, 'data.csv')).toBe(realpathSync(path.join(ws, 'data.csv')));
    expect(await confineIn(ws, path.join(ws, 'new', 'file.json'))).toBe(
      path.join(realpathSync(ws), 'new', 'file.json'),
    );
  });

  test.each([
    ['a path climbing out', () => '../secret.env'],
    ['an absolute path outside', (_ws: string, secret: string) => secret],
    ['a link to a file outside', (ws: string, secret: string) => link(ws, 'data.csv.lnk', secret)],
    [
      'a file not yet written under a link to a folder outside',
      (ws: string, secret: string) => `${link(ws, 'out-link', path.dirname(secret))}/new.json`,
    ],
    [
      'a link pointing nowhere, outside',
      (ws: string, secret: string) => link(ws, 'dangling', `${secret}.missing`),
    ],
    ['.git/config', () => '.git/config'],
    ['.GIT/config (case-insensitive file systems)', () => '.GIT/config'],
    ['a link to .git', (ws: string) => `${link(ws, 'git-link', '.git')}/config`],
    ['a path through data/.. into .git', () => 'data/../.git/config'],
  ])('refuses %s, naming the field and not the content', async (_name, named) => {
    const { ws, secret } = workspaceAndOutside();
    const file = named(ws, secret);
    const error = await rejection(confineIn(ws, file));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatch(/^data\.train: .* is outside the workspace \(or inside \.git\)/);
    expect(error.message).not.toContain(SECRET);
  });

  test('a link between two files of the workspace is followed for reading, refused for writing', async () => {
    const { ws } = workspaceAndOutside();
    const file = link(ws, 'train.csv', 'data.csv');
    expect(await confineIn(ws, file)).toBe(realpathSync(path.join(ws, 'data.csv')));
    const error = await rejection(confineIn(ws, file, 'refuse'));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain('data.train: train.csv is reached through a symbolic link');
  });
});

describe('the config file in an action', () => {
  const request = (ws: string, config?: string) => ({
    cwd: ws,
    workspace: ws,
    ...(config ? { config } : {}),
    overrides: {},
    env: {},
  });

  test('mlops.yml as a link to a file outside (like /proc/self/environ) is refused unread', async () => {
    const { ws, secret } = workspaceAndOutside();
    replaceWithLink(path.join(ws, 'mlops.yml'), secret);
    const error = await rejection(resolveConfig(request(ws), nodeFileSystem));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatch(/^config: mlops\.yml is outside the workspace/);
    expect(error.message).not.toContain(SECRET);
  });

  test('a config input naming a file outside (like /etc/passwd) is refused unread', async () => {
    const { ws, secret } = workspaceAndOutside();
    const error = await rejection(resolveConfig(request(ws, secret), nodeFileSystem));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain(`config: ${secret} is outside the workspace`);
    expect(error.message).not.toContain(SECRET);
  });

  test('the CLI reads what the user names, and still does not echo it', async () => {
    const { ws, secret } = workspaceAndOutside();
    const error = await rejection(
      resolveConfig({ cwd: ws, config: secret, overrides: {}, env: {} }, nodeFileSystem),
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('expected object, got a string of');
    expect(error.message).not.toContain(SECRET);
  });
});

describe('paths the config names, in an action', () => {
  test.each([
    ['data.train', { data: { train: 'data.lnk', label: 'y' } }],
    ['schema', { data: { train: 'data.csv', label: 'y' }, schema: '.git/config' }],
    ['registry.releases', { data: { train: 'data.csv', label: 'y' }, releases: '../releases' }],
  ])('%s leaving the workspace is refused by name', async (field, named) => {
    const { ws, secret } = workspaceAndOutside();
    link(ws, 'data.lnk', secret);
    const config = configFromFlags({ data: named.data.train, label: 'y' });
    if ('schema' in named) config.schema = named.schema;
    if ('releases' in named) config.registry.releases = named.releases;
    const error = await rejection(confineConfigPaths(config, ws, ws, nodeFileSystem));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message.startsWith(`${field}: `)).toBe(true);
  });
});

describe('the output folder in an action', () => {
  test.each([
    [
      '.mlops as a link to a folder outside',
      (ws: string, outside: string) => link(ws, '.mlops', outside),
    ],
    [
      '.mlops as a link to a folder of the workspace',
      (ws: string) => {
        mkdirSync(path.join(ws, 'src'));
        return link(ws, '.mlops', 'src');
      },
    ],
    ['.git/refs/tags', () => '.git/refs/tags'],
    ['a folder outside the workspace', (_ws: string, outside: string) => outside],
    ['a file', () => 'notes.txt'],
  ])('refuses %s', async (_name, named) => {
    const { ws, outside } = workspaceAndOutside();
    const out = path.resolve(ws, named(ws, outside));
    const error = await rejection(confineOutputFolder(out, ws, nodeFileSystem));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatch(/^out[: ]/);
    expect(readdirSync(outside)).toEqual(['secret.env']);
  });

  test('accepts a real folder of the workspace, present or not', async () => {
    const { ws } = workspaceAndOutside();
    await confineOutputFolder(path.join(ws, '.mlops'), ws, nodeFileSystem);
    mkdirSync(path.join(ws, 'out'));
    await confineOutputFolder(path.join(ws, 'out'), ws, nodeFileSystem);
  });
});

describe.each([
  ['the CLI', (_ws: string) => nodeFileSystem],
  ['an action', (ws: string) => createFileSystem({ workspace: ws })],
])('writes in %s replace a committed link, never follow it', (_name, fileSystem) => {
  test('.mlops/validation.json as a link to a file outside', async () => {
    const { ws, secret } = workspaceAndOutside();
    mkdirSync(path.join(ws, '.mlops'));
    const file = link(ws, '.mlops/validation.json', secret);
    await fileSystem(ws).write(file, '{"ok": true}\n');
    expect(readFileSync(secret, 'utf8')).toBe(`${SECRET}\n`);
    expect(lstatSync(file).isFile()).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('{"ok": true}\n');
    expect(readdirSync(path.join(ws, '.mlops'))).toEqual(['validation.json']);
  });

  test('.mlops/schema.json as a link to .git/config', async () => {
    const { ws } = workspaceAndOutside();
    const gitConfig = readFileSync(path.join(ws, '.git', 'config'), 'utf8');
    mkdirSync(path.join(ws, '.mlops'));
    const file = link(ws, '.mlops/schema.json', '../.git/config');
    await fileSystem(ws).write(file, '{}\n');
    expect(readFileSync(path.join(ws, '.git', 'config'), 'utf8')).toBe(gitConfig);
    expect(lstatSync(file).isFile()).toBe(true);
  });

  test('.mlops/model as a link to a folder outside', async () => {
    const { ws, outside } = workspaceAndOutside();
    mkdirSync(path.join(ws, '.mlops'));
    const dir = link(ws, '.mlops/model', outside);
    await fileSystem(ws).writeFolder(dir, { 'model.json': '{}', 'weights.bin': new Uint8Array(8) });
    expect(readdirSync(outside)).toEqual(['secret.env']);
    expect(lstatSync(dir).isDirectory()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['model.json', 'weights.bin']);
    expect(readdirSync(path.join(ws, '.mlops'))).toEqual(['model']);
  });
});

describe('a confined file system (the action) refuses what leaves the workspace', () => {
  test('writing, or removing, under .mlops when .mlops is a link out', async () => {
    const { ws, outside } = workspaceAndOutside();
    const fs = createFileSystem({ workspace: ws });
    link(ws, '.mlops', outside);
    const write = await rejection(fs.write(path.join(ws, '.mlops', 'validation.json'), '{}'));
    expect(write).toBeInstanceOf(UsageError);
    expect(write.message).toMatch(/^output: \.mlops is outside the workspace/);
    const remove = await rejection(fs.remove(path.join(ws, '.mlops', 'secret.env')));
    expect(remove).toBeInstanceOf(UsageError);
    expect(readdirSync(outside)).toEqual(['secret.env']);
  });

  test('writing under .mlops when .mlops is a link to a folder of the workspace', async () => {
    const { ws } = workspaceAndOutside();
    mkdirSync(path.join(ws, 'src'));
    link(ws, '.mlops', 'src');
    const fs = createFileSystem({ workspace: ws });
    const error = await rejection(fs.write(path.join(ws, '.mlops', 'report.md'), '# report'));
    expect(error.message).toContain('output: .mlops is reached through a symbolic link');
    expect(readdirSync(path.join(ws, 'src'))).toEqual([]);
  });

  test('reading a committed output that links to a secret outside', async () => {
    const { ws, secret } = workspaceAndOutside();
    mkdirSync(path.join(ws, '.mlops'));
    const report = link(ws, '.mlops/report.md', secret);
    const fs = createFileSystem({ workspace: ws });
    for (const read of [
      () => fs.readText(report),
      () => fs.readBytes(report),
      () => drain(fs, report),
      () => fs.open(report),
      () => fs.list(report),
    ]) {
      const error = await rejection(read());
      expect(error).toBeInstanceOf(UsageError);
      expect(error.message).toMatch(/^input: \.mlops\/report\.md is outside the workspace/);
      expect(error.message).not.toContain(SECRET);
    }
  });

  test('the scratch root holds folders mlops makes itself; links there may not lead out', async () => {
    const { ws, secret } = workspaceAndOutside();
    const scratch = tempDir('mlops-scratch-');
    const fs = createFileSystem({ workspace: ws, scratch });
    await fs.writeFolder(path.join(scratch, 'baseline'), { 'model.json': '{"m":1}' });
    expect(await fs.readText(path.join(scratch, 'baseline', 'model.json'))).toBe('{"m":1}');
    const error = await rejection(fs.readText(link(scratch, 'leak', secret)));
    expect(error).toBeInstanceOf(UsageError);
    await fs.remove(path.join(scratch, 'baseline'));
    expect(existsSync(path.join(scratch, 'baseline'))).toBe(false);
  });
});

describe('the CLI: --out inside .git or naming a file is refused; links stay the user’s choice', () => {
  test.each([
    ['.git/refs/tags', 'the output folder is inside .git'],
    ['notes.txt', 'this is a file, not a folder'],
  ])('--out %s', async (out, message) => {
    const { ws } = workspaceAndOutside();
    const tagsBefore = readdirSync(path.join(ws, '.git', 'refs', 'tags'));
    const result = await mlops(ws, ['validate', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`error: --out ${path.join(ws, out)}: ${message}`);
    expect(result.stderr).not.toContain('internal error');
    expect(readdirSync(path.join(ws, '.git', 'refs', 'tags'))).toEqual(tagsBefore);
  });

  test('--out through a link to the user’s own folder elsewhere still works', async () => {
    const { ws, outside } = workspaceAndOutside();
    link(ws, 'results', outside);
    const result = await mlops(ws, ['validate', '--out', 'results']);
    expect(result.code).toBe(0);
    expect(existsSync(path.join(outside, 'validation.json'))).toBe(true);
  });
});

/** Makes `name` in `dir` a symbolic link to `target`; returns its path. */
function link(dir: string, name: string, target: string): string {
  const file = path.join(dir, name);
  symlinkSync(target, file);
  return file;
}

/** Replaces the file at `file` with a link to `target`. */
function replaceWithLink(file: string, target: string): void {
  rmSync(file);
  symlinkSync(target, file);
}

async function drain(fs: FileSystem, file: string): Promise<void> {
  for await (const _chunk of fs.stream(file));
}

describe('isInside', () => {
  test.each([
    ['/ws', '/ws', true],
    ['/ws', '/ws/data/x.csv', true],
    ['/ws', '/ws/..data/x.csv', true],
    ['/ws', '/ws/../x', false],
    ['/ws', '/wsx/y', false],
    ['/ws', '/', false],
  ])('%s holds %s: %s', (parent, child, inside) => {
    expect(isInside(parent, child)).toBe(inside);
  });
});
