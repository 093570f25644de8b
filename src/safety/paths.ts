/**
 * Workspace confinement by real path: a path a pull request names, directly or through a committed
 * symbolic link, must stay in the workspace and out of `.git`, where actions/checkout keeps the
 * token. Pure: the caller passes its realpath, so this module never touches the file system.
 */
import path from 'node:path';
import { UsageError } from '../errors.js';

/** realpath that also answers for paths that do not exist yet (through their nearest existing folder). */
export type RealPath = (file: string) => Promise<string>;

export interface Confinement {
  /** The folder every path must stay in; `.git` inside it is off limits. */
  workspace: string;
  realPath: RealPath;
  /** The config field or action input that named the path, for the error message. */
  what: string;
  /**
   * `refuse`: no symbolic link may lie between the workspace and the path, so a write lands in the
   * very folder asked for. `follow` (the default): links are followed and their target checked.
   */
  links?: 'follow' | 'refuse';
}

/**
 * The real path of `file` (absolute, or relative to the workspace) when it lies inside the
 * workspace and outside `.git`; otherwise a UsageError naming `what` and the path as asked, never
 * where a link leads or what the file holds.
 */
export async function confine(file: string, confinement: Confinement): Promise<string> {
  const { workspace, realPath, what, links = 'follow' } = confinement;
  const asked = path.resolve(workspace, file);
  const [root, real] = await Promise.all([realPath(workspace), realPath(asked)]);
  const shown = shownPath(workspace, asked);
  if (!isInside(root, real) || isInGitFolder(path.relative(root, real))) {
    throw new UsageError(
      `${what}: ${shown} is outside the workspace (or inside .git); use a path in the repository (symbolic links are followed to where they lead).`,
    );
  }
  if (links === 'refuse' && path.relative(root, real) !== path.relative(workspace, asked)) {
    throw new UsageError(
      `${what}: ${shown} is reached through a symbolic link, and outputs are written only to real folders of the workspace; remove the link (it may come from the pull request) or choose another folder.`,
    );
  }
  return real;
}

/** True when `child` is `parent` or lies inside it (both absolute). */
export function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  // `..` itself or a `../` start leaves the parent; a folder named `..data` does not.
  const leaves = relative === '..' || relative.startsWith(`..${path.sep}`);
  return relative === '' || (!leaves && !path.isAbsolute(relative));
}

/**
 * True when a path names a `.git` folder or something in it, in any letter case (case-insensitive
 * file systems open `.GIT/config` as `.git/config`).
 */
export function isInGitFolder(file: string): boolean {
  return file.split(/[\\/]/).some((part) => part.toLowerCase() === '.git');
}

/** The path as people gave it: relative to the workspace when inside it, else absolute. */
function shownPath(workspace: string, asked: string): string {
  const resolved = path.resolve(workspace);
  return isInside(resolved, asked) ? path.relative(resolved, asked) || '.' : asked;
}
