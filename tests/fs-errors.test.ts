/**
 * Failures of the machine, not of mlops: a full disk, no permission, a file where a folder belongs.
 * Each is a named error (exit 2, no stack) that names the file and what to do, and a failed write
 * never leaves half a file or a torn model bundle for the next step to load.
 */
import { describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { open, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileSystemError, nodeFileSystem } from '../src/adapters/fs.js';
import { FileSystemError } from '../src/errors.js';
import { DataError } from '../src/errors.js';
import { configYaml, mlops } from './support/cli.js';
import { makeCsv } from './support/data.js';
import { makeRepo, tempDir } from './support/repo.js';

const onLinux = process.platform === 'linux' ? test : test.skip;

/** The error `promise` rejects with, failing the test when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

/** The named error a real OS error becomes, checked to be a FileSystemError with exit code 2. */
function mapped(error: unknown, file = 'out/model/weights.bin', action = 'write'): string {
  const named = fileSystemError(error, file, action);
  expect(named).toBeInstanceOf(FileSystemError);
  expect((named as FileSystemError).exitCode).toBe(2);
  return (named as FileSystemError).message;
}

describe('OS errors become named errors that say what to do', () => {
  onLinux('ENOSPC, from writing to /dev/full (a device that is always full)', async () => {
    const error = await rejection(writeFile('/dev/full', 'x'));
    expect(mapped(error)).toBe(
      'out/model/weights.bin: cannot write (ENOSPC): the disk is full; free space on this machine (or write elsewhere) and run again.',
    );
  });

  onLinux('EACCES, from creating a file in /sys (refused even to root)', async () => {
    const error = await rejection(open('/sys/mlops-test-probe', 'wx'));
    expect(mapped(error)).toContain('cannot write (EACCES): permission denied; give the user');
  });

  onLinux('EIO, from writing to /proc/version', async () => {
    const error = await rejection(writeFile('/proc/version', 'x'));
    expect(mapped(error)).toContain('(EIO): the device reported an input/output error');
  });

  test('ENOTDIR, from writing under a file (an --out that names a file)', async () => {
    const file = path.join(tempDir(), 'notes.txt');
    writeFileSync(file, 'mine');
    const error = await rejection(writeFile(path.join(file, 'report.md'), '#'));
    expect(mapped(error)).toContain('(ENOTDIR): part of the path is a file, not a folder');
  });

  test('EMFILE (too many open files), as Node reports it', () => {
    const error = Object.assign(new Error('EMFILE: too many open files, open'), {
      code: 'EMFILE',
      syscall: 'open',
    });
    expect(mapped(error, 'data.csv', 'read')).toContain('raise the limit (ulimit -n)');
  });

  test('an OS error without a remedy of its own still names the file and the call', async () => {
    const error = await rejection(readFile(path.join(tempDir(), 'missing')));
    expect(mapped(error, 'x.json', 'read')).toBe(
      'x.json: cannot read (ENOENT): the system refused the open call.',
    );
  });

  test('a folder read as a file is a data error, as before', async () => {
    const error = await rejection(readFile(tempDir()));
    const named = fileSystemError(error, 'data.csv', 'read');
    expect(named).toBeInstanceOf(DataError);
    expect((named as DataError).message).toBe(
      'data.csv: cannot be read (it is a folder, not a file).',
    );
  });

  test('a bug (an error without an OS code) is passed on unchanged, to be reported with its stack', () => {
    const bug = new TypeError('x is not a function');
    expect(fileSystemError(bug, 'data.csv', 'read')).toBe(bug);
  });
});

describe('the adapter fails with named errors and leaves nothing half-written', () => {
  onLinux('a write the system refuses (EACCES in /sys)', async () => {
    const error = await rejection(nodeFileSystem.write('/sys/mlops-test-output.json', '{}'));
    expect(error).toBeInstanceOf(FileSystemError);
    expect((error as Error).message).toMatch(
      /^\/sys\/mlops-test-output\.json: cannot write \(EACCES\)/,
    );
  });

  test('a write over a folder (EISDIR) leaves no temp file behind', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'report.md'));
    const error = await rejection(nodeFileSystem.write(path.join(dir, 'report.md'), '# report'));
    expect(error).toBeInstanceOf(FileSystemError);
    expect((error as Error).message).toContain('report.md: cannot write (EISDIR)');
    expect(readdirSync(dir)).toEqual(['report.md']);
  });

  test('a write under a file (ENOTDIR or EEXIST: a file is where the folder belongs)', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'out'), 'mine');
    const error = await rejection(nodeFileSystem.write(path.join(dir, 'out', 'x', 'v.json'), '{}'));
    expect(error).toBeInstanceOf(FileSystemError);
    expect((error as Error).message).toMatch(/cannot create the folder \((ENOTDIR|EEXIST)\)/);
    expect(readFileSync(path.join(dir, 'out'), 'utf8')).toBe('mine');
  });

  test('a folder written again is replaced whole: no file of the old one remains', async () => {
    const dir = path.join(tempDir(), 'model');
    await nodeFileSystem.writeFolder(dir, { 'model.json': 'old', 'stale.bin': 'old' });
    await nodeFileSystem.writeFolder(dir, { 'model.json': 'new' });
    expect(readdirSync(dir)).toEqual(['model.json']);
    expect(readdirSync(path.dirname(dir))).toEqual(['model']);
  });
});

describe('a full disk, for real (a tiny tmpfs; needs mount rights: root on Linux)', () => {
  const onSmallDisk = canMountTmpfs() ? test : test.skip;

  onSmallDisk('a file write fails with ENOSPC and the previous file stays whole', async () => {
    await onDisk('64k', async (disk) => {
      const file = path.join(disk, 'validation.json');
      await nodeFileSystem.write(file, 'previous');
      fill(disk);
      const error = await rejection(nodeFileSystem.write(file, 'x'.repeat(100_000)));
      expect(error).toBeInstanceOf(FileSystemError);
      expect((error as Error).message).toContain('validation.json: cannot write (ENOSPC)');
      expect(readFileSync(file, 'utf8')).toBe('previous');
      expect(readdirSync(disk).sort()).toEqual(['filler', 'validation.json']);
    });
  });

  onSmallDisk(
    'a bundle write fails with ENOSPC and leaves the previous bundle, not a torn one',
    async () => {
      await onDisk('256k', async (disk) => {
        const dir = path.join(disk, 'model');
        await nodeFileSystem.writeFolder(dir, {
          'model.json': '{}',
          'weights.bin': new Uint8Array(64),
        });
        fill(disk);
        const bigger = { 'model.json': '{}', 'weights.bin': new Uint8Array(1 << 20) };
        const error = await rejection(nodeFileSystem.writeFolder(dir, bigger));
        expect(error).toBeInstanceOf(FileSystemError);
        expect((error as Error).message).toContain(
          'model: cannot write (ENOSPC): the disk is full',
        );
        expect(readFileSync(path.join(dir, 'weights.bin'))).toHaveLength(64);
        expect(readdirSync(disk).sort()).toEqual(['filler', 'model']);
      });
    },
  );

  onSmallDisk('a read-only file system (EROFS)', async () => {
    await onDisk(
      '64k',
      async (disk) => {
        const error = await rejection(nodeFileSystem.write(path.join(disk, 'report.md'), '#'));
        expect(error).toBeInstanceOf(FileSystemError);
        expect((error as Error).message).toContain(
          'report.md: cannot write (EROFS): the file system is read-only; use a writable folder.',
        );
      },
      'ro',
    );
  });

  onSmallDisk(
    'mlops train of a bigger model on a full disk exits 2 without a stack; evaluate then loads the previous model',
    async () => {
      const repo = makeRepo({ 'data.csv': makeCsv('binary', 120), 'mlops.yml': configYaml() });
      const config = path.join(repo, 'mlops.yml');
      await onDisk('4m', async (disk) => {
        expect((await mlops(repo, ['train', '--out', disk])).code).toBe(0);
        const weights = readFileSync(path.join(disk, 'model', 'weights.bin'));
        fill(disk);
        // Far more weights than the disk has room for: written in place, they would be cut short.
        writeFileSync(config, configYaml().replace('hidden: [16]', 'hidden: [1024]'));
        const full = await mlops(repo, ['train', '--out', disk]);
        expect(full.code).toBe(2);
        expect(full.stderr).toMatch(/^error: .*model: cannot write \(ENOSPC\): the disk is full/m);
        expect(full.stderr).not.toContain('internal error');
        expect(readFileSync(path.join(disk, 'model', 'weights.bin'))).toEqual(weights);
        writeFileSync(config, configYaml());
        rmSync(path.join(disk, 'filler'));
        const evaluated = await mlops(repo, ['evaluate', '--out', disk]);
        expect(evaluated.stderr).not.toContain('internal error');
        expect([0, 1]).toContain(evaluated.code);
      });
    },
  );
});

describe('the CLI reports a refused output folder as an error, not a crash', () => {
  onLinux('--out in a folder the system will not write (EACCES, or EPERM for root)', async () => {
    const repo = makeRepo({ 'data.csv': makeCsv('binary', 60), 'mlops.yml': configYaml() });
    const result = await mlops(repo, ['validate', '--out', '/sys/mlops-test-out']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: \/sys\/mlops-test-out: cannot create the folder \((EACCES|EPERM)\): .*give the user running mlops access/m,
    );
    expect(result.stderr).not.toContain('internal error');
  });
});

/** True when this process may mount a tmpfs (root, or CAP_SYS_ADMIN, on Linux). */
function canMountTmpfs(): boolean {
  if (process.platform !== 'linux') return false;
  const dir = tempDir('mlops-mount-probe-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync('umount', [dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Runs `use` with a fresh tmpfs of `size` mounted on a temp folder, unmounted afterwards. */
async function onDisk(
  size: string,
  use: (disk: string) => Promise<void>,
  mode: 'rw' | 'ro' = 'rw',
): Promise<void> {
  const disk = tempDir('mlops-small-disk-');
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},${mode}`, 'tmpfs', disk]);
  try {
    await use(disk);
  } finally {
    execFileSync('umount', [disk]);
  }
}

/** Fills the disk holding `dir` to the last byte with a file named `filler`. */
function fill(dir: string): void {
  try {
    writeFileSync(path.join(dir, 'filler'), Buffer.alloc(64 << 20));
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOSPC') throw error;
  }
}
