import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  reportedModel,
  runComment
} from "./chunk-BHCT6P2S.js";
import {
  findModel,
  replayTags,
  versionsOnCommit
} from "./chunk-YR2GBVOP.js";
import {
  describeParams,
  require_dist
} from "./chunk-5CCA7GT4.js";
import {
  backendSchema,
  configSchema,
  modelNameSchema,
  outputPaths,
  readStepText,
  writeJson
} from "./chunk-C2BMDOFT.js";
import {
  error,
  getInput,
  group,
  info,
  notice,
  require_src,
  setFailed,
  setOutput,
  setSecret,
  summary,
  warning
} from "./chunk-2KJHYJUY.js";
import {
  chooseCommentTarget,
  eventHeadSha,
  isForkPullRequest,
  isPullRequestEvent,
  parseCommentTarget,
  parsePendingComment,
  triggeringRun,
  unavailableCommentStore
} from "./chunk-WK7L66YU.js";
import {
  fitSummary
} from "./chunk-DNKOUKO6.js";
import {
  parseTag
} from "./chunk-H7KIXIMF.js";
import {
  SUMS_FILE,
  parseSha256Sums,
  sha256Hex,
  verifyAsset,
  withChecksums
} from "./chunk-T6OIANNY.js";
import {
  DEFAULT_API_URL,
  parseRepo,
  releasePageUrl
} from "./chunk-BKOIQZVU.js";
import {
  external_exports
} from "./chunk-QXT2EVHB.js";
import {
  errorMessage,
  firstLine,
  formatNumber,
  summarizeMetrics
} from "./chunk-NM5J5SUB.js";
import {
  ConfigError,
  DataError,
  FileSystemError,
  MlopsError,
  PermissionDenied,
  RegistryConflict,
  UsageError,
  VersionExistsForCommit
} from "./chunk-N5O7Y2C6.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-5ZRYL5NC.js";

// node_modules/@kwsites/file-exists/dist/src/index.js
var require_src2 = __commonJS({
  "node_modules/@kwsites/file-exists/dist/src/index.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    var fs_1 = __require("fs");
    var debug_1 = __importDefault(require_src());
    var log = debug_1.default("@kwsites/file-exists");
    function check(path13, isFile, isDirectory) {
      log(`checking %s`, path13);
      try {
        const stat3 = fs_1.statSync(path13);
        if (stat3.isFile() && isFile) {
          log(`[OK] path represents a file`);
          return true;
        }
        if (stat3.isDirectory() && isDirectory) {
          log(`[OK] path represents a directory`);
          return true;
        }
        log(`[FAIL] path represents something other than a file or directory`);
        return false;
      } catch (e) {
        if (e.code === "ENOENT") {
          log(`[FAIL] path is not accessible: %o`, e);
          return false;
        }
        log(`[FATAL] %o`, e);
        throw e;
      }
    }
    function exists2(path13, type = exports.READABLE) {
      return check(path13, (type & exports.FILE) > 0, (type & exports.FOLDER) > 0);
    }
    exports.exists = exists2;
    exports.FILE = 1;
    exports.FOLDER = 2;
    exports.READABLE = exports.FILE + exports.FOLDER;
  }
});

// node_modules/@kwsites/file-exists/dist/index.js
var require_dist2 = __commonJS({
  "node_modules/@kwsites/file-exists/dist/index.js"(exports) {
    "use strict";
    function __export(m2) {
      for (var p2 in m2) if (!exports.hasOwnProperty(p2)) exports[p2] = m2[p2];
    }
    Object.defineProperty(exports, "__esModule", { value: true });
    __export(require_src2());
  }
});

// node_modules/@kwsites/promise-deferred/dist/index.js
var require_dist3 = __commonJS({
  "node_modules/@kwsites/promise-deferred/dist/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.createDeferred = exports.deferred = void 0;
    function deferred() {
      let done;
      let fail;
      let status = "pending";
      const promise = new Promise((_done, _fail) => {
        done = _done;
        fail = _fail;
      });
      return {
        promise,
        done(result) {
          if (status === "pending") {
            status = "resolved";
            done(result);
          }
        },
        fail(error2) {
          if (status === "pending") {
            status = "rejected";
            fail(error2);
          }
        },
        get fulfilled() {
          return status !== "pending";
        },
        get status() {
          return status;
        }
      };
    }
    exports.deferred = deferred;
    exports.createDeferred = deferred;
    exports.default = deferred;
  }
});

// src/action/main.ts
import os2 from "node:os";
import path12 from "node:path";

// src/adapters/cache.ts
import path5 from "node:path";

// src/adapters/cache-actions.ts
import { rm as rm2 } from "node:fs/promises";
import path4 from "node:path";

// src/adapters/cache-folder.ts
import path3 from "node:path";

// src/adapters/fs.ts
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import {
  lstat,
  mkdir,
  mkdtemp,
  open,
  readFile,
  readdir,
  readlink,
  realpath,
  rename,
  rm,
  stat
} from "node:fs/promises";
import path2 from "node:path";

// src/safety/paths.ts
import path from "node:path";
async function confine(file, confinement) {
  const { workspace, realPath, what, links = "follow" } = confinement;
  const asked = path.resolve(workspace, file);
  const [root, real] = await Promise.all([realPath(workspace), realPath(asked)]);
  const shown = shownPath(workspace, asked);
  if (!isInside(root, real) || isInGitFolder(path.relative(root, real))) {
    throw new UsageError(
      `${what}: ${shown} is outside the workspace (or inside .git); use a path in the repository (symbolic links are followed to where they lead).`
    );
  }
  if (links === "refuse" && path.relative(root, real) !== path.relative(workspace, asked)) {
    throw new UsageError(
      `${what}: ${shown} is reached through a symbolic link, and outputs are written only to real folders of the workspace; remove the link (it may come from the pull request) or choose another folder.`
    );
  }
  return real;
}
function isInside(parent, child) {
  const relative = path.relative(parent, child);
  const leaves = relative === ".." || relative.startsWith(`..${path.sep}`);
  return relative === "" || !leaves && !path.isAbsolute(relative);
}
function isInGitFolder(file) {
  return file.split(/[\\/]/).some((part) => part.toLowerCase() === ".git");
}
function shownPath(workspace, asked) {
  const resolved = path.resolve(workspace);
  return isInside(resolved, asked) ? path.relative(resolved, asked) || "." : asked;
}

// src/adapters/fs.ts
function createFileSystem(confinement) {
  const allow = (file, links) => confinement ? confineAccess(file, confinement, links) : Promise.resolve();
  const allowWriteIn = (file) => allow(path2.dirname(path2.resolve(file)), "refuse");
  return {
    async *stream(file) {
      await mustExist(file);
      await allow(file, "follow");
      try {
        yield* createReadStream(file, { highWaterMark: 1 << 16 });
      } catch (error2) {
        throw fileSystemError(error2, file, "read");
      }
    },
    async open(file) {
      await mustExist(file);
      await allow(file, "follow");
      const handle = await attempt(file, "read", () => open(file, "r"));
      try {
        const { size } = await attempt(file, "read", () => handle.stat());
        return {
          size,
          read: (start, end) => attempt(file, "read", () => readRange(handle, file, start, end)),
          close: () => handle.close()
        };
      } catch (error2) {
        await handle.close();
        throw error2;
      }
    },
    async list(dir) {
      await mustExist(dir);
      await allow(dir, "follow");
      return (await attempt(dir, "read", () => readdir(dir))).sort();
    },
    async readText(file) {
      await mustExist(file);
      await allow(file, "follow");
      return attempt(file, "read", () => readFile(file, "utf8"));
    },
    async readBytes(file) {
      await mustExist(file);
      await allow(file, "follow");
      return new Uint8Array(await attempt(file, "read", () => readFile(file)));
    },
    async write(file, data) {
      await allowWriteIn(file);
      await makeFolder(path2.dirname(file));
      await attempt(file, "write", () => writeThenRename(file, data));
    },
    async writeFolder(dir, files) {
      await allowWriteIn(dir);
      await makeFolder(path2.dirname(dir));
      await attempt(dir, "write", () => writeFolderThenRename(dir, files));
    },
    async remove(file) {
      await allowWriteIn(file);
      await attempt(file, "remove", () => rm(file, { recursive: true, force: true }));
    },
    realPath: resolveLinks,
    // lstat: a link counts even when it points nowhere, so nothing is written through it.
    exists: (file) => lstat(file).then(
      () => true,
      () => false
    ),
    isFolder: (file) => stat(file).then(
      (stats) => stats.isDirectory(),
      () => false
    )
  };
}
var nodeFileSystem = createFileSystem();
async function confineAccess(file, { workspace, scratch }, links) {
  const absolute = path2.resolve(file);
  const inScratch = scratch && !isInside(path2.resolve(workspace), absolute) && isInside(path2.resolve(scratch), absolute);
  const root = inScratch ? scratch : workspace;
  const what = links === "refuse" ? "output" : "input";
  await confine(absolute, { workspace: root, realPath: resolveLinks, what, links });
}
async function mustExist(file) {
  if (!await nodeFileSystem.exists(file)) {
    throw new DataError(
      `${file}: file not found. Check the path (relative paths start at the config file's folder).`
    );
  }
}
async function readRange(handle, file, start, end) {
  const bytes = new Uint8Array(end - start);
  for (let at2 = 0; at2 < bytes.length; ) {
    const { bytesRead } = await handle.read(bytes, at2, bytes.length - at2, start + at2);
    if (bytesRead === 0) {
      throw new DataError(
        `${file}: the file got shorter while it was read; run again once it is written.`
      );
    }
    at2 += bytesRead;
  }
  return bytes;
}
async function makeFolder(dir) {
  await attempt(dir, "create the folder", () => mkdir(dir, { recursive: true }));
}
async function writeThenRename(file, data) {
  const temp = tempPathBeside(file);
  try {
    await writeNewFile(temp, data);
    await rename(temp, file);
  } catch (error2) {
    await rm(temp, { force: true });
    throw error2;
  }
}
async function writeFolderThenRename(dir, files) {
  const staging = await mkdtemp(`${tempPathBeside(dir)}-`);
  try {
    for (const [name, data] of Object.entries(files)) {
      await writeNewFile(path2.join(staging, name), data);
    }
    await swapIn(staging, dir);
  } catch (error2) {
    await rm(staging, { recursive: true, force: true });
    throw error2;
  }
}
async function swapIn(staging, dir) {
  const previous = `${staging}-previous`;
  const hadPrevious = await nodeFileSystem.exists(dir);
  if (hadPrevious) await rename(dir, previous);
  try {
    await rename(staging, dir);
  } catch (error2) {
    if (hadPrevious) await rename(previous, dir);
    throw error2;
  }
  if (hadPrevious) await rm(previous, { recursive: true, force: true });
}
async function writeNewFile(file, data) {
  const handle = await open(file, "wx");
  try {
    await handle.writeFile(data);
  } finally {
    await handle.close();
  }
}
function tempPathBeside(file) {
  const name = `.${path2.basename(file)}.${randomBytes(6).toString("hex")}.tmp`;
  return path2.join(path2.dirname(file), name);
}
async function attempt(file, action, call) {
  try {
    return await call();
  } catch (error2) {
    throw fileSystemError(error2, file, action);
  }
}
var REMEDIES = {
  ENOSPC: "the disk is full; free space on this machine (or write elsewhere) and run again",
  EDQUOT: "the disk quota is used up; free space (or write elsewhere) and run again",
  EACCES: "permission denied; give the user running mlops access, or use another folder",
  EPERM: "the operation is not permitted here; give the user running mlops access, or use another folder",
  EROFS: "the file system is read-only; use a writable folder",
  EISDIR: "a folder is in the way of a file; remove it or use another path",
  ENOTDIR: "part of the path is a file, not a folder; check the path (an output folder must be a folder)",
  EEXIST: "a file is in the way of a folder; remove it or use another path",
  EMFILE: "too many files are open; raise the limit (ulimit -n) or run fewer jobs at once",
  ENFILE: "the system has too many files open; run fewer jobs at once and retry",
  ENAMETOOLONG: "the path is too long; use a shorter one",
  ELOOP: "symbolic links there form a loop (or a chain too long); remove the links",
  EIO: "the device reported an input/output error; check the disk",
  ERR_FS_FILE_TOO_LARGE: "the file is too large to read whole",
  ERR_STRING_TOO_LONG: "the file is too large to read as text"
};
function fileSystemError(error2, file, action) {
  if (error2 instanceof MlopsError || typeof error2 !== "object" || error2 === null) return error2;
  const { code, syscall } = error2;
  if (typeof code !== "string") return error2;
  if (action === "read" && code === "EISDIR") {
    return new DataError(`${file}: cannot be read (it is a folder, not a file).`);
  }
  if (Object.hasOwn(REMEDIES, code)) {
    return refusal(file, action, code, REMEDIES[code]);
  }
  if (typeof syscall === "string") {
    return refusal(file, action, code, `the system refused the ${syscall} call`);
  }
  return error2;
}
function refusal(file, action, code, why) {
  return new FileSystemError(`${file}: cannot ${action} (${code}): ${why}.`);
}
async function resolveLinks(file, hops = 0) {
  const absolute = path2.resolve(file);
  try {
    return await realpath(absolute);
  } catch (error2) {
    const code = error2.code;
    if (code !== "ENOENT" && code !== "ENOTDIR") throw fileSystemError(error2, file, "resolve");
  }
  const parent = path2.dirname(absolute);
  if (parent === absolute) return absolute;
  const realParent = await resolveLinks(parent, hops);
  const target = await readlink(absolute).catch(() => null);
  if (target === null) return path2.join(realParent, path2.basename(absolute));
  if (hops >= MAX_LINK_HOPS) {
    throw refusal(file, "resolve", "ELOOP", REMEDIES.ELOOP);
  }
  return resolveLinks(path2.resolve(realParent, target), hops + 1);
}
var MAX_LINK_HOPS = 40;

// src/adapters/cache-folder.ts
var ENTRY_FORMAT = "mlops-actions/training-cache-entry/v1";
var ARCHIVE_FILE = "bundle.tgz";
var ENTRY_FILE = "entry.json";
var entrySchema = external_exports.object({
  format: external_exports.literal(ENTRY_FORMAT),
  key: external_exports.string(),
  sha256: external_exports.string().regex(/^[0-9a-f]{64}$/)
});
function entryFolderName(key) {
  return sha256Hex(new TextEncoder().encode(key));
}
async function writeEntryFolder(dir, key, entry) {
  const meta = { format: ENTRY_FORMAT, key, sha256: entry.sha256 };
  await nodeFileSystem.writeFolder(dir, {
    [ARCHIVE_FILE]: entry.archive,
    [ENTRY_FILE]: `${JSON.stringify(meta, null, 2)}
`
  });
}
async function readEntryFolder(dir, key) {
  const metaFile = path3.join(dir, ENTRY_FILE);
  if (!await nodeFileSystem.exists(metaFile)) return null;
  const meta = entrySchema.safeParse(JSON.parse(await nodeFileSystem.readText(metaFile)));
  if (!meta.success) throw new Error(`${ENTRY_FILE} is not a ${ENTRY_FORMAT} record`);
  if (meta.data.key !== key) throw new Error(`it was saved under another key, ${meta.data.key}`);
  const archive = await nodeFileSystem.readBytes(path3.join(dir, ARCHIVE_FILE));
  return { archive, sha256: meta.data.sha256 };
}
function createFolderCache(root, log) {
  const where = `the local cache ${root}`;
  return {
    async restore(key) {
      try {
        const entry = await readEntryFolder(path3.join(root, entryFolderName(key)), key);
        return entry && { ...entry, where };
      } catch (error2) {
        log.warn(
          `training cache: cannot read the entry for key ${key} in ${where} (${errorMessage(error2)}); ignoring it`
        );
        return null;
      }
    },
    async save(key, entry) {
      try {
        await writeEntryFolder(path3.join(root, entryFolderName(key)), key, entry);
        log.info(`training cache: saved key ${key} to ${where}`);
      } catch (error2) {
        log.warn(`training cache: cannot save key ${key} to ${where} (${errorMessage(error2)})`);
      }
    }
  };
}

// src/adapters/cache-actions.ts
var WHERE = "the GitHub Actions cache";
function actionsCacheAvailable(env) {
  if (!env.ACTIONS_RUNTIME_TOKEN) return false;
  const v2 = Boolean(env.ACTIONS_CACHE_SERVICE_V2) && !isEnterpriseServer(env);
  return Boolean(v2 ? env.ACTIONS_RESULTS_URL : env.ACTIONS_CACHE_URL);
}
function isEnterpriseServer(env) {
  const host = new URL(env.GITHUB_SERVER_URL || "https://github.com").hostname.toUpperCase();
  return host !== "GITHUB.COM" && !host.endsWith(".GHE.COM") && !host.endsWith(".LOCALHOST");
}
function createActionsCache(scratch, log) {
  const folderOf = (key) => path4.join(scratch, entryFolderName(key));
  return {
    async restore(key) {
      const dir = folderOf(key);
      try {
        await rm2(dir, { recursive: true, force: true });
        const { restoreCache } = await import("./cache-WWDHH5PH.js");
        if (await restoreCache([dir], key) !== key) return null;
        const entry = await readEntryFolder(dir, key);
        return entry && { ...entry, where: WHERE };
      } catch (error2) {
        log.warn(
          `training cache: cannot restore key ${key} from ${WHERE} (${errorMessage(error2)})`
        );
        return null;
      } finally {
        await rm2(dir, { recursive: true, force: true });
      }
    },
    async save(key, entry) {
      const dir = folderOf(key);
      try {
        await writeEntryFolder(dir, key, entry);
        const { saveCache } = await import("./cache-WWDHH5PH.js");
        if (await saveCache([dir], key) !== -1)
          log.info(`training cache: saved key ${key} to ${WHERE}`);
      } catch (error2) {
        log.warn(`training cache: cannot save key ${key} to ${WHERE} (${errorMessage(error2)})`);
      } finally {
        await rm2(dir, { recursive: true, force: true });
      }
    }
  };
}

// src/adapters/cache.ts
var CACHE_SUBFOLDER = path5.join("mlops-actions", "training");
function createTrainingCache(options) {
  const { env, log } = options;
  const local = createFolderCache(options.dir, log);
  if (!actionsCacheAvailable(env)) return local;
  const scratch = path5.join(env.RUNNER_TEMP || options.tmpRoot, "mlops-training-cache");
  return layeredCache([createActionsCache(scratch, log), local]);
}
function layeredCache(caches) {
  return {
    async restore(key) {
      for (const cache of caches) {
        const hit = await cache.restore(key);
        if (hit) return hit;
      }
      return null;
    },
    async save(key, entry) {
      for (const cache of caches) await cache.save(key, entry);
    }
  };
}
function actionCacheDir(env, workspace, tmpRoot) {
  if (env.MLOPS_CACHE_DIR) return path5.resolve(workspace, env.MLOPS_CACHE_DIR);
  return path5.join(tmpRoot, CACHE_SUBFOLDER);
}

// src/adapters/git.ts
import { realpath as realpath2 } from "node:fs/promises";
import path6 from "node:path";

// node_modules/@simple-git/args-pathspec/dist/index.mjs
var t = /* @__PURE__ */ new WeakMap();
function c(...n) {
  const e = new String(n);
  return t.set(e, n), e;
}
function r(n) {
  return n instanceof String && t.has(n);
}
function o(n) {
  return t.get(n) ?? [];
}

// node_modules/simple-git/dist/index.mjs
var import_file_exists = __toESM(require_dist2(), 1);
var import_debug = __toESM(require_src(), 1);
var import_promise_deferred = __toESM(require_dist3(), 1);
import { spawn as ve } from "node:child_process";
import { normalize as Se } from "node:path";

// node_modules/@simple-git/argv-parser/dist/index.mjs
function* x(e, n) {
  const t2 = n === "global";
  for (const o2 of e)
    o2.isGlobal === t2 && (yield o2);
}
var P = /* @__PURE__ */ new Set([
  "--add",
  "--edit",
  "--remove-section",
  "--rename-section",
  "--replace-all",
  "--unset",
  "--unset-all",
  "-e"
]);
var S = /* @__PURE__ */ new Set([
  "--get",
  "--get-all",
  "--get-color",
  "--get-colorbool",
  "--get-regexp",
  "--get-urlmatch",
  "--list",
  "-l"
]);
var E = /* @__PURE__ */ new Set([
  "edit",
  "remove-section",
  "rename-section",
  "set",
  "unset"
]);
var F = /* @__PURE__ */ new Set(["get", "get-color", "get-colorbool", "list"]);
function A(e, n) {
  for (const { name: o2 } of x(e, "task")) {
    if (P.has(o2))
      return w(true, n);
    if (S.has(o2))
      return w(false, n);
  }
  const t2 = n.at(0)?.toLowerCase();
  return t2 === void 0 ? null : E.has(t2) ? w(true, n.slice(1)) : F.has(t2) ? w(false, n.slice(1)) : n.length === 1 ? w(false, n) : w(true, n);
}
function w(e = false, n = []) {
  const t2 = n.at(0)?.toLowerCase();
  return t2 === void 0 ? null : {
    isWrite: e,
    isRead: !e,
    key: t2,
    value: n.at(1)
  };
}
function O(e, n) {
  return n.isWrite && n.value !== void 0 ? { key: n.key, value: n.value, scope: e } : { key: n.key, scope: e };
}
function G(e) {
  const n = e?.indexOf("=") || -1;
  return !e || n < 0 ? null : {
    key: e.slice(0, n).trim().toLowerCase(),
    value: e.slice(n + 1)
  };
}
function M(e) {
  for (const { name: n } of x(e, "task"))
    switch (n) {
      case "--global":
        return "global";
      case "--system":
        return "system";
      case "--worktree":
        return "worktree";
      case "--local":
        return "local";
      case "--file":
      case "-f":
        return "file";
    }
  return "local";
}
function N({ name: e }) {
  if (e === "-c" || e === "--config")
    return "inline";
  if (e === "--config-env")
    return "env";
}
function* $(e) {
  for (const n of e) {
    const t2 = N(n), o2 = t2 && G(n.value);
    o2 && (yield {
      ...o2,
      scope: t2
    });
  }
}
function D(e, n, t2) {
  const o2 = {
    read: [],
    write: [...$(n)]
  };
  return e === "config" && L(
    o2,
    M(n),
    A(n, t2)
  ), o2;
}
function L(e, n, t2) {
  if (t2 === null)
    return;
  const o2 = O(n, t2);
  t2.isWrite ? e.write.push(o2) : e.read.push(o2);
}
var C = {
  short: /* @__PURE__ */ new Map([
    ["c", true]
    //  -c <k=v>    set config key for this invocation
  ])
};
var I = {
  short: new Map([
    ["C", true],
    //  -C <path>   change working directory
    ["P", false],
    // -P          no pager (alias for --no-pager)
    ["h", false],
    // -h          help
    ["p", false],
    // -p          paginate
    ["v", false],
    // -v          version
    ...C.short.entries()
  ]),
  long: /* @__PURE__ */ new Set([
    "attr-source",
    "config-env",
    "exec-path",
    "git-dir",
    "list-cmds",
    "namespace",
    "super-prefix",
    "work-tree"
  ])
};
var R = {
  clone: {
    short: /* @__PURE__ */ new Map([
      ["b", true],
      // -b <branch>
      ["j", true],
      // -j <n>          parallel jobs
      ["l", false],
      // -l local
      ["n", false],
      // -n no-checkout
      ["o", true],
      // -o <name>       remote name
      ["q", false],
      // -q quiet
      ["s", false],
      // -s shared
      ["u", true]
      // -u <upload-pack>
    ]),
    long: /* @__PURE__ */ new Set(["branch", "config", "jobs", "origin", "upload-pack", "u", "template"])
  },
  commit: {
    short: /* @__PURE__ */ new Map([
      ["C", true],
      // -C <commit>  reuse message
      ["F", true],
      // -F <file>    read message from file
      ["c", true],
      // -c <commit>  reedit message
      ["m", true],
      // -m <msg>
      ["t", true]
      // -t <template>
    ]),
    long: /* @__PURE__ */ new Set(["file", "message", "reedit-message", "reuse-message", "template"])
  },
  config: {
    short: /* @__PURE__ */ new Map([
      ["e", false],
      // -e  open editor
      ["f", true],
      //  -f <file>
      ["l", false]
      // -l  list
    ]),
    long: /* @__PURE__ */ new Set(["blob", "comment", "default", "file", "type", "value"])
  },
  fetch: {
    short: /* @__PURE__ */ new Map(),
    long: /* @__PURE__ */ new Set(["upload-pack"])
  },
  init: {
    short: /* @__PURE__ */ new Map(),
    long: /* @__PURE__ */ new Set(["template"])
  },
  pull: {
    short: /* @__PURE__ */ new Map(),
    long: /* @__PURE__ */ new Set(["upload-pack"])
  },
  push: {
    short: /* @__PURE__ */ new Map(),
    long: /* @__PURE__ */ new Set(["exec", "receive-pack"])
  },
  rebase: {
    short: /* @__PURE__ */ new Map([
      ["X", true],
      // -X <option>   strategy option
      ["f", false],
      // -f force-rebase
      ["i", false],
      // -i interactive
      ["k", false],
      // -k keep-base
      ["m", false],
      // -m merge
      ["n", false],
      // -n no-stat
      ["q", false],
      // -q quiet
      ["r", false],
      // -r rebase-merges
      ["s", true],
      // -s <strategy>
      ["v", false],
      // -v verbose
      ["x", true]
      // -x <cmd>      exec
    ]),
    long: /* @__PURE__ */ new Set(["exec", "onto", "strategy", "strategy-option"])
  }
};
var T = { short: /* @__PURE__ */ new Map(), long: /* @__PURE__ */ new Set() };
function B(e) {
  const n = R[e ?? ""] ?? T;
  return {
    short: new Map([...C.short.entries(), ...n.short.entries()]),
    long: n.long
  };
}
function b(e, n = I) {
  if (e.startsWith("--")) {
    const t2 = e.indexOf("=");
    if (t2 > 2)
      return [{ name: e.slice(0, t2), value: e.slice(t2 + 1), needsNext: false }];
    const o2 = e.slice(2);
    return [{ name: e, needsNext: n.long.has(o2) }];
  }
  if (e.length === 2) {
    const t2 = e.charAt(1), o2 = n.short.get(t2);
    return [{ name: e, needsNext: o2 === true }];
  }
  return j(e, n.short);
}
function j(e, n) {
  const t2 = e.slice(1).split(""), o2 = [];
  for (let a = 0; a < t2.length; a++) {
    const s = t2[a], r2 = n.get(s);
    if (r2 === void 0)
      return [{ name: e, needsNext: false }];
    if (r2) {
      const i = t2.slice(a + 1).join("");
      if (i && ![...i].every((m2) => n.has(m2)))
        return o2.push({ name: `-${s}`, value: i, needsNext: false }), o2;
    }
    o2.push({ name: `-${s}`, needsNext: r2 });
  }
  return o2;
}
function W(e, n = []) {
  let t2 = 0;
  for (; t2 < e.length; ) {
    const o2 = String(e[t2]);
    if (!o2.startsWith("-") || o2.length < 2) break;
    const a = b(o2);
    let s = t2 + 1;
    for (const r2 of a) {
      const i = {
        name: r2.name,
        value: r2.value,
        absorbedNext: false,
        isGlobal: true
      };
      r2.needsNext && i.value === void 0 && s < e.length && (i.value = String(e[s]), i.absorbedNext = true, s++), n.push(i);
    }
    t2 = s;
  }
  return { flags: n, taskIndex: t2 };
}
function V(e, n, t2 = []) {
  const o2 = B(n), a = [], s = [];
  let r2 = 0;
  for (; r2 < e.length; ) {
    const i = e[r2];
    if (r(i)) {
      s.push(...o(i)), r2++;
      continue;
    }
    const p2 = String(i);
    if (p2 === "--") {
      for (let d2 = r2 + 1; d2 < e.length; d2++) {
        const g2 = e[d2];
        r(g2) ? s.push(...o(g2)) : s.push(String(g2));
      }
      break;
    }
    if (!p2.startsWith("-") || p2.length < 2) {
      a.push(p2), r2++;
      continue;
    }
    const m2 = b(p2, o2);
    let u2 = r2 + 1;
    for (const d2 of m2) {
      const g2 = {
        name: d2.name,
        value: d2.value,
        absorbedNext: false,
        isGlobal: false
      };
      d2.needsNext && g2.value === void 0 && u2 < e.length && !r(e[u2]) && (g2.value = String(e[u2]), g2.absorbedNext = true, u2++), t2.push(g2);
    }
    r2 = u2;
  }
  return { flags: t2, positionals: a, pathspecs: s };
}
function* q({
  write: e
}) {
  for (const n of e)
    for (const t2 of K) {
      const o2 = t2(n.key);
      o2 && (yield o2);
    }
}
function f(e, n, t2 = String(e)) {
  const o2 = typeof e == "string" ? new RegExp(`\\s*${e.toLowerCase()}`) : e;
  return function(s) {
    if (o2.test(s))
      return {
        category: n,
        message: `Configuring ${t2} is not permitted without enabling ${n}`
      };
  };
}
function l(e, n) {
  const t2 = new RegExp(`\\s*${e.toLowerCase().replace(/\./g, "(..+)?.")}`);
  return f(t2, n, e);
}
var K = [
  f("alias", "allowUnsafeAlias"),
  f("core.askPass", "allowUnsafeAskPass"),
  f("core.editor", "allowUnsafeEditor"),
  f("core.fsmonitor", "allowUnsafeFsMonitor"),
  f("core.gitProxy", "allowUnsafeGitProxy"),
  f("core.hooksPath", "allowUnsafeHooksPath"),
  f("core.pager", "allowUnsafePager"),
  f("core.sshCommand", "allowUnsafeSshCommand"),
  l("credential.helper", "allowUnsafeCredentialHelper"),
  l("diff.command", "allowUnsafeDiffExternal"),
  f("diff.external", "allowUnsafeDiffExternal"),
  l("difftool.cmd", "allowUnsafeDiffExternal"),
  l("diff.textconv", "allowUnsafeDiffTextConv"),
  l("filter.clean", "allowUnsafeFilter"),
  l("filter.process", "allowUnsafeFilter"),
  l("filter.smudge", "allowUnsafeFilter"),
  l("gpg.program", "allowUnsafeGpgProgram"),
  f("include.path", "allowUnsafeInclude"),
  l("includeIf", "allowUnsafeInclude"),
  f("init.templateDir", "allowUnsafeTemplateDir"),
  l("pager.", "allowUnsafePager"),
  l("merge.driver", "allowUnsafeMergeDriver"),
  l("mergetool.path", "allowUnsafeMergeDriver"),
  l("mergetool.cmd", "allowUnsafeMergeDriver"),
  l("protocol.allow", "allowUnsafeProtocolOverride"),
  l("remote.receivepack", "allowUnsafePack"),
  l("remote.uploadpack", "allowUnsafePack"),
  f("uploadpack.packObjectsHook", "allowUnsafePack"),
  f("sequence.editor", "allowUnsafeEditor"),
  l("submodule.update", "allowUnsafeSubmodule"),
  l("tar.command", "allowUnsafeCommandBinaries"),
  l("trailer.cmd", "allowUnsafeCommandBinaries"),
  l("trailer.command", "allowUnsafeCommandBinaries"),
  l("url.insteadOf", "allowUnsafeUrlRewrite")
];
function* H(e, n) {
  for (const t2 of n)
    for (const o2 of X) {
      const a = o2(e, t2);
      a && (yield a);
    }
}
function c2(e, n, t2, { name: o2 = String(n), globalOnly: a = false, withValue: s = false } = {}) {
  const r2 = typeof n == "string" ? new RegExp(`\\s*${n.toLowerCase()}`) : n, i = `Use of ${e ? `${e} with option ` : ""}${o2} is not permitted without enabling ${t2}`;
  return function(m2, u2) {
    if (!(e && m2 !== e) && !(a && !u2.isGlobal) && !(s && u2.value === void 0) && r2.test(u2.name))
      return {
        category: t2,
        message: i
      };
  };
}
var h = { globalOnly: true, withValue: true };
var X = [
  c2(null, /--(upload|receive)-pack/, "allowUnsafePack", {
    name: "--upload-pack or --receive-pack"
  }),
  c2("clone", /^-\w*u/, "allowUnsafePack"),
  c2("clone", "--u", "allowUnsafePack"),
  c2("push", /^--exec$/, "allowUnsafePack", { name: "--exec" }),
  // `git` accepts unambiguous abbreviations of long options, so `--ex` and `--exe` are `--exec`
  c2("rebase", /^(-x|--ex(ec?)?)$/, "allowUnsafeExec", { name: "-x or --exec" }),
  c2(null, "--template", "allowUnsafeTemplateDir"),
  c2(null, "--exec-path", "allowUnsafeExec", h),
  // `git` reads the configuration of whichever repository these name, so the
  // directory alone is enough to deliver config the argv guards never see
  c2(null, "--git-dir", "allowUnsafeConfigPaths", h),
  c2(null, "--work-tree", "allowUnsafeConfigPaths", h),
  c2(null, /^-C$/, "allowUnsafeConfigPaths", { ...h, name: "-C" })
];
function k(e, n, t2) {
  return [...H(e, n), ...q(t2)];
}
function Y(...e) {
  const { flags: n, taskIndex: t2 } = W(e), o2 = t2 < e.length ? String(e[t2]).toLowerCase() : null, a = o2 !== null ? e.slice(t2 + 1) : [], { positionals: s, pathspecs: r2 } = V(a, o2, n), i = D(o2, n, s);
  return {
    task: o2,
    flags: n.map(J),
    paths: r2,
    config: i,
    vulnerabilities: z(k(o2, n, i))
  };
}
function z(e) {
  return Object.defineProperty(e, "vulnerabilities", {
    value: e
  });
}
function J({ value: e, name: n }) {
  return e !== void 0 ? { name: n, value: e } : { name: n };
}
var y = {
  editor: "allowUnsafeEditor",
  git_askpass: "allowUnsafeAskPass",
  git_config_global: "allowUnsafeConfigPaths",
  git_config_system: "allowUnsafeConfigPaths",
  git_config_count: "allowUnsafeConfigEnvCount",
  git_config_parameters: "allowUnsafeConfigEnvCount",
  git_config: "allowUnsafeConfigPaths",
  git_editor: "allowUnsafeEditor",
  git_exec_path: "allowUnsafeExec",
  git_external_diff: "allowUnsafeDiffExternal",
  git_pager: "allowUnsafePager",
  git_proxy_command: "allowUnsafeGitProxy",
  git_template_dir: "allowUnsafeTemplateDir",
  git_sequence_editor: "allowUnsafeEditor",
  git_ssh: "allowUnsafeSshCommand",
  git_ssh_command: "allowUnsafeSshCommand",
  pager: "allowUnsafePager",
  prefix: "allowUnsafeConfigPaths",
  ssh_askpass: "allowUnsafeAskPass",
  visual: "allowUnsafeEditor"
};
function* Q(e) {
  const n = parseInt(e.git_config_count ?? "0", 10);
  for (let t2 = 0; t2 < n; t2++) {
    const o2 = e[`git_config_key_${t2}`], a = e[`git_config_value_${t2}`];
    o2 !== void 0 && (yield { key: o2.toLowerCase().trim(), value: a, scope: "env" });
  }
}
function* Z(e) {
  for (const n of Object.keys(e))
    if (_(n)) {
      const t2 = y[n];
      yield {
        category: t2,
        message: `Use of "${n.toUpperCase()}" is not permitted without enabling ${t2}`
      };
    }
}
function _(e) {
  return Object.hasOwn(y, e);
}
function ee(e) {
  const n = {};
  for (const [t2, o2] of Object.entries(e)) {
    const a = t2.toLowerCase().trim();
    (_(a) || a.startsWith("git")) && (n[a] = String(o2));
  }
  return n;
}
function ne(e) {
  const n = ee(e), t2 = {
    read: [],
    write: [...Q(n)]
  }, o2 = [
    ...Z(n),
    ...k(null, [], t2)
  ];
  return {
    config: t2,
    vulnerabilities: o2
  };
}
function oe(e, n) {
  return [...Y(...e).vulnerabilities, ...ne(n).vulnerabilities];
}

// node_modules/simple-git/dist/index.mjs
import { EventEmitter as Ce } from "node:events";
var O2 = class extends Error {
  constructor(e, n) {
    super(n), this.task = e, Object.setPrototypeOf(this, new.target.prototype);
  }
};
var Ae = class extends O2 {
  constructor(e, n) {
    super(void 0, n), this.config = e;
  }
};
var A2 = class extends O2 {
  constructor(e, n, r2) {
    super(e, r2), this.task = e, this.plugin = n, Object.setPrototypeOf(this, new.target.prototype);
  }
};
var at = class extends O2 {
  constructor(e, n) {
    super(void 0, n || String(e)), this.git = e;
  }
};
var xe = class extends O2 {
  constructor(e) {
    super(void 0, e);
  }
};
var I2 = "\0";
var W2 = () => {
};
function Ne(t2) {
  return typeof t2 != "function" ? W2 : t2;
}
function $e(t2) {
  return typeof t2 == "function" && t2 !== W2;
}
function Pe(t2, e) {
  const n = t2.indexOf(e);
  return n <= 0 ? [t2, ""] : [t2.substr(0, n), t2.substr(n + 1)];
}
function Me(t2, e = 0) {
  return Dt(t2) && t2.length > e ? t2[e] : void 0;
}
function N2(t2, e = 0) {
  if (Dt(t2) && t2.length > e)
    return t2[t2.length - 1 - e];
}
function Dt(t2) {
  return Bt(t2);
}
function H2(t2 = "", e = true, n = `
`) {
  return t2.split(n).reduce((r2, s) => {
    const o2 = e ? s.trim() : s;
    return o2 && r2.push(o2), r2;
  }, []);
}
function ut(t2, e) {
  return H2(t2, true).map((n) => e(n));
}
function Lt(t2) {
  return (0, import_file_exists.exists)(t2, import_file_exists.FOLDER);
}
function S2(t2, e) {
  return Array.isArray(t2) ? t2.includes(e) || t2.push(e) : t2.add(e), e;
}
function De(t2, e) {
  return Array.isArray(t2) && !t2.includes(e) && t2.push(e), t2;
}
function ct(t2, e) {
  if (Array.isArray(t2)) {
    const n = t2.indexOf(e);
    n >= 0 && t2.splice(n, 1);
  } else
    t2.delete(e);
  return e;
}
var ft = Object.prototype.toString.call.bind(Object.prototype.toString);
function v(t2) {
  return Array.isArray(t2) ? t2 : [t2];
}
function jt(t2) {
  return t2.replace(/[\s-]+(.)/g, (e, n) => n.toUpperCase());
}
function L2(t2) {
  return v(t2).map((e) => e instanceof String ? e : String(e));
}
function p(t2, e = 0) {
  if (t2 == null)
    return e;
  const n = parseInt(t2, 10);
  return Number.isNaN(n) ? e : n;
}
function U(t2, e) {
  const n = [];
  for (let r2 = 0, s = t2.length; r2 < s; r2++)
    n.push(e, t2[r2]);
  return n;
}
function F2(t2) {
  return (Array.isArray(t2) ? Buffer.concat(t2) : t2).toString("utf-8");
}
function Le(t2) {
  return t2 ? Buffer.isBuffer(t2) ? t2.length : Buffer.byteLength(t2) : 0;
}
function je(t2, e) {
  const n = {};
  return e.forEach((r2) => {
    t2[r2] !== void 0 && (n[r2] = t2[r2]);
  }), n;
}
function wt(t2 = 0) {
  return new Promise((e) => setTimeout(e, t2));
}
function bt(t2) {
  if (t2 !== false)
    return t2;
}
function d(t2, e, n) {
  return e(t2) ? t2 : arguments.length > 2 ? n : void 0;
}
var K2 = (t2) => Array.isArray(t2);
function st(t2, e) {
  const n = r(t2) ? "string" : typeof t2;
  return /number|string|boolean/.test(n) && (!e || !e.includes(n));
}
var m = (t2) => typeof t2 == "string" || r(t2);
var Be = (t2) => m(t2) || Buffer.isBuffer(t2);
var G2 = (t2) => m(t2) || Array.isArray(t2) && t2.every(m);
function lt(t2) {
  return !!t2 && ft(t2) === "[object Object]";
}
function Ie(t2) {
  return typeof t2 == "function";
}
var Bt = (t2) => t2 == null || "number|boolean|function".includes(typeof t2) ? false : typeof t2.length == "number";
var V2 = /* @__PURE__ */ ((t2) => (t2[t2.SUCCESS = 0] = "SUCCESS", t2[t2.ERROR = 1] = "ERROR", t2[t2.NOT_FOUND = -2] = "NOT_FOUND", t2[t2.UNCLEAN = 128] = "UNCLEAN", t2))(V2 || {});
var z2 = class _z {
  constructor(e, n) {
    this.stdOut = e, this.stdErr = n;
  }
  asStrings() {
    return new _z(this.stdOut.toString("utf8"), this.stdErr.toString("utf8"));
  }
};
function Ue() {
  throw new Error("LineParser:useMatches not implemented");
}
var l2 = class {
  constructor(e, n) {
    this.matches = [], this.useMatches = Ue, this.parse = (r2, s) => (this.resetMatches(), this._regExp.every((o2, i) => this.addMatch(o2, i, r2(i))) ? this.useMatches(s, this.prepareMatches()) !== false : false), this._regExp = Array.isArray(e) ? e : [e], n && (this.useMatches = n);
  }
  resetMatches() {
    this.matches.length = 0;
  }
  prepareMatches() {
    return this.matches;
  }
  addMatch(e, n, r2) {
    const s = r2 && e.exec(r2);
    return s && this.pushMatch(n, s), !!s;
  }
  pushMatch(e, n) {
    this.matches.push(...n.slice(1));
  }
};
var x2 = class extends l2 {
  addMatch(e, n, r2) {
    return /^remote:\s/.test(String(r2)) && super.addMatch(e, n, r2);
  }
  pushMatch(e, n) {
    (e > 0 || n.length > 1) && super.pushMatch(e, n);
  }
};
var Fe = {
  binary: "git",
  maxConcurrentProcesses: 5,
  config: [],
  trimmed: false
};
function Ge(...t2) {
  const e = process.cwd(), n = Object.assign(
    { baseDir: e, ...Fe },
    ...t2.filter((r2) => typeof r2 == "object" && r2)
  );
  return n.baseDir = n.baseDir || e, n.trimmed = n.trimmed === true, n;
}
function It(t2, e = []) {
  return lt(t2) ? Object.keys(t2).reduce((n, r2) => {
    const s = t2[r2];
    if (r(s))
      n.push(s);
    else if (st(s, ["boolean"]))
      n.push(r2 + "=" + s);
    else if (Array.isArray(s))
      for (const o2 of s)
        st(o2, ["string", "number"]) || n.push(r2 + "=" + o2);
    else
      n.push(r2);
    return n;
  }, e) : e;
}
function h2(t2, e = 0, n = false) {
  const r2 = [];
  for (let s = 0, o2 = e < 0 ? t2.length : e; s < o2; s++)
    "string|number".includes(typeof t2[s]) && r2.push(String(t2[s]));
  return It(ht(t2), r2), n || r2.push(...ze(t2)), r2;
}
function ze(t2) {
  const e = typeof N2(t2) == "function";
  return L2(d(N2(t2, e ? 1 : 0), K2, []));
}
function ht(t2) {
  const e = Ie(N2(t2));
  return d(N2(t2, e ? 1 : 0), lt);
}
function u(t2, e = true) {
  const n = Ne(N2(t2));
  return e || $e(n) ? n : void 0;
}
function Tt(t2, e) {
  return t2(e.stdOut, e.stdErr);
}
function E2(t2, e, n, r2 = true) {
  return v(n).forEach((s) => {
    for (let o2 = H2(s, r2), i = 0, a = o2.length; i < a; i++) {
      const c3 = (y2 = 0) => {
        if (!(i + y2 >= a))
          return o2[i + y2];
      };
      e.some(({ parse: y2 }) => y2(c3, t2));
    }
  }), t2;
}
var mt = ({ exitCode: t2 }, e, n, r2) => {
  if (t2 === V2.UNCLEAN && Ve(e))
    return n(Buffer.from("false"));
  r2(e);
};
var Ut = (t2) => t2.trim() === "true";
function We(t2) {
  switch (t2) {
    case "bare":
      return Ke();
    case "root":
      return He();
  }
  return {
    commands: ["rev-parse", "--is-inside-work-tree"],
    format: "utf-8",
    onError: mt,
    parser: Ut
  };
}
function He() {
  return {
    commands: ["rev-parse", "--git-dir"],
    format: "utf-8",
    onError: mt,
    parser(e) {
      return /^\.(git)?$/.test(e.trim());
    }
  };
}
function Ke() {
  return {
    commands: ["rev-parse", "--is-bare-repository"],
    format: "utf-8",
    onError: mt,
    parser: Ut
  };
}
function Ve(t2) {
  return /(Not a git repository|Kein Git-Repository)/i.test(String(t2));
}
var Xe = class {
  constructor(e) {
    this.paths = [], this.files = [], this.folders = [], this.dryRun = e;
  }
};
var Ye = /^[a-z]+\s*/i;
var Qe = /^[a-z]+\s+[a-z]+\s*/i;
var Je = /\/$/;
function Ze(t2, e) {
  const n = new Xe(t2), r2 = t2 ? Qe : Ye;
  return H2(e).forEach((s) => {
    const o2 = s.replace(r2, "");
    n.paths.push(o2), (Je.test(o2) ? n.folders : n.files).push(o2);
  }), n;
}
var Ft = [];
function tn(t2) {
  return {
    commands: Ft,
    format: "empty",
    parser: t2
  };
}
function b2(t2) {
  return {
    commands: Ft,
    format: "empty",
    parser() {
      throw typeof t2 == "string" ? new xe(t2) : t2;
    }
  };
}
function g(t2, e = false) {
  return {
    commands: t2,
    format: "utf-8",
    parser(n) {
      return e ? String(n).trim() : n;
    }
  };
}
function Gt(t2) {
  return {
    commands: t2,
    format: "buffer",
    parser(e) {
      return e;
    }
  };
}
function en(t2) {
  return t2.format === "buffer";
}
function kt(t2) {
  return t2.format === "empty" || !t2.commands.length;
}
var nn = "Git clean interactive mode is not supported";
var rn = 'Git clean mode parameter ("n" or "f") is required';
var sn = "Git clean unknown option found in: ";
var zt = /* @__PURE__ */ ((t2) => (t2.DRY_RUN = "n", t2.FORCE = "f", t2.IGNORED_INCLUDED = "x", t2.IGNORED_ONLY = "X", t2.EXCLUDING = "e", t2.QUIET = "q", t2.RECURSIVE = "d", t2))(zt || {});
var qt = /* @__PURE__ */ new Set([
  "i",
  ...L2(Object.values(zt))
]);
function on(t2, e) {
  const { cleanMode: n, options: r2, valid: s } = cn(t2);
  return n ? s.options ? (r2.push(...e), r2.some(hn) ? b2(nn) : an(n, r2)) : b2(sn + JSON.stringify(t2)) : b2(rn);
}
function an(t2, e) {
  return {
    commands: ["clean", `-${t2}`, ...e],
    format: "utf-8",
    parser(r2) {
      return Ze(t2 === "n", r2);
    }
  };
}
function un(t2) {
  return Array.isArray(t2) && t2.every((e) => qt.has(e));
}
function cn(t2) {
  let e, n = [], r2 = { cleanMode: false, options: true };
  return t2.replace(/[^a-z]i/g, "").split("").forEach((s) => {
    fn(s) ? (e = s, r2.cleanMode = true) : r2.options = r2.options && ln(n[n.length] = `-${s}`);
  }), {
    cleanMode: e,
    options: n,
    valid: r2
  };
}
function fn(t2) {
  return t2 === "f" || t2 === "n";
}
function ln(t2) {
  return /^-[a-z]$/i.test(t2) && qt.has(t2.charAt(1));
}
function hn(t2) {
  return /^-[^\-]/.test(t2) ? t2.indexOf("i") > 0 : t2 === "--interactive";
}
var mn = class {
  constructor() {
    this.files = [], this.values = /* @__PURE__ */ Object.create(null);
  }
  get all() {
    return this._all || (this._all = this.files.reduce((e, n) => Object.assign(e, this.values[n]), {})), this._all;
  }
  addFile(e) {
    if (!(e in this.values)) {
      const n = N2(this.files);
      this.values[e] = n ? Object.create(this.values[n]) : {}, this.files.push(e);
    }
    return this.values[e];
  }
  addValue(e, n, r2) {
    const s = this.addFile(e);
    Object.hasOwn(s, n) ? Array.isArray(s[n]) ? s[n].push(r2) : s[n] = [s[n], r2] : s[n] = r2, this._all = void 0;
  }
};
function pn(t2) {
  const e = new mn();
  for (const n of Wt(t2))
    e.addValue(n.file, String(n.key), n.value);
  return e;
}
function dn(t2, e) {
  let n = null;
  const r2 = [], s = /* @__PURE__ */ new Map();
  for (const o2 of Wt(t2, e))
    o2.key === e && (r2.push(n = o2.value), s.has(o2.file) || s.set(o2.file, []), s.get(o2.file).push(n));
  return {
    key: e,
    paths: Array.from(s.keys()),
    scopes: s,
    value: n,
    values: r2
  };
}
function gn(t2) {
  return t2.replace(/^(file):/, "");
}
function* Wt(t2, e = null) {
  const n = t2.split("\0");
  for (let r2 = 0, s = n.length - 1; r2 < s; ) {
    const o2 = gn(n[r2++]);
    let i = n[r2++], a = e;
    if (i.includes(`
`)) {
      const c3 = Pe(i, `
`);
      a = c3[0], i = c3[1];
    }
    yield { file: o2, key: a, value: i };
  }
}
var Ht = /* @__PURE__ */ ((t2) => (t2.system = "system", t2.global = "global", t2.local = "local", t2.worktree = "worktree", t2))(Ht || {});
function Y2(t2, e) {
  return typeof t2 == "string" && Object.hasOwn(Ht, t2) ? t2 : e;
}
function yn(t2, e, n, r2) {
  const s = ["config", `--${r2}`];
  return n && s.push("--add"), s.push(t2, e), {
    commands: s,
    format: "utf-8",
    parser(o2) {
      return o2;
    }
  };
}
function wn(t2, e) {
  const n = ["config", "--null", "--show-origin", "--get-all", t2];
  return e && n.splice(1, 0, `--${e}`), {
    commands: n,
    format: "utf-8",
    parser(r2) {
      return dn(r2, t2);
    }
  };
}
function bn(t2) {
  const e = ["config", "--list", "--show-origin", "--null"];
  return t2 && e.push(`--${t2}`), {
    commands: e,
    format: "utf-8",
    parser(n) {
      return pn(n);
    }
  };
}
function Tn() {
  return {
    addConfig(t2, e, ...n) {
      return this._runTask(
        yn(
          t2,
          e,
          n[0] === true,
          Y2(
            n[1],
            "local"
            /* local */
          )
        ),
        u(arguments)
      );
    },
    getConfig(t2, e) {
      return this._runTask(
        wn(t2, Y2(e, void 0)),
        u(arguments)
      );
    },
    listConfig(...t2) {
      return this._runTask(
        bn(Y2(t2[0], void 0)),
        u(arguments)
      );
    }
  };
}
var Kt = /* @__PURE__ */ ((t2) => (t2.ADDED = "A", t2.COPIED = "C", t2.DELETED = "D", t2.MODIFIED = "M", t2.RENAMED = "R", t2.CHANGED = "T", t2.UNMERGED = "U", t2.UNKNOWN = "X", t2.BROKEN = "B", t2))(Kt || {});
var kn = new Set(Object.values(Kt));
function _n(t2) {
  return kn.has(t2);
}
var _t;
var vn = ["-h"];
var j2 = /* @__PURE__ */ Symbol("grepQuery");
var En = class {
  constructor() {
    this[_t] = [];
  }
  *[(_t = j2, Symbol.iterator)]() {
    for (const e of this[j2])
      yield e;
  }
  and(...e) {
    return e.length && this[j2].push("--and", "(", ...U(e, "-e"), ")"), this;
  }
  param(...e) {
    return this[j2].push(...U(e, "-e")), this;
  }
};
function Sn(...t2) {
  return new En().param(...t2);
}
function Rn(t2) {
  const e = /* @__PURE__ */ new Set(), n = {};
  return ut(t2, (r2) => {
    const [s, o2, i] = r2.split(I2);
    e.add(s), (n[s] = n[s] || []).push({
      line: p(o2),
      path: s,
      preview: i
    });
  }), {
    paths: e,
    results: n
  };
}
function On() {
  return {
    grep(t2) {
      const e = u(arguments), n = h2(arguments);
      for (const s of vn)
        if (n.includes(s))
          return this._runTask(
            b2(`git.grep: use of "${s}" is not supported.`),
            e
          );
      typeof t2 == "string" && (t2 = Sn().param(t2));
      const r2 = ["grep", "--null", "-n", "--full-name", ...n, ...t2];
      return this._runTask(
        {
          commands: r2,
          format: "utf-8",
          parser(s) {
            return Rn(s);
          }
        },
        e
      );
    }
  };
}
var Vt = /* @__PURE__ */ ((t2) => (t2.MIXED = "mixed", t2.SOFT = "soft", t2.HARD = "hard", t2.MERGE = "merge", t2.KEEP = "keep", t2))(Vt || {});
var Cn = L2(Object.values(Vt));
function An(t2, e) {
  const n = ["reset"];
  return Xt(t2) && n.push(`--${t2}`), n.push(...e), g(n);
}
function xn(t2) {
  if (Xt(t2))
    return t2;
  switch (typeof t2) {
    case "string":
    case "undefined":
      return "soft";
  }
}
function Xt(t2) {
  return typeof t2 == "string" && Cn.includes(t2);
}
import_debug.default.formatters.L = (t2) => String(Bt(t2) ? t2.length : "-");
import_debug.default.formatters.B = (t2) => Buffer.isBuffer(t2) ? t2.toString("utf8") : ft(t2);
function Nn() {
  return (0, import_debug.default)("simple-git");
}
function vt(t2, e, n) {
  return !e || !String(e).replace(/\s*/, "") ? n ? (r2, ...s) => {
    t2(r2, ...s), n(r2, ...s);
  } : t2 : (r2, ...s) => {
    t2(`%s ${r2}`, e, ...s), n && n(r2, ...s);
  };
}
function $n(t2, e, { namespace: n }) {
  if (typeof t2 == "string")
    return t2;
  const r2 = e && e.namespace || "";
  return r2.startsWith(n) ? r2.substr(n.length + 1) : r2 || n;
}
function $2(t2, e, n, r2 = Nn()) {
  const s = t2 && `[${t2}]` || "", o2 = [], i = typeof e == "string" ? r2.extend(e) : e, a = $n(d(e, m), i, r2);
  return y2(n);
  function c3(w2, T2) {
    return S2(
      o2,
      $2(t2, a.replace(/^[^:]+/, w2), T2, r2)
    );
  }
  function y2(w2) {
    const T2 = w2 && `[${w2}]` || "", k2 = i && vt(i, T2) || W2, C2 = vt(r2, `${s} ${T2}`, k2);
    return Object.assign(i ? k2 : C2, {
      label: t2,
      sibling: c3,
      info: C2,
      step: y2
    });
  }
}
var M2 = class M3 {
  constructor(e = "GitExecutor") {
    this.logLabel = e, this._queue = /* @__PURE__ */ new Map();
  }
  withProgress(e) {
    return this._queue.get(e);
  }
  createProgress(e) {
    const n = M3.getName(e.commands[0]), r2 = $2(this.logLabel, n);
    return {
      task: e,
      logger: r2,
      name: n
    };
  }
  push(e) {
    const n = this.createProgress(e);
    return n.logger("Adding task to the queue, commands = %o", e.commands), this._queue.set(e, n), n;
  }
  fatal(e) {
    for (const [n, { logger: r2 }] of Array.from(this._queue.entries()))
      n === e.task ? (r2.info("Failed %o", e), r2(
        "Fatal exception, any as-yet un-started tasks run through this executor will not be attempted"
      )) : r2.info(
        "A fatal exception occurred in a previous task, the queue has been purged: %o",
        e.message
      ), this.complete(n);
    if (this._queue.size !== 0)
      throw new Error(`Queue size should be zero after fatal: ${this._queue.size}`);
  }
  complete(e) {
    this.withProgress(e) && this._queue.delete(e);
  }
  attempt(e) {
    const n = this.withProgress(e);
    if (!n)
      throw new O2(void 0, "TasksPendingQueue: attempt called for an unknown task");
    return n.logger("Starting task"), n;
  }
  static getName(e = "empty") {
    return `task:${e}:${++M3.counter}`;
  }
};
M2.counter = 0;
var ot = M2;
var Pn = class {
  constructor(e, n, r2) {
    this._executor = e, this._scheduler = n, this._plugins = r2, this._chain = Promise.resolve(), this._queue = new ot();
  }
  get cwd() {
    return this._cwd || this._executor.cwd;
  }
  set cwd(e) {
    this._cwd = e;
  }
  get env() {
    return this._executor.env;
  }
  get outputHandler() {
    return this._executor.outputHandler;
  }
  chain() {
    return this;
  }
  push(e) {
    return this._queue.push(e), this._chain = this._chain.then(() => this.attemptTask(e));
  }
  async attemptTask(e) {
    const n = await this._scheduler.next(), r2 = () => this._queue.complete(e);
    try {
      const { logger: s } = this._queue.attempt(e);
      return await (kt(e) ? this.attemptEmptyTask(e, s) : this.attemptRemoteTask(e, s));
    } catch (s) {
      throw this.onFatalException(e, s);
    } finally {
      r2(), n();
    }
  }
  onFatalException(e, n) {
    const r2 = n instanceof O2 ? Object.assign(n, { task: e }) : new O2(e, n && String(n));
    return this._chain = Promise.resolve(), this._queue.fatal(r2), r2;
  }
  async attemptRemoteTask(e, n) {
    const r2 = this._plugins.exec("spawn.binary", "", this.taskContext(e, e.commands)), s = this._plugins.exec(
      "spawn.args",
      [...e.commands],
      this.taskContext(e, e.commands)
    ), o2 = await this.gitResponse(
      e,
      r2,
      s,
      this.outputHandler,
      n.step("SPAWN")
    ), i = await this.handleTaskData(e, s, o2, n.step("HANDLE"));
    return n("passing response to task's parser as a %s", e.format), en(e) ? Tt(e.parser, i) : Tt(e.parser, i.asStrings());
  }
  async attemptEmptyTask(e, n) {
    return n("empty task bypassing child process to call to task's parser"), e.parser(this);
  }
  handleTaskData(e, n, r2, s) {
    const { exitCode: o2, rejection: i, stdOut: a, stdErr: c3 } = r2;
    return new Promise((y2, w2) => {
      s("Preparing to handle process response exitCode=%d stdOut=", o2);
      const { error: T2 } = this._plugins.exec(
        "task.error",
        { error: i },
        {
          ...this.taskContext(e, n),
          ...r2
        }
      );
      if (T2 && e.onError)
        return s.info("exitCode=%s handling with custom error handler"), e.onError(
          r2,
          T2,
          (k2) => {
            s.info("custom error handler treated as success"), s("custom error returned a %s", ft(k2)), y2(
              new z2(
                Array.isArray(k2) ? Buffer.concat(k2) : k2,
                Buffer.concat(c3)
              )
            );
          },
          w2
        );
      if (T2)
        return s.info(
          "handling as error: exitCode=%s stdErr=%s rejection=%o",
          o2,
          c3.length,
          i
        ), w2(T2);
      s.info("retrieving task output complete"), y2(new z2(Buffer.concat(a), Buffer.concat(c3)));
    });
  }
  async gitResponse(e, n, r2, s, o2) {
    const i = o2.sibling("output"), a = this._plugins.exec(
      "spawn.options",
      {
        cwd: this.cwd,
        env: this.env,
        windowsHide: true
      },
      this.taskContext(e, e.commands)
    );
    return new Promise((c3) => {
      const y2 = [], w2 = [];
      o2.info("%s %o", n, r2), o2("%O", a);
      let T2 = this._beforeSpawn(e, r2);
      if (T2)
        return c3({
          stdOut: y2,
          stdErr: w2,
          exitCode: 9901,
          rejection: T2
        });
      this._plugins.exec("spawn.before", void 0, {
        ...this.taskContext(e, r2),
        kill(C2) {
          T2 = C2 || T2;
        }
      });
      const k2 = ve(n, r2, a);
      k2.stdout.on(
        "data",
        Et(y2, "stdOut", o2, i.step("stdOut"))
      ), k2.stderr.on(
        "data",
        Et(w2, "stdErr", o2, i.step("stdErr"))
      ), k2.on("error", Mn(w2, o2)), s && (o2("Passing child process stdOut/stdErr to custom outputHandler"), s(n, k2.stdout, k2.stderr, [...r2])), this._plugins.exec("spawn.after", void 0, {
        ...this.taskContext(e, r2),
        spawned: k2,
        close(C2, Te) {
          c3({
            stdOut: y2,
            stdErr: w2,
            exitCode: C2,
            rejection: T2 || Te
          });
        },
        kill(C2) {
          k2.killed || (T2 = C2, k2.kill("SIGINT"));
        }
      });
    });
  }
  _beforeSpawn(e, n) {
    let r2;
    return this._plugins.exec("spawn.before", void 0, {
      ...this.taskContext(e, n),
      kill(s) {
        r2 = s || r2;
      }
    }), r2;
  }
  taskContext(e, n) {
    return {
      method: String(Me(e.commands) || ""),
      commands: n,
      env: { ...this.env },
      input: kt(e) ? void 0 : e.input
    };
  }
};
function Mn(t2, e) {
  return (n) => {
    e("[ERROR] child process exception %o", n), t2.push(Buffer.from(String(n.stack), "ascii"));
  };
}
function Et(t2, e, n, r2) {
  return (s) => {
    n("%s received %L bytes", e, s), r2("%B", s), t2.push(s);
  };
}
var Dn = class {
  constructor(e, n, r2) {
    this.cwd = e, this._scheduler = n, this._plugins = r2, this._chain = this.chain();
  }
  chain() {
    return new Pn(this, this._scheduler, this._plugins);
  }
  push(e) {
    return this._chain.push(e);
  }
};
function Ln(t2, e, n = W2) {
  const r2 = (o2) => {
    n(null, o2);
  }, s = (o2) => {
    o2?.task === t2 && n(o2, void 0);
  };
  e.then(r2, s);
}
function St(t2, e) {
  return tn((n) => {
    if (!Lt(t2))
      throw new Error(`Git.cwd: cannot change to non-directory "${t2}"`);
    return (e || n).cwd = t2;
  });
}
function Q2(t2) {
  const e = ["checkout", ...t2];
  return e[1] === "-b" && e.includes("-B") && (e[1] = ct(e, "-B")), g(e);
}
function jn() {
  return {
    checkout() {
      return this._runTask(
        Q2(h2(arguments, 1)),
        u(arguments)
      );
    },
    checkoutBranch(t2, e) {
      return this._runTask(
        Q2(["-b", t2, e, ...h2(arguments)]),
        u(arguments)
      );
    },
    checkoutLocalBranch(t2) {
      return this._runTask(
        Q2(["-b", t2, ...h2(arguments)]),
        u(arguments)
      );
    }
  };
}
var Yt = (t2, e, n) => {
  const r2 = ["clone", ...n];
  return m(t2) && r2.push(c(t2)), m(e) && r2.push(c(e)), g(r2);
};
var Bn = (t2, e, n) => (S2(n, "--mirror"), Yt(t2, e, n));
function Rt(t2, e, n, ...r2) {
  return m(n) ? e(n, d(r2[0], m), h2(arguments)) : b2(`git.${t2}() requires a string 'repoPath'`);
}
function In() {
  return {
    clone(t2, ...e) {
      return this._runTask(
        Rt("clone", Yt, d(t2, m), ...e),
        u(arguments)
      );
    },
    mirror(t2, ...e) {
      return this._runTask(
        Rt("mirror", Bn, d(t2, m), ...e),
        u(arguments)
      );
    }
  };
}
var Un = [
  new l2(/^\[([^\s]+)( \([^)]+\))? ([^\]]+)/, (t2, [e, n, r2]) => {
    t2.branch = e, t2.commit = r2, t2.root = !!n;
  }),
  new l2(/\s*Author:\s(.+)/i, (t2, [e]) => {
    const n = e.split("<"), r2 = n.pop();
    !r2 || !r2.includes("@") || (t2.author = {
      email: r2.substr(0, r2.length - 1),
      name: n.join("<").trim()
    });
  }),
  new l2(
    /(\d+)[^,]*(?:,\s*(\d+)[^,]*)(?:,\s*(\d+))/g,
    (t2, [e, n, r2]) => {
      t2.summary.changes = parseInt(e, 10) || 0, t2.summary.insertions = parseInt(n, 10) || 0, t2.summary.deletions = parseInt(r2, 10) || 0;
    }
  ),
  new l2(
    /^(\d+)[^,]*(?:,\s*(\d+)[^(]+\(([+-]))?/,
    (t2, [e, n, r2]) => {
      t2.summary.changes = parseInt(e, 10) || 0;
      const s = parseInt(n, 10) || 0;
      r2 === "-" ? t2.summary.deletions = s : r2 === "+" && (t2.summary.insertions = s);
    }
  )
];
function Fn(t2) {
  return E2({
    author: null,
    branch: "",
    commit: "",
    root: false,
    summary: {
      changes: 0,
      insertions: 0,
      deletions: 0
    }
  }, Un, t2);
}
function Gn(t2, e, n) {
  return {
    commands: [
      "-c",
      "core.abbrev=40",
      "commit",
      ...U(t2, "-m"),
      ...e,
      ...n
    ],
    format: "utf-8",
    parser: Fn
  };
}
function zn() {
  return {
    commit(e, ...n) {
      const r2 = u(arguments), s = t2(e) || Gn(
        v(e),
        v(d(n[0], G2, [])),
        [
          ...L2(d(n[1], K2, [])),
          ...h2(arguments, 0, true)
        ]
      );
      return this._runTask(s, r2);
    }
  };
  function t2(e) {
    return !G2(e) && b2(
      "git.commit: requires the commit message to be supplied as a string/string[]"
    );
  }
}
function qn() {
  return {
    count: 0,
    garbage: 0,
    inPack: 0,
    packs: 0,
    prunePackable: 0,
    size: 0,
    sizeGarbage: 0,
    sizePack: 0
  };
}
var Wn = new l2(
  /([a-z-]+): (\d+)$/,
  (t2, [e, n]) => {
    const r2 = jt(e);
    Object.hasOwn(t2, r2) && (t2[r2] = p(n));
  }
);
function Hn() {
  return {
    countObjects() {
      return this._runTask({
        commands: ["count-objects", "--verbose"],
        format: "utf-8",
        parser(t2) {
          return E2(qn(), [Wn], t2);
        }
      });
    }
  };
}
function Kn() {
  return {
    firstCommit() {
      return this._runTask(
        g(["rev-list", "--max-parents=0", "HEAD"], true),
        u(arguments)
      );
    }
  };
}
function Vn(t2, e) {
  const n = ["hash-object", t2];
  return e && n.push("-w"), g(n, true);
}
var J2 = class {
  constructor(e, n, r2, s) {
    this.bare = e, this.path = n, this.existing = r2, this.gitDir = s;
  }
};
var Xn = /^Init.+ repository in (.+)$/;
var Yn = /^Rein.+ in (.+)$/;
function Qn(t2, e, n) {
  const r2 = String(n).trim();
  let s;
  if (s = Xn.exec(r2))
    return new J2(t2, e, false, s[1]);
  if (s = Yn.exec(r2))
    return new J2(t2, e, true, s[1]);
  let o2 = "";
  const i = r2.split(" ");
  for (; i.length; )
    if (i.shift() === "in") {
      o2 = i.join(" ");
      break;
    }
  return new J2(t2, e, /^re/i.test(r2), o2);
}
var Qt = "--bare";
function Jn(t2) {
  return t2.includes(Qt);
}
function Zn(t2 = false, e, n) {
  const r2 = ["init", ...n];
  return t2 && !Jn(r2) && r2.splice(1, 0, Qt), {
    commands: r2,
    format: "utf-8",
    parser(s) {
      return Qn(r2.includes("--bare"), e, s);
    }
  };
}
function tr(t2) {
  return t2 === void 0 ? b2("interpretTrailers called without input content") : {
    format: "utf-8",
    parser(e) {
      return Object.fromEntries(
        ut(e, (n) => {
          const r2 = n.indexOf(":");
          return [
            jt(n.substring(0, r2).toLowerCase()),
            n.substring(r2 + 2).trim()
          ];
        })
      );
    },
    commands: ["interpret-trailers", "--parse"],
    input: t2
  };
}
function er() {
  return {
    interpretTrailers(t2) {
      return this._runTask(
        tr(d(t2, Be)),
        u(arguments)
      );
    }
  };
}
var R2 = /* @__PURE__ */ ((t2) => (t2.NONE = "", t2.STAT = "--stat", t2.NUM_STAT = "--numstat", t2.NAME_ONLY = "--name-only", t2.NAME_STATUS = "--name-status", t2))(R2 || {});
var Jt = /^--(stat|numstat|name-only|name-status)(=|$)/;
function pt(t2) {
  for (let e = 0; e < t2.length; e++) {
    const n = Jt.exec(t2[e]);
    if (n)
      return `--${n[1]}`;
  }
  return "";
}
function nr(t2) {
  return Jt.test(t2);
}
var rr = class {
  constructor() {
    this.changed = 0, this.deletions = 0, this.insertions = 0, this.files = [];
  }
};
var Ot = [
  new l2(
    /^(.+)\s+\|\s+(\d+)(\s+[+\-]+)?$/,
    (t2, [e, n, r2 = ""]) => {
      t2.files.push({
        file: e.trim(),
        changes: p(n),
        insertions: r2.replace(/[^+]/g, "").length,
        deletions: r2.replace(/[^-]/g, "").length,
        binary: false
      });
    }
  ),
  new l2(
    /^(.+) \|\s+Bin ([0-9.]+) -> ([0-9.]+) ([a-z]+)/,
    (t2, [e, n, r2]) => {
      t2.files.push({
        file: e.trim(),
        before: p(n),
        after: p(r2),
        binary: true
      });
    }
  ),
  new l2(/^(.+)\s+\|\s+Bin\s*$/, (t2, [e]) => {
    t2.files.push({
      file: e.trim(),
      before: 0,
      after: 0,
      binary: true
    });
  }),
  new l2(
    /(\d+) files? changed\s*((?:, \d+ [^,]+){0,2})/,
    (t2, [e, n]) => {
      const r2 = /(\d+) i/.exec(n), s = /(\d+) d/.exec(n);
      t2.changed = p(e), t2.insertions = p(r2?.[1]), t2.deletions = p(s?.[1]);
    }
  )
];
var sr = [
  new l2(
    /(\d+)\t(\d+)\t(.+)$/,
    (t2, [e, n, r2]) => {
      const s = p(e), o2 = p(n);
      t2.changed++, t2.insertions += s, t2.deletions += o2, t2.files.push({
        file: r2,
        changes: s + o2,
        insertions: s,
        deletions: o2,
        binary: false
      });
    }
  ),
  new l2(/-\t-\t(.+)$/, (t2, [e]) => {
    t2.changed++, t2.files.push({
      file: e,
      after: 0,
      before: 0,
      binary: true
    });
  })
];
var or = [
  new l2(/(.+)$/, (t2, [e]) => {
    t2.changed++, t2.files.push({
      file: e,
      changes: 0,
      insertions: 0,
      deletions: 0,
      binary: false
    });
  })
];
var ir = [
  new l2(
    /([ACDMRTUXB])([0-9]{0,3})\t(.[^\t]*)(\t(.[^\t]*))?$/,
    (t2, [e, n, r2, s, o2]) => {
      t2.changed++, t2.files.push({
        file: o2 ?? r2,
        changes: 0,
        insertions: 0,
        deletions: 0,
        binary: false,
        status: bt(_n(e) && e),
        from: bt(!!o2 && r2 !== o2 && r2),
        similarity: p(n)
      });
    }
  )
];
var ar = {
  [R2.NONE]: Ot,
  [R2.STAT]: Ot,
  [R2.NUM_STAT]: sr,
  [R2.NAME_STATUS]: ir,
  [R2.NAME_ONLY]: or
};
function Zt(t2 = R2.NONE) {
  const e = ar[t2];
  return (n) => E2(new rr(), e, n, false);
}
var te = "\xF2\xF2\xF2\xF2\xF2\xF2 ";
var ee2 = " \xF2\xF2";
var ne2 = " \xF2 ";
var ur = ["hash", "date", "message", "refs", "author_name", "author_email"];
function cr(t2, e) {
  return e.reduce(
    (n, r2, s) => (n[r2] = t2[s] || "", n),
    /* @__PURE__ */ Object.create({ diff: null })
  );
}
function re(t2 = ne2, e = ur, n = R2.NONE) {
  const r2 = Zt(n);
  return function(s) {
    const o2 = H2(
      s.trim(),
      false,
      te
    ).map(function(i) {
      const a = i.split(ee2), c3 = cr(a[0].split(t2), e);
      return a.length > 1 && a[1].trim() && (c3.diff = r2(a[1])), c3;
    });
    return {
      all: o2,
      latest: o2.length && o2[0] || null,
      total: o2.length
    };
  };
}
function fr(t2) {
  let e = pt(t2);
  const n = ["diff"];
  return e === R2.NONE && (e = R2.STAT, n.push("--stat=4096")), n.push(...t2), dt(n) || {
    commands: n,
    format: "utf-8",
    parser: Zt(e)
  };
}
function dt(t2) {
  const e = t2.filter(nr);
  if (e.length > 1)
    return b2(
      `Summary flags are mutually exclusive - pick one of ${e.join(",")}`
    );
  if (e.length && t2.includes("-z"))
    return b2(
      `Summary flag ${e} parsing is not compatible with null termination option '-z'`
    );
}
var se = /* @__PURE__ */ ((t2) => (t2[t2["--pretty"] = 0] = "--pretty", t2[t2["max-count"] = 1] = "max-count", t2[t2.maxCount = 2] = "maxCount", t2[t2.n = 3] = "n", t2[t2.file = 4] = "file", t2[t2.format = 5] = "format", t2[t2.from = 6] = "from", t2[t2.to = 7] = "to", t2[t2.splitter = 8] = "splitter", t2[t2.symmetric = 9] = "symmetric", t2[t2.mailMap = 10] = "mailMap", t2[t2.multiLine = 11] = "multiLine", t2[t2.strictDate = 12] = "strictDate", t2))(se || {});
function lr(t2, e) {
  const n = [], r2 = [];
  return Object.keys(t2).forEach((s) => {
    n.push(s), r2.push(String(t2[s]));
  }), [n, r2.join(e)];
}
function hr(t2) {
  return Object.keys(t2).reduce((e, n) => (n in se || (e[n] = t2[n]), e), {});
}
function oe2(t2 = {}, e = []) {
  const n = d(t2.splitter, m, ne2), r2 = lt(t2.format) ? t2.format : {
    hash: "%H",
    date: t2.strictDate === false ? "%ai" : "%aI",
    message: "%s",
    refs: "%D",
    body: t2.multiLine ? "%B" : "%b",
    author_name: t2.mailMap !== false ? "%aN" : "%an",
    author_email: t2.mailMap !== false ? "%aE" : "%ae"
  }, [s, o2] = lr(r2, n), i = [], a = [
    `--pretty=format:${te}${o2}${ee2}`,
    ...e
  ], c3 = t2.n || t2["max-count"] || t2.maxCount;
  if (c3 && a.push(`--max-count=${c3}`), t2.from || t2.to) {
    const y2 = t2.symmetric !== false ? "..." : "..";
    i.push(`${t2.from || ""}${y2}${t2.to || ""}`);
  }
  return m(t2.file) && a.push("--follow", c(t2.file)), It(hr(t2), a), {
    fields: s,
    splitter: n,
    commands: [...a, ...i]
  };
}
function mr(t2, e, n) {
  const r2 = re(t2, e, pt(n));
  return {
    commands: ["log", ...n],
    format: "utf-8",
    parser: r2
  };
}
function pr() {
  return {
    log(...n) {
      const r2 = u(arguments), s = oe2(
        ht(arguments),
        L2(d(arguments[0], K2, []))
      ), o2 = e(...n) || dt(s.commands) || t2(s);
      return this._runTask(o2, r2);
    }
  };
  function t2(n) {
    return mr(n.splitter, n.fields, n.commands);
  }
  function e(n, r2) {
    return m(n) && m(r2) && b2(
      "git.log(string, string) should be replaced with git.log({ from: string, to: string })"
    );
  }
}
var Z2 = class {
  constructor(e, n = null, r2) {
    this.reason = e, this.file = n, this.meta = r2;
  }
  toString() {
    return `${this.file}:${this.reason}`;
  }
};
var dr = class {
  constructor() {
    this.conflicts = [], this.merges = [], this.result = "success";
  }
  get failed() {
    return this.conflicts.length > 0;
  }
  get reason() {
    return this.result;
  }
  toString() {
    return this.conflicts.length ? `CONFLICTS: ${this.conflicts.join(", ")}` : "OK";
  }
};
var ie = class {
  constructor() {
    this.remoteMessages = {
      all: []
    }, this.created = [], this.deleted = [], this.files = [], this.deletions = {}, this.insertions = {}, this.summary = {
      changes: 0,
      deletions: 0,
      insertions: 0
    };
  }
};
var gr = class {
  constructor() {
    this.remote = "", this.hash = {
      local: "",
      remote: ""
    }, this.branch = {
      local: "",
      remote: ""
    }, this.message = "";
  }
  toString() {
    return this.message;
  }
};
function tt(t2) {
  return t2.objects = t2.objects || {
    compressing: 0,
    counting: 0,
    enumerating: 0,
    packReused: 0,
    reused: { count: 0, delta: 0 },
    total: { count: 0, delta: 0 }
  };
}
function Ct(t2) {
  const e = /^\s*(\d+)/.exec(t2), n = /delta (\d+)/i.exec(t2);
  return {
    count: p(e && e[1] || "0"),
    delta: p(n && n[1] || "0")
  };
}
var yr = [
  new x2(
    /^remote:\s*(enumerating|counting|compressing) objects: (\d+),/i,
    (t2, [e, n]) => {
      const r2 = e.toLowerCase(), s = tt(t2.remoteMessages);
      Object.assign(s, { [r2]: p(n) });
    }
  ),
  new x2(
    /^remote:\s*(enumerating|counting|compressing) objects: \d+% \(\d+\/(\d+)\),/i,
    (t2, [e, n]) => {
      const r2 = e.toLowerCase(), s = tt(t2.remoteMessages);
      Object.assign(s, { [r2]: p(n) });
    }
  ),
  new x2(
    /total ([^,]+), reused ([^,]+), pack-reused (\d+)/i,
    (t2, [e, n, r2]) => {
      const s = tt(t2.remoteMessages);
      s.total = Ct(e), s.reused = Ct(n), s.packReused = p(r2);
    }
  )
];
var wr = [
  new x2(/^remote:\s*(.+)$/, (t2, [e]) => (t2.remoteMessages.all.push(e.trim()), false)),
  ...yr,
  new x2(
    [/create a (?:pull|merge) request/i, /\s(https?:\/\/\S+)$/],
    (t2, [e]) => {
      t2.remoteMessages.pullRequestUrl = e;
    }
  ),
  new x2(
    [/found (\d+) vulnerabilities.+\(([^)]+)\)/i, /\s(https?:\/\/\S+)$/],
    (t2, [e, n, r2]) => {
      t2.remoteMessages.vulnerabilities = {
        count: p(e),
        summary: n,
        url: r2
      };
    }
  )
];
function ae(t2, e) {
  return E2({ remoteMessages: new br() }, wr, e);
}
var br = class {
  constructor() {
    this.all = [];
  }
};
var Tr = /^\s*(.+?)\s+\|\s+\d+\s*(\+*)(-*)/;
var kr = /(\d+)\D+((\d+)\D+\(\+\))?(\D+(\d+)\D+\(-\))?/;
var _r = /^(create|delete) mode \d+ (.+)/;
var vr = [
  new l2(Tr, (t2, [e, n, r2]) => {
    t2.files.push(e), n && (t2.insertions[e] = n.length), r2 && (t2.deletions[e] = r2.length);
  }),
  new l2(kr, (t2, [e, , n, , r2]) => n !== void 0 || r2 !== void 0 ? (t2.summary.changes = +e || 0, t2.summary.insertions = +n || 0, t2.summary.deletions = +r2 || 0, true) : false),
  new l2(_r, (t2, [e, n]) => {
    S2(t2.files, n), S2(e === "create" ? t2.created : t2.deleted, n);
  })
];
var Er = [
  new l2(/^from\s(.+)$/i, (t2, [e]) => {
    t2.remote = e;
  }),
  new l2(/^fatal:\s(.+)$/, (t2, [e]) => {
    t2.message = e;
  }),
  new l2(
    /([a-z0-9]+)\.\.([a-z0-9]+)\s+(\S+)\s+->\s+(\S+)$/,
    (t2, [e, n, r2, s]) => {
      t2.branch.local = r2, t2.hash.local = e, t2.branch.remote = s, t2.hash.remote = n;
    }
  )
];
var Sr = (t2, e) => E2(new ie(), vr, [t2, e]);
var ue = (t2, e) => Object.assign(
  new ie(),
  Sr(t2, e),
  ae(t2, e)
);
function Rr(t2, e) {
  const n = E2(new gr(), Er, [t2, e]);
  return n.message && n;
}
var Or = [
  new l2(/^Auto-merging\s+(.+)$/, (t2, [e]) => {
    t2.merges.push(e);
  }),
  new l2(/^CONFLICT\s+\((.+)\): Merge conflict in (.+)$/, (t2, [e, n]) => {
    t2.conflicts.push(new Z2(e, n));
  }),
  new l2(
    /^CONFLICT\s+\((.+\/delete)\): (.+) deleted in (.+) and/,
    (t2, [e, n, r2]) => {
      t2.conflicts.push(new Z2(e, n, { deleteRef: r2 }));
    }
  ),
  new l2(/^CONFLICT\s+\((.+)\):/, (t2, [e]) => {
    t2.conflicts.push(new Z2(e, null));
  }),
  new l2(/^Automatic merge failed;\s+(.+)$/, (t2, [e]) => {
    t2.result = e;
  })
];
var Cr = (t2, e) => Object.assign(Ar(t2), ue(t2, e));
var Ar = (t2) => E2(new dr(), Or, t2);
function At(t2) {
  return t2.length ? {
    commands: ["merge", ...t2],
    format: "utf-8",
    parser(e, n) {
      const r2 = Cr(e, n);
      if (r2.failed)
        throw new at(r2);
      return r2;
    }
  } : b2("Git.merge requires at least one option");
}
function xr(t2, e, n) {
  const r2 = n.includes("deleted"), s = n.includes("tag") || /^refs\/tags/.test(t2), o2 = !n.includes("new");
  return {
    deleted: r2,
    tag: s,
    branch: !s,
    new: !o2,
    alreadyUpdated: o2,
    local: t2,
    remote: e
  };
}
var Nr = [
  new l2(/^Pushing to (.+)$/, (t2, [e]) => {
    t2.repo = e;
  }),
  new l2(/^updating local tracking ref '(.+)'/, (t2, [e]) => {
    t2.ref = {
      ...t2.ref || {},
      local: e
    };
  }),
  new l2(/^[=*-]\s+([^:]+):(\S+)\s+\[(.+)]$/, (t2, [e, n, r2]) => {
    t2.pushed.push(xr(e, n, r2));
  }),
  new l2(
    /^Branch '([^']+)' set up to track remote branch '([^']+)' from '([^']+)'/,
    (t2, [e, n, r2]) => {
      t2.branch = {
        ...t2.branch || {},
        local: e,
        remote: n,
        remoteName: r2
      };
    }
  ),
  new l2(
    /^([^:]+):(\S+)\s+([a-z0-9]+)\.\.([a-z0-9]+)$/,
    (t2, [e, n, r2, s]) => {
      t2.update = {
        head: {
          local: e,
          remote: n
        },
        hash: {
          from: r2,
          to: s
        }
      };
    }
  )
];
var $r = (t2, e) => {
  const n = Pr(t2, e), r2 = ae(t2, e);
  return {
    ...n,
    ...r2
  };
};
var Pr = (t2, e) => E2({ pushed: [] }, Nr, [t2, e]);
function Mr(t2 = {}, e) {
  return S2(e, "--tags"), ce(t2, e);
}
function ce(t2 = {}, e) {
  const n = ["push", ...e];
  return t2.branch && n.splice(1, 0, t2.branch), t2.remote && n.splice(1, 0, t2.remote), ct(n, "-v"), S2(n, "--verbose"), S2(n, "--porcelain"), {
    commands: n,
    format: "utf-8",
    parser: $r
  };
}
function Dr() {
  return {
    showBuffer() {
      const t2 = ["show", ...h2(arguments, 1)];
      return t2.includes("--binary") || t2.splice(1, 0, "--binary"), this._runTask(
        Gt(t2),
        u(arguments)
      );
    },
    show() {
      const t2 = ["show", ...h2(arguments, 1)];
      return this._runTask(
        g(t2),
        u(arguments)
      );
    }
  };
}
var Lr = /^(.+)\0(.+)$/;
var jr = class {
  constructor(e, n, r2) {
    if (this.path = e, this.index = n, this.working_dir = r2, n === "R" || r2 === "R") {
      const s = Lr.exec(e) || [null, e, e];
      this.from = s[2] || "", this.path = s[1] || "";
    }
  }
};
var Br = class {
  constructor() {
    this.not_added = [], this.conflicted = [], this.created = [], this.deleted = [], this.ignored = void 0, this.modified = [], this.renamed = [], this.files = [], this.staged = [], this.ahead = 0, this.behind = 0, this.current = null, this.tracking = null, this.detached = false, this.isClean = () => !this.files.length;
  }
};
function xt(t2) {
  const [e, n] = t2.split(I2);
  return {
    from: n || e,
    to: e
  };
}
function _2(t2, e, n) {
  return [`${t2}${e}`, n];
}
function et(t2, ...e) {
  return e.map((n) => _2(t2, n, (r2, s) => r2.conflicted.push(s)));
}
var Ir = new Map([
  _2(
    " ",
    "A",
    (t2, e) => t2.created.push(e)
  ),
  _2(
    " ",
    "D",
    (t2, e) => t2.deleted.push(e)
  ),
  _2(
    " ",
    "M",
    (t2, e) => t2.modified.push(e)
  ),
  _2("A", " ", (t2, e) => {
    t2.created.push(e), t2.staged.push(e);
  }),
  _2("A", "M", (t2, e) => {
    t2.created.push(e), t2.staged.push(e), t2.modified.push(e);
  }),
  _2("D", " ", (t2, e) => {
    t2.deleted.push(e), t2.staged.push(e);
  }),
  _2("M", " ", (t2, e) => {
    t2.modified.push(e), t2.staged.push(e);
  }),
  _2("M", "M", (t2, e) => {
    t2.modified.push(e), t2.staged.push(e);
  }),
  _2("R", " ", (t2, e) => {
    t2.renamed.push(xt(e));
  }),
  _2("R", "M", (t2, e) => {
    const n = xt(e);
    t2.renamed.push(n), t2.modified.push(n.to);
  }),
  _2("!", "!", (t2, e) => {
    (t2.ignored = t2.ignored || []).push(e);
  }),
  _2(
    "?",
    "?",
    (t2, e) => t2.not_added.push(e)
  ),
  ...et(
    "A",
    "A",
    "U"
    /* UNMERGED */
  ),
  ...et(
    "D",
    "D",
    "U"
    /* UNMERGED */
  ),
  ...et(
    "U",
    "A",
    "D",
    "U"
    /* UNMERGED */
  ),
  [
    "##",
    (t2, e) => {
      const n = /ahead (\d+)/, r2 = /behind (\d+)/, s = /^(.+?(?=(?:\.{3}|\s|$)))/, o2 = /\.{3}(\S*)/, i = /\son\s(\S+?)(?=\.{3}|$)/;
      let a = n.exec(e);
      t2.ahead = a && +a[1] || 0, a = r2.exec(e), t2.behind = a && +a[1] || 0, a = s.exec(e), t2.current = d(a?.[1], m, null), a = o2.exec(e), t2.tracking = d(a?.[1], m, null), a = i.exec(e), a && (t2.current = d(a?.[1], m, t2.current)), t2.detached = /\(no branch\)/.test(e);
    }
  ]
]);
var Ur = function(t2) {
  const e = t2.split(I2), n = new Br();
  for (let r2 = 0, s = e.length; r2 < s; ) {
    let o2 = e[r2++].trim();
    o2 && (o2.charAt(0) === "R" && (o2 += I2 + (e[r2++] || "")), Fr(n, o2));
  }
  return n;
};
function Fr(t2, e) {
  const n = e.trim();
  switch (" ") {
    case n.charAt(2):
      return r2(n.charAt(0), n.charAt(1), n.slice(3));
    case n.charAt(1):
      return r2(" ", n.charAt(0), n.slice(2));
    default:
      return;
  }
  function r2(s, o2, i) {
    const a = `${s}${o2}`, c3 = Ir.get(a);
    c3 && c3(t2, i), a !== "##" && a !== "!!" && t2.files.push(new jr(i, s, o2));
  }
}
var Gr = ["--null", "-z"];
function zr(t2) {
  return {
    format: "utf-8",
    commands: [
      "status",
      "--porcelain",
      "-b",
      "-u",
      "--null",
      ...t2.filter((n) => !Gr.includes(n))
    ],
    parser(n) {
      return Ur(n);
    }
  };
}
var fe = "installed=false";
function q2(t2 = 0, e = 0, n = 0, r2 = "", s = true) {
  return Object.defineProperty(
    {
      major: t2,
      minor: e,
      patch: n,
      agent: r2,
      installed: s
    },
    "toString",
    {
      value() {
        return `${this.major}.${this.minor}.${this.patch}`;
      },
      configurable: false,
      enumerable: false
    }
  );
}
function qr() {
  return q2(0, 0, 0, "", false);
}
function Wr() {
  return {
    version() {
      return this._runTask({
        commands: ["--version"],
        format: "utf-8",
        parser: Kr,
        onError(t2, e, n, r2) {
          if (t2.exitCode === V2.NOT_FOUND)
            return n(Buffer.from(fe));
          r2(e);
        }
      });
    }
  };
}
var Hr = [
  new l2(
    /version (\d+)\.(\d+)\.(\d+)(?:\s*\((.+)\))?/,
    (t2, [e, n, r2, s = ""]) => {
      Object.assign(
        t2,
        q2(p(e), p(n), p(r2), s)
      );
    }
  ),
  new l2(
    /version (\d+)\.(\d+)\.(\D+)(.+)?$/,
    (t2, [e, n, r2, s = ""]) => {
      Object.assign(t2, q2(p(e), p(n), r2, s));
    }
  )
];
function Kr(t2) {
  return t2 === fe ? qr() : E2(q2(0, 0, 0, t2), Hr, t2);
}
var le = class {
  constructor(e) {
    this._executor = e;
  }
  _runTask(e, n) {
    const r2 = this._executor.chain(), s = r2.push(e);
    return n && Ln(e, s, n), Object.create(this, {
      then: { value: s.then.bind(s) },
      catch: { value: s.catch.bind(s) },
      _executor: { value: r2 }
    });
  }
  add(e) {
    return this._runTask(
      g(["add", ...v(e)]),
      u(arguments)
    );
  }
  cwd(e) {
    const n = u(arguments);
    return typeof e == "string" ? this._runTask(St(e, this._executor), n) : typeof e?.path == "string" ? this._runTask(
      St(
        e.path,
        e.root && this._executor || void 0
      ),
      n
    ) : this._runTask(
      b2("Git.cwd: workingDirectory must be supplied as a string"),
      n
    );
  }
  hashObject(e, n) {
    return this._runTask(
      Vn(e, n === true),
      u(arguments)
    );
  }
  init(e) {
    return this._runTask(
      Zn(e === true, this._executor.cwd, h2(arguments)),
      u(arguments)
    );
  }
  merge() {
    return this._runTask(
      At(h2(arguments)),
      u(arguments)
    );
  }
  mergeFromTo(e, n) {
    return m(e) && m(n) ? this._runTask(
      At([e, n, ...h2(arguments)]),
      u(arguments, false)
    ) : this._runTask(
      b2(
        "Git.mergeFromTo requires that the 'remote' and 'branch' arguments are supplied as strings"
      )
    );
  }
  outputHandler(e) {
    return this._executor.outputHandler = e, this;
  }
  push() {
    const e = ce(
      {
        remote: d(arguments[0], m),
        branch: d(arguments[1], m)
      },
      h2(arguments)
    );
    return this._runTask(e, u(arguments));
  }
  stash() {
    return this._runTask(
      g(["stash", ...h2(arguments)]),
      u(arguments)
    );
  }
  status() {
    return this._runTask(
      zr(h2(arguments)),
      u(arguments)
    );
  }
};
Object.assign(
  le.prototype,
  jn(),
  In(),
  zn(),
  Tn(),
  Hn(),
  Kn(),
  On(),
  er(),
  pr(),
  Dr(),
  Wr()
);
var Vr = /* @__PURE__ */ (() => {
  let t2 = 0;
  return () => {
    t2++;
    const { promise: e, done: n } = (0, import_promise_deferred.createDeferred)();
    return {
      promise: e,
      done: n,
      id: t2
    };
  };
})();
var Xr = class {
  constructor(e = 2) {
    this.concurrency = e, this.logger = $2("", "scheduler"), this.pending = [], this.running = [], this.logger("Constructed, concurrency=%s", e);
  }
  schedule() {
    if (!this.pending.length || this.running.length >= this.concurrency) {
      this.logger(
        "Schedule attempt ignored, pending=%s running=%s concurrency=%s",
        this.pending.length,
        this.running.length,
        this.concurrency
      );
      return;
    }
    const e = S2(this.running, this.pending.shift());
    this.logger("Attempting id=%s", e.id), e.done(() => {
      this.logger("Completing id=", e.id), ct(this.running, e), this.schedule();
    });
  }
  next() {
    const { promise: e, id: n } = S2(this.pending, Vr());
    return this.logger("Scheduling id=%s", n), this.schedule(), e;
  }
};
function Yr(t2, e) {
  return g(["apply", ...e, ...t2]);
}
var he = /* @__PURE__ */ ((t2) => (t2.CURRENT = "*", t2.LINKED = "+", t2))(he || {});
var Qr = class {
  constructor() {
    this.all = [], this.branches = {}, this.current = "", this.detached = false;
  }
  push(e, n, r2, s, o2) {
    e === "*" && (this.detached = n, this.current = r2), this.all.push(r2), this.branches[r2] = {
      current: e === "*",
      linkedWorkTree: e === "+",
      name: r2,
      commit: s,
      label: o2
    };
  }
};
var Jr = [
  new l2(
    /^([*+]\s)?\((?:HEAD )?detached (?:from|at) (\S+)\)\s+([a-z0-9]+)\s(.*)$/,
    (t2, [e, n, r2, s]) => {
      t2.push(Nt(e), true, n, r2, s);
    }
  ),
  new l2(
    /^([*+]\s)?(\S+)\s+([a-z0-9]+)\s?(.*)$/s,
    (t2, [e, n, r2, s]) => {
      t2.push(Nt(e), false, n, r2, s);
    }
  )
];
var Zr = new l2(/^(\S+)$/s, (t2, [e]) => {
  t2.push(he.CURRENT, false, e, "", "");
});
function Nt(t2) {
  return t2 ? t2.charAt(0) : "";
}
function me(t2, e = false) {
  return E2(
    new Qr(),
    e ? [Zr] : Jr,
    t2
  );
}
var ts = class {
  constructor() {
    this.all = [], this.branches = {}, this.errors = [];
  }
  get success() {
    return !this.errors.length;
  }
};
function es(t2, e) {
  return {
    branch: t2,
    hash: e,
    success: true
  };
}
function ns(t2) {
  return {
    branch: t2,
    hash: null,
    success: false
  };
}
var rs = /(\S+)\s+\(\S+\s([^)]+)\)/;
var pe = /^error[^']+'([^']+)'/m;
var ss = [
  new l2(rs, (t2, [e, n]) => {
    const r2 = es(e, n);
    t2.all.push(r2), t2.branches[e] = r2;
  }),
  new l2(pe, (t2, [e]) => {
    const n = ns(e);
    t2.errors.push(n), t2.all.push(n), t2.branches[e] = n;
  })
];
var gt = (t2, e) => E2(new ts(), ss, [t2, e]);
function de(t2, e) {
  return e === V2.ERROR && pe.test(t2);
}
function os(t2) {
  const e = ["-d", "-D", "--delete"];
  return t2.some((n) => e.includes(n));
}
function is(t2) {
  const e = os(t2), n = t2.includes("--show-current"), r2 = ["branch", ...t2];
  return r2.length === 1 && r2.push("-a"), r2.includes("-v") || r2.splice(1, 0, "-v"), {
    format: "utf-8",
    commands: r2,
    parser(s, o2) {
      return e ? gt(s, o2).all[0] : me(s, n);
    }
  };
}
function as() {
  return {
    format: "utf-8",
    commands: ["branch", "-v"],
    parser(t2) {
      return me(t2);
    }
  };
}
function us(t2, e = false) {
  return {
    format: "utf-8",
    commands: ["branch", "-v", e ? "-D" : "-d", ...t2],
    parser(n, r2) {
      return gt(n, r2);
    },
    onError({ exitCode: n, stdOut: r2 }, s, o2, i) {
      if (!de(String(s), n))
        return i(s);
      o2(r2);
    }
  };
}
function cs(t2, e = false) {
  const n = {
    format: "utf-8",
    commands: ["branch", "-v", e ? "-D" : "-d", t2],
    parser(r2, s) {
      return gt(r2, s).branches[t2];
    },
    onError({ exitCode: r2, stdErr: s, stdOut: o2 }, i, a, c3) {
      if (!de(String(i), r2))
        return c3(i);
      throw new at(
        n.parser(F2(o2), F2(s)),
        String(i)
      );
    }
  };
  return n;
}
function fs(t2) {
  return {
    commands: ["check-ignore", ...t2],
    format: "utf-8",
    parser: ls
  };
}
function ls(t2) {
  return t2.split(/\n/g).map(hs).filter(Boolean);
}
function hs(t2) {
  const e = t2.trim().replace(/^["']|["']$/g, "");
  return e && Se(e);
}
var ms = [
  new l2(/From (.+)$/, (t2, [e]) => {
    t2.remote = e;
  }),
  new l2(/\* \[new branch]\s+(\S+)\s*-> (.+)$/, (t2, [e, n]) => {
    t2.branches.push({
      name: e,
      tracking: n
    });
  }),
  new l2(/\* \[new tag]\s+(\S+)\s*-> (.+)$/, (t2, [e, n]) => {
    t2.tags.push({
      name: e,
      tracking: n
    });
  }),
  new l2(/- \[deleted]\s+\S+\s*-> (.+)$/, (t2, [e]) => {
    t2.deleted.push({
      tracking: e
    });
  }),
  new l2(
    /\s*([^.]+)\.\.(\S+)\s+(\S+)\s*-> (.+)$/,
    (t2, [e, n, r2, s]) => {
      t2.updated.push({
        name: r2,
        tracking: s,
        to: n,
        from: e
      });
    }
  )
];
function ps(t2, e) {
  return E2({
    raw: t2,
    remote: null,
    branches: [],
    tags: [],
    updated: [],
    deleted: []
  }, ms, [t2, e]);
}
function ds(t2) {
  return /^--upload-pack(=|$)/.test(t2);
}
function gs(t2, e, n) {
  const r2 = ["fetch", ...n];
  return t2 && e && r2.push(t2, e), r2.find(ds) ? b2("git.fetch: potential exploit argument blocked.") : {
    commands: r2,
    format: "utf-8",
    parser: ps
  };
}
var ys = [
  new l2(/^Renaming (.+) to (.+)$/, (t2, [e, n]) => {
    t2.moves.push({ from: e, to: n });
  })
];
function ws(t2) {
  return E2({ moves: [] }, ys, t2);
}
function bs(t2, e) {
  return {
    commands: ["mv", "-v", ...v(t2), e],
    format: "utf-8",
    parser: ws
  };
}
function Ts(t2, e, n) {
  const r2 = ["pull", ...n];
  return t2 && e && r2.splice(1, 0, t2, e), {
    commands: r2,
    format: "utf-8",
    parser(s, o2) {
      return ue(s, o2);
    },
    onError(s, o2, i, a) {
      const c3 = Rr(
        F2(s.stdOut),
        F2(s.stdErr)
      );
      if (c3)
        return a(new at(c3));
      a(o2);
    }
  };
}
function ks(t2) {
  const e = {};
  return ge(t2, ([n]) => e[n] = { name: n }), Object.values(e);
}
function _s(t2) {
  const e = {};
  return ge(t2, ([n, r2, s]) => {
    Object.hasOwn(e, n) || (e[n] = {
      name: n,
      refs: { fetch: "", push: "" }
    }), s && r2 && (e[n].refs[s.replace(/[^a-z]/g, "")] = r2);
  }), Object.values(e);
}
function ge(t2, e) {
  ut(t2, (n) => e(n.split(/\s+/)));
}
function vs(t2, e, n) {
  return g(["remote", "add", ...n, t2, e]);
}
function Es(t2) {
  const e = ["remote"];
  return t2 && e.push("-v"), {
    commands: e,
    format: "utf-8",
    parser: t2 ? _s : ks
  };
}
function Ss(t2) {
  const e = [...t2];
  return e[0] !== "ls-remote" && e.unshift("ls-remote"), g(e);
}
function Rs(t2) {
  const e = [...t2];
  return e[0] !== "remote" && e.unshift("remote"), g(e);
}
function Os(t2) {
  return g(["remote", "remove", t2]);
}
function Cs(t2 = {}, e) {
  const n = oe2(t2), r2 = ["stash", "list", ...n.commands, ...e], s = re(
    n.splitter,
    n.fields,
    pt(r2)
  );
  return dt(r2) || {
    commands: r2,
    format: "utf-8",
    parser: s
  };
}
function As(t2, e) {
  return X2(["add", t2, e]);
}
function xs(t2) {
  return X2(["init", ...t2]);
}
function X2(t2) {
  const e = [...t2];
  return e[0] !== "submodule" && e.unshift("submodule"), g(e);
}
function Ns(t2) {
  return X2(["update", ...t2]);
}
var $s = class {
  constructor(e, n) {
    this.all = e, this.latest = n;
  }
};
var Ps = function(t2, e = false) {
  const n = t2.split(`
`).map(Ds).filter(Boolean);
  e || n.sort(function(s, o2) {
    const i = s.split("."), a = o2.split(".");
    if (i.length === 1 || a.length === 1)
      return Ms(B2(i[0]), B2(a[0]));
    for (let c3 = 0, y2 = Math.max(i.length, a.length); c3 < y2; c3++) {
      const w2 = ye(B2(i[c3]), B2(a[c3]));
      if (w2)
        return w2;
    }
    return 0;
  });
  const r2 = e ? n[0] : [...n].reverse().find((s) => s.indexOf(".") >= 0);
  return new $s(n, r2);
};
function Ms(t2, e) {
  const n = Number.isNaN(t2), r2 = Number.isNaN(e);
  return n !== r2 ? n ? 1 : -1 : n ? ye(t2, e) : 0;
}
function ye(t2, e) {
  return t2 === e ? 0 : t2 > e ? 1 : -1;
}
function Ds(t2) {
  return t2.trim();
}
function B2(t2) {
  return typeof t2 == "string" && parseInt(t2.replace(/^\D+/g, ""), 10) || 0;
}
function Ls(t2 = []) {
  const e = t2.some((n) => /^--sort=/.test(n));
  return {
    format: "utf-8",
    commands: ["tag", "-l", ...t2],
    parser(n) {
      return Ps(n, e);
    }
  };
}
function js(t2) {
  return {
    format: "utf-8",
    commands: ["tag", t2],
    parser() {
      return { name: t2 };
    }
  };
}
function Bs(t2, e) {
  return {
    format: "utf-8",
    commands: ["tag", "-a", "-m", e, t2],
    parser() {
      return { name: t2 };
    }
  };
}
function f2(t2, e) {
  this._plugins = e, this._executor = new Dn(
    t2.baseDir,
    new Xr(t2.maxConcurrentProcesses),
    e
  ), this._trimmed = t2.trimmed;
}
(f2.prototype = Object.create(le.prototype)).constructor = f2;
f2.prototype.customBinary = function(t2) {
  return this._plugins.reconfigure("binary", t2), this;
};
f2.prototype.env = function(t2, e) {
  return arguments.length === 1 && typeof t2 == "object" ? this._executor.env = t2 : (this._executor.env = this._executor.env || {})[t2] = e, this;
};
f2.prototype.stashList = function(t2) {
  return this._runTask(
    Cs(
      ht(arguments) || {},
      K2(t2) && t2 || []
    ),
    u(arguments)
  );
};
f2.prototype.mv = function(t2, e) {
  return this._runTask(bs(t2, e), u(arguments));
};
f2.prototype.checkoutLatestTag = function(t2) {
  var e = this;
  return this.pull(function() {
    e.tags(function(n, r2) {
      e.checkout(r2.latest, t2);
    });
  });
};
f2.prototype.pull = function(t2, e, n, r2) {
  return this._runTask(
    Ts(
      d(t2, m),
      d(e, m),
      h2(arguments)
    ),
    u(arguments)
  );
};
f2.prototype.fetch = function(t2, e) {
  return this._runTask(
    gs(
      d(t2, m),
      d(e, m),
      h2(arguments)
    ),
    u(arguments)
  );
};
f2.prototype.tags = function(t2, e) {
  return this._runTask(
    Ls(h2(arguments)),
    u(arguments)
  );
};
f2.prototype.rebase = function() {
  return this._runTask(
    g(["rebase", ...h2(arguments)]),
    u(arguments)
  );
};
f2.prototype.reset = function(t2) {
  return this._runTask(
    An(xn(t2), h2(arguments)),
    u(arguments)
  );
};
f2.prototype.revert = function(t2) {
  const e = u(arguments);
  return typeof t2 != "string" ? this._runTask(b2("Commit must be a string"), e) : this._runTask(
    g(["revert", ...h2(arguments, 0, true), t2]),
    e
  );
};
f2.prototype.addTag = function(t2) {
  const e = typeof t2 == "string" ? js(t2) : b2("Git.addTag requires a tag name");
  return this._runTask(e, u(arguments));
};
f2.prototype.addAnnotatedTag = function(t2, e) {
  return this._runTask(
    Bs(t2, e),
    u(arguments)
  );
};
f2.prototype.deleteLocalBranch = function(t2, e, n) {
  return this._runTask(
    cs(t2, typeof e == "boolean" ? e : false),
    u(arguments)
  );
};
f2.prototype.deleteLocalBranches = function(t2, e, n) {
  return this._runTask(
    us(t2, typeof e == "boolean" ? e : false),
    u(arguments)
  );
};
f2.prototype.branch = function(t2, e) {
  return this._runTask(
    is(h2(arguments)),
    u(arguments)
  );
};
f2.prototype.branchLocal = function(t2) {
  return this._runTask(as(), u(arguments));
};
f2.prototype.raw = function(t2) {
  const e = !Array.isArray(t2), n = [].slice.call(e ? arguments : t2, 0);
  for (let s = 0; s < n.length && e; s++)
    if (!st(n[s])) {
      n.splice(s, n.length - s);
      break;
    }
  n.push(...h2(arguments, 0, true));
  var r2 = u(arguments);
  return n.length ? this._runTask(g(n, this._trimmed), r2) : this._runTask(
    b2("Raw: must supply one or more command to execute"),
    r2
  );
};
f2.prototype.submoduleAdd = function(t2, e, n) {
  return this._runTask(As(t2, e), u(arguments));
};
f2.prototype.submoduleUpdate = function(t2, e) {
  return this._runTask(
    Ns(h2(arguments, true)),
    u(arguments)
  );
};
f2.prototype.submoduleInit = function(t2, e) {
  return this._runTask(
    xs(h2(arguments, true)),
    u(arguments)
  );
};
f2.prototype.subModule = function(t2, e) {
  return this._runTask(
    X2(h2(arguments)),
    u(arguments)
  );
};
f2.prototype.listRemote = function() {
  return this._runTask(
    Ss(h2(arguments)),
    u(arguments)
  );
};
f2.prototype.addRemote = function(t2, e, n) {
  return this._runTask(
    vs(t2, e, h2(arguments)),
    u(arguments)
  );
};
f2.prototype.removeRemote = function(t2, e) {
  return this._runTask(Os(t2), u(arguments));
};
f2.prototype.getRemotes = function(t2, e) {
  return this._runTask(Es(t2 === true), u(arguments));
};
f2.prototype.remote = function(t2, e) {
  return this._runTask(
    Rs(h2(arguments)),
    u(arguments)
  );
};
f2.prototype.tag = function(t2, e) {
  const n = h2(arguments);
  return n[0] !== "tag" && n.unshift("tag"), this._runTask(g(n), u(arguments));
};
f2.prototype.updateServerInfo = function(t2) {
  return this._runTask(
    g(["update-server-info"]),
    u(arguments)
  );
};
f2.prototype.pushTags = function(t2, e) {
  const n = Mr(
    { remote: d(t2, m) },
    h2(arguments)
  );
  return this._runTask(n, u(arguments));
};
f2.prototype.rm = function(t2) {
  return this._runTask(
    g(["rm", "-f", ...v(t2)]),
    u(arguments)
  );
};
f2.prototype.rmKeepLocal = function(t2) {
  return this._runTask(
    g(["rm", "--cached", ...v(t2)]),
    u(arguments)
  );
};
f2.prototype.catFile = function(t2, e) {
  return this._catFile("utf-8", arguments);
};
f2.prototype.binaryCatFile = function() {
  return this._catFile("buffer", arguments);
};
f2.prototype._catFile = function(t2, e) {
  var n = u(e), r2 = ["cat-file"], s = e[0];
  if (typeof s == "string")
    return this._runTask(
      b2("Git.catFile: options must be supplied as an array of strings"),
      n
    );
  Array.isArray(s) && r2.push.apply(r2, s);
  const o2 = t2 === "buffer" ? Gt(r2) : g(r2);
  return this._runTask(o2, n);
};
f2.prototype.diff = function(t2, e) {
  const n = m(t2) ? b2(
    "git.diff: supplying options as a single string is no longer supported, switch to an array of strings"
  ) : g(["diff", ...h2(arguments)]);
  return this._runTask(n, u(arguments));
};
f2.prototype.diffSummary = function() {
  return this._runTask(
    fr(h2(arguments, 1)),
    u(arguments)
  );
};
f2.prototype.applyPatch = function(t2) {
  const e = G2(t2) ? Yr(v(t2), h2([].slice.call(arguments, 1))) : b2(
    "git.applyPatch requires one or more string patches as the first argument"
  );
  return this._runTask(e, u(arguments));
};
f2.prototype.revparse = function() {
  const t2 = ["rev-parse", ...h2(arguments, true)];
  return this._runTask(
    g(t2, true),
    u(arguments)
  );
};
f2.prototype.clean = function(t2, e, n) {
  const r2 = un(t2), s = r2 && t2.join("") || d(t2, m) || "", o2 = h2([].slice.call(arguments, r2 ? 1 : 0));
  return this._runTask(
    on(s, o2),
    u(arguments)
  );
};
f2.prototype.exec = function(t2) {
  const e = {
    commands: [],
    format: "utf-8",
    parser() {
      typeof t2 == "function" && t2();
    }
  };
  return this._runTask(e);
};
f2.prototype.checkIgnore = function(t2, e) {
  return this._runTask(
    fs(v(d(t2, G2, []))),
    u(arguments)
  );
};
f2.prototype.checkIsRepo = function(t2, e) {
  return this._runTask(
    We(d(t2, m)),
    u(arguments)
  );
};
function Is(t2) {
  return t2 ? [{
    type: "spawn.before",
    action(r2, s) {
      t2.aborted && s.kill(new A2(void 0, "abort", "Abort already signaled"));
    }
  }, {
    type: "spawn.after",
    action(r2, s) {
      function o2() {
        s.kill(new A2(void 0, "abort", "Abort signal received"));
      }
      t2.addEventListener("abort", o2), s.spawned.on("close", () => t2.removeEventListener("abort", o2));
    }
  }] : void 0;
}
var Us = $2("", "plugin:allowEnvironment");
function Fs(t2, e = false) {
  const n = new Set(t2.map((r2) => r2.toLowerCase().trim()));
  return {
    type: "spawn.options",
    action(r2, s) {
      const o2 = { ...r2.env ?? process.env }, i = new Set(
        Object.keys(s.env).map((a) => a.toLowerCase().trim())
      );
      for (const a of Object.keys(o2)) {
        const c3 = a.toLowerCase().trim();
        if (!(!Gs(c3) || n.has(c3))) {
          if (i.has(c3))
            throw new A2(
              void 0,
              "allowEnvironment",
              `Use of "${a}" is blocked by the environment guard - add it to the allowEnvironment option to permit it`
            );
          Us("removing ambient guarded environment variable %s", a), delete o2[a];
        }
      }
      return {
        ...r2,
        env: {
          ...o2,
          GIT_TEST_DISALLOW_ABBREVIATED_OPTIONS: String(!e)
        }
      };
    }
  };
}
function Gs(t2) {
  const e = t2.toLowerCase().trim();
  return e.startsWith("git_") || _(e);
}
function zs(t2 = {}) {
  return {
    type: "spawn.args",
    action(e, { env: n }) {
      for (const r2 of oe(e, n))
        if (t2[r2.category] !== true)
          throw new A2(void 0, "unsafe", r2.message);
      return e;
    }
  };
}
function qs(t2) {
  const e = U(t2, "-c");
  return {
    type: "spawn.args",
    action(n) {
      return [...e, ...n];
    }
  };
}
var $t = (0, import_promise_deferred.deferred)().promise;
function Ws({
  onClose: t2 = true,
  onExit: e = 50
} = {}) {
  function n() {
    let s = -1;
    const o2 = {
      close: (0, import_promise_deferred.deferred)(),
      closeTimeout: (0, import_promise_deferred.deferred)(),
      exit: (0, import_promise_deferred.deferred)(),
      exitTimeout: (0, import_promise_deferred.deferred)()
    }, i = Promise.race([
      t2 === false ? $t : o2.closeTimeout.promise,
      e === false ? $t : o2.exitTimeout.promise
    ]);
    return r2(t2, o2.close, o2.closeTimeout), r2(e, o2.exit, o2.exitTimeout), {
      close(a) {
        s = a, o2.close.done();
      },
      exit(a) {
        s = a, o2.exit.done();
      },
      get exitCode() {
        return s;
      },
      result: i
    };
  }
  function r2(s, o2, i) {
    s !== false && (s === true ? o2.promise : o2.promise.then(() => wt(s))).then(i.done);
  }
  return {
    type: "spawn.after",
    async action(s, { spawned: o2, close: i }) {
      const a = n();
      let c3 = true, y2 = () => {
        c3 = false;
      };
      o2.stdout?.on("data", y2), o2.stderr?.on("data", y2), o2.on("error", y2), o2.on("close", (w2) => a.close(w2)), o2.on("exit", (w2) => a.exit(w2));
      try {
        await a.result, c3 && await wt(50), i(a.exitCode);
      } catch (w2) {
        i(a.exitCode, w2);
      }
    }
  };
}
var we = $2("", "plugin:binary");
var Hs = "Invalid value supplied for custom binary, requires a single string or an array containing either one or two strings";
var Ks = "Invalid value supplied for custom binary, restricted characters must be removed or supply the unsafe.allowUnsafeCustomBinary option";
function Vs(t2) {
  return !t2 || !/^([a-z]:)?([a-z0-9/.\\_~-]+)$/i.test(t2);
}
function Pt(t2, e) {
  if (t2.length < 1 || t2.length > 2)
    throw new A2(void 0, "binary", Hs);
  if (t2.some(Vs))
    if (e)
      we("permitted unsafe binary %o", t2);
    else
      throw new A2(void 0, "binary", Ks);
  const [r2, s] = t2;
  return {
    binary: r2,
    prefix: s
  };
}
function Xs(t2, e = ["git"], n = false) {
  let r2 = Pt(v(e), n);
  t2.on("binary", (s) => {
    r2 = Pt(v(s), n), we.info("reconfiguring %o", r2);
  }), t2.append("spawn.binary", () => r2.binary), t2.append("spawn.args", (s) => r2.prefix ? [r2.prefix, ...s] : s);
}
var be = {
  DISALLOWED_ABBREVIATED: {
    text: "disallowed abbreviated or ambiguous option",
    solution: "Unambiguous abbreviated options blocked with unsafe.allowAbbreviatedOptions setting: {message}"
  },
  UNKNOWN: {
    text: "~ unknown ~",
    solution: void 0
  }
};
function Ys(t2) {
  if (!t2)
    return "UNKNOWN";
  for (const [e, { text: n }] of Object.entries(be))
    if (t2.startsWith(`fatal: ${n}`))
      return e;
  return "UNKNOWN";
}
var Qs = class extends O2 {
  constructor(e = "") {
    const n = Ys(e);
    super(void 0, be[n].solution?.replace("{message}", e) ?? e), this.reason = n;
  }
};
function Js(t2) {
  return !!(t2.exitCode && t2.stdErr.length);
}
function Zs(t2) {
  return Buffer.concat([...t2.stdOut, ...t2.stdErr]);
}
function to(t2 = false, e = Js, n = Zs) {
  return (r2, s) => !t2 && r2 || !e(s) ? r2 : n(s);
}
function eo(t2, e) {
  return t2 === 128 && e.startsWith("fatal:") ? new Qs(e) : new O2(void 0, e);
}
function Mt(t2) {
  return {
    type: "task.error",
    action(e, n) {
      const r2 = t2(e.error, {
        stdErr: n.stdErr,
        stdOut: n.stdOut,
        exitCode: n.exitCode
      });
      return Buffer.isBuffer(r2) ? {
        error: eo(n.exitCode, r2.toString("utf-8"))
      } : {
        error: r2
      };
    }
  };
}
var nt = $2("", "plugin:input");
function no(t2) {
  return {
    type: "spawn.after",
    action(e, { commands: n, input: r2, spawned: { stdin: s } }) {
      if (!s)
        return;
      const o2 = t2?.([...n]) ?? r2;
      if (!o2)
        return nt("generated zero length content, not writing to stdin");
      nt("writing %s bytes to stdin", Le(o2)), s.on("error", (i) => {
        i.code !== "EPIPE" && nt("[ERROR] stdin error %o", i);
      }), s.end(o2);
    }
  };
}
var ro = class {
  constructor() {
    this.plugins = /* @__PURE__ */ new Set(), this.events = new Ce();
  }
  on(e, n) {
    this.events.on(e, n);
  }
  reconfigure(e, n) {
    this.events.emit(e, n);
  }
  append(e, n) {
    const r2 = S2(this.plugins, { type: e, action: n });
    return () => this.plugins.delete(r2);
  }
  add(e) {
    const n = [];
    return v(e).forEach(
      (r2) => {
        r2 && this.plugins.add(S2(n, r2));
      }
    ), () => {
      n.forEach((r2) => {
        this.plugins.delete(r2);
      });
    };
  }
  exec(e, n, r2) {
    let s = n;
    const o2 = Object.freeze(Object.create(r2));
    for (const i of this.plugins)
      i.type === e && (s = i.action(s, o2));
    return s;
  }
};
function so(t2) {
  const e = "--progress", n = ["checkout", "clone", "fetch", "pull", "push"];
  return [{
    type: "spawn.args",
    action(o2, i) {
      return n.includes(i.method) ? De(o2, e) : o2;
    }
  }, {
    type: "spawn.after",
    action(o2, i) {
      i.commands.includes(e) && i.spawned.stderr?.on("data", (a) => {
        const c3 = /^([\s\S]+?):\s*(\d+)% \((\d+)\/(\d+)\)/.exec(a.toString("utf8"));
        c3 && t2({
          method: i.method,
          stage: oo(c3[1]),
          progress: p(c3[2]),
          processed: p(c3[3]),
          total: p(c3[4])
        });
      });
    }
  }];
}
function oo(t2) {
  return String(t2.toLowerCase().split(" ", 1)) || "unknown";
}
function io(t2) {
  const e = je(t2, ["uid", "gid"]);
  return {
    type: "spawn.options",
    action(n) {
      return { ...e, ...n };
    }
  };
}
function ao() {
  return {
    type: "spawn.args",
    action(t2) {
      const e = [];
      let n;
      function r2(s) {
        (n = n || []).push(...s);
      }
      for (let s = 0; s < t2.length; s++) {
        const o2 = t2[s];
        if (r(o2)) {
          r2(o(o2));
          continue;
        }
        if (o2 === "--") {
          r2(
            t2.slice(s + 1).flatMap((i) => r(i) && o(i) || i)
          );
          break;
        }
        e.push(o2);
      }
      return n ? [...e, "--", ...n.map(String)] : e;
    }
  };
}
function uo({
  block: t2,
  stdErr: e = true,
  stdOut: n = true
}) {
  if (t2 > 0)
    return {
      type: "spawn.after",
      action(r2, s) {
        let o2;
        function i() {
          o2 && clearTimeout(o2), o2 = setTimeout(c3, t2);
        }
        function a() {
          s.spawned.stdout?.off("data", i), s.spawned.stderr?.off("data", i), s.spawned.off("exit", a), s.spawned.off("close", a), o2 && clearTimeout(o2);
        }
        function c3() {
          a(), s.kill(new A2(void 0, "timeout", "block timeout reached"));
        }
        n && s.spawned.stdout?.on("data", i), e && s.spawned.stderr?.on("data", i), s.spawned.on("exit", a), s.spawned.on("close", a), i();
      }
    };
}
var wo = (t2, e) => {
  const n = new ro(), r2 = Ge(
    t2 && (typeof t2 == "string" ? { baseDir: t2 } : t2) || {},
    e
  );
  if (!Lt(r2.baseDir))
    throw new Ae(
      r2,
      "Cannot use simple-git on a directory that does not exist"
    );
  return Array.isArray(r2.config) && n.add(qs(r2.config)), n.add(zs(r2.unsafe)), n.add(Ws(r2.completion)), r2.abort && n.add(Is(r2.abort)), r2.progress && n.add(so(r2.progress)), r2.timeout && n.add(uo(r2.timeout)), r2.spawnOptions && n.add(io(r2.spawnOptions)), n.add(ao()), n.add(no(r2.input)), n.add(Mt(to(true))), r2.errors && n.add(Mt(r2.errors)), Xs(n, r2.binary, r2.unsafe?.allowUnsafeCustomBinary), n.add(
    Fs(r2.allowEnvironment ?? [], r2.unsafe?.allowAbbreviatedOptions)
  ), new f2(r2, n);
};

// src/adapters/git.ts
var FIELDS = [
  "%(refname:strip=2)",
  "%(objecttype)",
  "%(objectname)",
  "%(taggerdate:iso-strict)",
  "%(*objecttype)",
  "%(*objectname)",
  "%(contents)",
  "%(contents:signature)",
  "%(*committerdate:iso-strict)"
];
var FORMAT = FIELDS.map((field) => `${field}%00`).join("");
function createGitTagStore(options) {
  const { dir, remote } = options;
  const shownRemote = remote === void 0 ? void 0 : redactCredentials(remote);
  const git = openRepository(options);
  let shallow;
  let shallowReported = false;
  async function run(action, args) {
    try {
      return await git.raw(args);
    } catch (error2) {
      throw gitFailure(action, dir, error2);
    }
  }
  async function readTags(pattern) {
    return parseForEachRef(await run("list tags", ["for-each-ref", `--format=${FORMAT}`, pattern]));
  }
  async function detectShallow() {
    const answer = await git.raw(["rev-parse", "--is-shallow-repository"]).catch(() => "");
    if (answer.trim() !== "true") return null;
    const linked = await git.raw(["rev-list", "--all", "--min-parents=1", "--count"]).catch(() => "");
    return linked.trim() === "0" ? "tips" : "history";
  }
  async function fetchCommand() {
    shallow ??= detectShallow();
    const depth = await shallow === "tips" ? ["--depth=1"] : [];
    return ["fetch", "--no-recurse-submodules", ...depth];
  }
  async function reportShallow() {
    const how = await (shallow ??= detectShallow());
    if (how === null || shallowReported || !options.log) return;
    shallowReported = true;
    if (remote === void 0) {
      options.log.warn(
        `${dir} is a shallow clone and no remote was given, so registry tags not fetched into it are not seen: fetch them (git fetch origin 'refs/tags/*:refs/tags/*') or pass the remote (--remote origin).`
      );
      return;
    }
    const count = (await readTags("refs/tags")).filter((raw) => parseTag(raw.name)).length;
    options.log.info(
      how === "tips" ? `shallow checkout: fetched the registry tags (${count}) from "${shownRemote}" with their tagged commits only (depth 1), which is all the registry needs; fetch-depth: 0 is not required` : `shallow checkout with history: fetched the registry tags (${count}) from "${shownRemote}" with the history behind them, since fetching their commits alone would cut the history here (with fetch-depth: 1 they come alone)`
    );
  }
  async function fetchTags() {
    if (remote === void 0) return reportShallow();
    try {
      await git.raw([...await fetchCommand(), remote, "refs/tags/*:refs/tags/*"]);
    } catch (error2) {
      const detail = gitOutput(error2);
      if (detail.includes("would clobber existing tag")) {
        throw new RegistryConflict(
          `A local tag differs from the tag of the same name on remote "${shownRemote}":
${detail}
The remote is the registry of record: delete the local tag (git tag -d TAG) and retry.`
        );
      }
      throw gitFailure(`fetch tags from "${shownRemote}"`, dir, error2);
    }
    await reportShallow();
  }
  async function readRecord(tag) {
    const raw = (await readTags(`refs/tags/${tag}`)).find((candidate) => candidate.name === tag);
    const record = raw && toRecord(raw);
    if (!record) throw new MlopsError(`Tag ${tag} was created in ${dir} but cannot be read back.`);
    return record;
  }
  async function resolveCommit(ref) {
    try {
      return (await git.raw(["rev-parse", "--verify", "--end-of-options", `${ref}^{commit}`])).trim();
    } catch {
      throw new MlopsError(
        `Cannot tag "${ref}" in ${dir}: it is not a commit. Pass a commit, branch or tag that exists (in a shallow CI checkout, fetch it first).`
      );
    }
  }
  async function listRecords() {
    return (await readTags("refs/tags")).flatMap((raw) => toRecord(raw) ?? []);
  }
  async function localTags() {
    return (await readTags("refs/tags")).flatMap((raw) => {
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
      if (remote === void 0) return localTags();
      const listing = await run(`list the tags of remote "${shownRemote}"`, [
        "ls-remote",
        "--tags",
        remote
      ]);
      return parseLsRemote(listing);
    },
    async takeRemote(tags) {
      if (remote === void 0 || tags.length === 0) return;
      const refspecs = tags.map((tag) => `+refs/tags/${tag}:refs/tags/${tag}`);
      await run(`fetch ${tags.join(", ")} from "${shownRemote}"`, [
        ...await fetchCommand(),
        remote,
        ...refspecs
      ]);
    },
    async create(tag, message, ref = "HEAD") {
      await fetchTags();
      const existing2 = (await readTags(`refs/tags/${tag}`)).find((raw) => raw.name === tag);
      if (existing2) {
        const where = remote === void 0 ? dir : `${dir} or on remote "${shownRemote}"`;
        throw new RegistryConflict(
          `Tag ${tag} already exists in ${where} (on ${(existing2.target || existing2.object).slice(0, 7)}). Nothing was changed. If someone registered or promoted meanwhile, run the command again to plan a new version or counter; otherwise choose another version.`
        );
      }
      const commit = await resolveCommit(ref);
      refuseSecondVersion(tag, commit, await listRecords());
      await run(`create tag ${tag}`, [
        "tag",
        "-a",
        "--cleanup=verbatim",
        "-m",
        message,
        tag,
        commit
      ]);
      return readRecord(tag);
    },
    async push(tags) {
      if (remote === void 0 || tags.length === 0) return;
      const refspecs = tags.map((tag) => `refs/tags/${tag}:refs/tags/${tag}`);
      const names = tags.join(", ");
      try {
        await git.raw(["push", "--atomic", remote, ...refspecs]);
      } catch (error2) {
        await run(`delete local tags ${names}`, ["tag", "-d", ...tags]);
        const detail = gitOutput(error2);
        if (/\[rejected\]|already exists|cannot lock ref/.test(detail)) {
          throw new RegistryConflict(
            `${names}: already on remote "${shownRemote}" with different content, so it was not pushed (nor any tag with it); the local copies were deleted and the remote ones kept. Someone registered or promoted at the same time: run the command again to plan a new version or counter.`
          );
        }
        throw gitFailure(
          `push ${names} to "${shownRemote}" (the local tags were deleted again)`,
          dir,
          error2
        );
      }
    },
    async uncommitted(files) {
      const shown = (await git.revparse(["--show-toplevel"]).catch(() => "")).trim();
      if (shown === "") return [];
      const top = await realpath2(shown).catch(() => shown);
      const located = await Promise.all(
        files.map(async (file) => {
          const asked = path6.resolve(dir, file);
          const real = await realpath2(asked).catch(() => null);
          return { file, at: real ?? asked, exists: real !== null };
        })
      );
      const outside = located.filter(({ at: at2, exists: exists2 }) => exists2 && !isInside(top, at2)).map(({ file }) => ({ file, why: "outside-repository" }));
      const inside = located.flatMap(({ at: at2 }) => isInside(top, at2) ? [at2] : []);
      if (inside.length === 0) return outside;
      const status = await git.raw(["status", "--porcelain", "--untracked-files=all", "--", ...inside]).catch(() => "");
      const changed = status.split("\n").filter(Boolean).map((line) => ({ file: line.slice(3), why: "changed" }));
      return [...changed, ...outside];
    }
  };
}
function refuseSecondVersion(tag, commit, records) {
  const parsed = parseTag(tag);
  if (parsed?.kind !== "version") return;
  const model = findModel(replayTags(records), parsed.name);
  const existing2 = model && versionsOnCommit(model, commit)[0];
  if (!existing2) return;
  throw new VersionExistsForCommit(
    `${tag} was not created: commit ${commit.slice(0, 7)} already carries ${parsed.name} v${existing2.version} (tag ${existing2.tag}), and a commit holds one version of a model (stage tags name commits). If the data, schema or config changed, commit the change and register on the new commit; to number the same model anew, use --version on a new commit.`,
    existing2.version
  );
}
function openRepository({ dir, tagger }) {
  const config = tagger ? [`user.name=${tagger.name}`, `user.email=${tagger.email}`] : [];
  try {
    return wo({ baseDir: dir, config });
  } catch (error2) {
    throw new MlopsError(`Cannot open the git repository at ${dir}: ${gitOutput(error2)}`);
  }
}
function parseForEachRef(output) {
  const fields = output.split("\0");
  const tags = [];
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
      commitDate
    ] = fields.slice(start, start + FIELDS.length);
    const message = signature && contents?.endsWith(signature) ? contents.slice(0, -signature.length) : contents ?? "";
    tags.push({
      name: (name ?? "").replace(/^\n/, ""),
      objectType: objectType ?? "",
      object: object ?? "",
      // Tags imported from very old repositories may lack a tagger; their commit date stands in.
      createdAt: taggerDate || commitDate || "",
      targetType: targetType ?? "",
      target: target ?? "",
      message
    });
  }
  return tags;
}
function parseLsRemote(output) {
  const objects = /* @__PURE__ */ new Map();
  const commits = /* @__PURE__ */ new Map();
  for (const line of output.split("\n")) {
    const match = /^([0-9a-f]+)\trefs\/tags\/(.+?)(\^\{\})?$/.exec(line.trim());
    if (!match?.[1] || !match[2]) continue;
    (match[3] ? commits : objects).set(match[2], match[1]);
  }
  return [...objects].flatMap(([tag, object]) => {
    const commit = commits.get(tag);
    return commit ? [{ tag, object, commit }] : [];
  });
}
function toRecord(raw) {
  if (raw.objectType !== "tag" || raw.targetType !== "commit" || !raw.createdAt) return null;
  return {
    tag: raw.name,
    createdAt: new Date(raw.createdAt).toISOString(),
    message: raw.message,
    commit: raw.target
  };
}
function gitOutput(error2) {
  return redactCredentials(errorMessage(error2)).split("\n").map((line) => line.trimEnd()).filter((line) => line.trim() !== "").slice(0, 8).join("\n");
}
function gitFailure(action, dir, error2) {
  const detail = gitOutput(error2);
  let advice = "";
  if (/not a git repository/i.test(detail)) {
    advice = `
Run inside a clone of the repository (or git init ${dir}).`;
  } else if (/tell me who you are|empty ident|user\.email/i.test(detail)) {
    advice = "\nSet an identity for the tags: git config user.name NAME && git config user.email EMAIL (in GitHub Actions, github-actions[bot] and 41898282+github-actions[bot]@users.noreply.github.com).";
  } else if (/permission|denied|403|authentication|could not read username/i.test(detail)) {
    advice = "\nThe remote refused access: in GitHub Actions grant `permissions: contents: write` and keep the checkout credentials (actions/checkout with persist-credentials).";
  }
  return new MlopsError(`git could not ${action} in ${dir}:
${detail}${advice}`);
}
function redactCredentials(text) {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/?#'"<>]*@/gi, "$1***@");
}
async function hasRemote(dir, name) {
  try {
    const remotes = await wo({ baseDir: dir }).getRemotes();
    return remotes.some((remote) => remote.name === name);
  } catch {
    return false;
  }
}

// src/adapters/step-deps.ts
import { mkdtemp as mkdtemp3 } from "node:fs/promises";
import path8 from "node:path";

// src/adapters/local-releases.ts
import { mkdir as mkdir2, mkdtemp as mkdtemp2, readFile as readFile2, readdir as readdir2, rename as rename2, rm as rm3, stat as stat2, writeFile } from "node:fs/promises";
import path7 from "node:path";
import { pathToFileURL } from "node:url";
var RELEASE_FILE = "release.json";
function createLocalReleaseStore(root) {
  const releaseDir = (tag) => path7.join(root, tagToDirName(tag));
  async function publishedDir(tag) {
    const dir = releaseDir(tag);
    const legacy = path7.join(root, encodedDirName(tag));
    return !await exists(dir) && await exists(legacy) ? legacy : dir;
  }
  async function readSums(tag) {
    let text;
    try {
      text = await readFile2(path7.join(await publishedDir(tag), SUMS_FILE), "utf8");
    } catch (error2) {
      if (isErrorCode(error2, "ENOENT")) {
        throw new MlopsError(
          `No release ${tag} in the local folder ${root} (or it has no ${SUMS_FILE}). Versions registered from GitHub Actions keep their bundle in GitHub releases: set GITHUB_TOKEN and GITHUB_REPOSITORY (or --github OWNER/REPO) to read them.`
        );
      }
      throw error2;
    }
    return parseSha256Sums(text);
  }
  const store = {
    async publish(release) {
      const names = release.assets.map((asset) => checkAssetName(asset.name));
      const duplicate = names.find((name, index) => names.indexOf(name) !== index);
      if (duplicate) throw new UsageError(`Release ${release.tag} lists asset ${duplicate} twice.`);
      const target = releaseDir(release.tag);
      const published = await publishedDir(release.tag);
      if (await exists(published)) throw releaseExists(release.tag, published);
      await mkdir2(root, { recursive: true });
      const staging = await mkdtemp2(path7.join(root, ".publishing-"));
      try {
        for (const asset of withChecksums(release.assets)) {
          await writeFile(path7.join(staging, asset.name), asset.data);
        }
        const info2 = {
          tag: release.tag,
          name: release.name,
          notes: release.notes,
          created: (/* @__PURE__ */ new Date()).toISOString()
        };
        await writeFile(path7.join(staging, RELEASE_FILE), `${JSON.stringify(info2, null, 2)}
`);
        await rename2(staging, target);
      } catch (error2) {
        await rm3(staging, { recursive: true, force: true });
        if (isErrorCode(error2, "EEXIST") || isErrorCode(error2, "ENOTEMPTY")) {
          throw releaseExists(release.tag, target);
        }
        throw error2;
      }
      return { url: pathToFileURL(target).href };
    },
    async download(tag, assetName) {
      const sums = await readSums(tag);
      const file = path7.join(await publishedDir(tag), checkAssetName(assetName, true));
      if (assetName === SUMS_FILE) return new Uint8Array(await readFile2(file));
      const data = sums.has(assetName) ? new Uint8Array(await readFile2(file)) : new Uint8Array();
      return verifyAsset({ tag, where: file, sums }, assetName, data);
    },
    pageUrl: (tag) => pathToFileURL(releaseDir(tag)).href,
    async list(tag) {
      try {
        const names = await readdir2(await publishedDir(tag));
        return names.filter((name) => name !== RELEASE_FILE).sort();
      } catch (error2) {
        if (isErrorCode(error2, "ENOENT")) return [];
        throw error2;
      }
    }
  };
  const named = (action) => (error2) => {
    throw fileSystemError(error2, root, action);
  };
  return {
    ...store,
    publish: (release) => store.publish(release).catch(named("write a release in")),
    download: (tag, asset) => store.download(tag, asset).catch(named("read a release in")),
    list: (tag) => store.list(tag).catch(named("read a release in"))
  };
}
function tagToDirName(tag) {
  return encodedDirName(tag).replace(
    /%(40|2B|3D)/g,
    (_3, hex) => String.fromCharCode(parseInt(hex, 16))
  );
}
function encodedDirName(tag) {
  return encodeURIComponent(tag).replace(
    /[!'()*~]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`
  );
}
function checkAssetName(name, allowReserved = false) {
  const reserved = name === SUMS_FILE || name === RELEASE_FILE;
  if (/^[^/\\\0]+$/.test(name) && name !== "." && name !== ".." && (allowReserved || !reserved)) {
    return name;
  }
  throw new UsageError(
    `Invalid release asset name "${name}": use a plain file name` + (reserved ? ` (${SUMS_FILE} and ${RELEASE_FILE} are written by the release itself).` : ".")
  );
}
function releaseExists(tag, dir) {
  return new RegistryConflict(
    `Release ${tag} already exists (${dir}); releases are immutable. Register a new version instead.`
  );
}
async function exists(file) {
  try {
    await stat2(file);
    return true;
  } catch (error2) {
    if (isErrorCode(error2, "ENOENT")) return false;
    throw error2;
  }
}
function isErrorCode(error2, code) {
  return typeof error2 === "object" && error2 !== null && "code" in error2 && error2.code === code;
}

// src/adapters/github-stores.ts
function createRunStores(request, releasesDir, log) {
  const { token, repository } = request;
  if (!token || !repository) {
    const missing = token ? "no repository (set GITHUB_REPOSITORY or pass --github OWNER/REPO)" : "no GitHub token (set GITHUB_TOKEN)";
    return {
      releases: createLocalReleaseStore(releasesDir),
      comments: unavailableCommentStore(missing),
      releasesAt: releasesDir
    };
  }
  const repo = parseRepo(repository, request.repositorySource);
  let loading;
  const github = () => loading ??= (async () => {
    const { createGitHubClient } = await import("./github-6SZNNIQK.js");
    const { createGitHubReleaseStore } = await import("./github-releases-ZEHVGK3H.js");
    const { createGitHubCommentStore } = await import("./github-comments-7ABP3ED3.js");
    const client = createGitHubClient({ token, baseUrl: request.apiUrl || DEFAULT_API_URL, log });
    return {
      releases: createGitHubReleaseStore(client, repo, log, request.webUrl),
      comments: createGitHubCommentStore(client, repo)
    };
  })();
  return {
    releases: {
      publish: async (release) => (await github()).releases.publish(release),
      download: async (tag, asset) => (await github()).releases.download(tag, asset),
      list: async (tag) => (await github()).releases.list(tag),
      pageUrl: (tag) => releasePageUrl(request.webUrl, repo, tag)
    },
    comments: {
      upsert: async (target, marker, body) => (await github()).comments.upsert(target, marker, body),
      pullRequestHead: async (number) => (await github()).comments.pullRequestHead(number)
    },
    releasesAt: `${repo.owner}/${repo.repo} on GitHub`
  };
}

// src/adapters/step-deps.ts
function createStepDeps(options) {
  const { log, run = {} } = options;
  const stores = createRunStores(options.github, options.releasesDir, log);
  return {
    fs: nodeFileSystem,
    log,
    tags: createGitTagStore({ log, ...options.git }),
    releases: stores.releases,
    comments: stores.comments,
    backend: options.backend,
    trainingCache: createTrainingCache({ ...options.cache, tmpRoot: options.tmpRoot, log }),
    tmpDir: () => mkdtemp3(path8.join(options.tmpRoot, "mlops-")),
    now: () => /* @__PURE__ */ new Date(),
    ...run.runUrl ? { runUrl: run.runUrl } : {},
    ...run.actor ? { actor: run.actor } : {},
    ...run.commit ? { commit: run.commit } : {}
  };
}

// src/adapters/run-context.ts
import { readFile as readFile3 } from "node:fs/promises";
async function readRunContext(env) {
  const server = env.GITHUB_SERVER_URL ?? "https://github.com";
  const repository = env.GITHUB_REPOSITORY || null;
  const sha = env.GITHUB_SHA ?? "";
  const event = {
    eventName: env.GITHUB_EVENT_NAME ?? "",
    payload: env.GITHUB_EVENT_PATH ? await readPayload(env.GITHUB_EVENT_PATH) : {},
    sha
  };
  const evaluated = eventHeadSha(event) ?? sha;
  return {
    ...event,
    repository,
    workflow: env.GITHUB_WORKFLOW || null,
    actor: env.GITHUB_ACTOR || null,
    runUrl: repository && env.GITHUB_RUN_ID ? `${server}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` : null,
    commit: repository && /^[0-9a-f]{40,64}$/.test(evaluated) ? { sha: evaluated, url: `${server}/${repository}/commit/${evaluated}` } : null
  };
}
async function readPayload(file) {
  let parsed;
  try {
    parsed = JSON.parse(await readFile3(file, "utf8"));
  } catch (error2) {
    throw new UsageError(
      `GITHUB_EVENT_PATH ${file}: not a readable JSON event (${errorMessage(error2)}).`
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`GITHUB_EVENT_PATH ${file}: expected a JSON object.`);
  }
  return parsed;
}

// src/adapters/runner.ts
import path9 from "node:path";

// src/safety/log.ts
import { randomUUID } from "node:crypto";
var RUNNER_LINE_ENDS = /\r\n|[\r\n]/;
var LEADING_COMMAND = /^([\s\u0085]*):(?=:)/;
function inertLines(text) {
  return text.split(RUNNER_LINE_ENDS).map((line) => line.replace(LEADING_COMMAND, "$1%3A").replace(/##\[/g, "##%5B")).join("\n");
}
function withStoppedCommands(print, fn2) {
  const token = `mlops-${randomUUID()}`;
  print(`::stop-commands::${token}`);
  try {
    return fn2();
  } finally {
    print(`::${token}::`);
  }
}
function printData(print, text) {
  const lines = text.split(RUNNER_LINE_ENDS);
  if (lines.length === 1) return print(inertLines(text));
  withStoppedCommands(print, () => lines.forEach((line) => print(inertLines(line))));
}

// src/adapters/runner.ts
var runnerLogger = {
  info: (message) => printData(info, message),
  warn: (message) => warning(message),
  // @actions/core escapes the message and the properties (title, file) of an annotation.
  // GitHub places an annotation by the file's path in the repository.
  annotate: ({ severity, title, message, file }) => (severity === "error" ? error : warning)(message, {
    title,
    file: path9.relative(process.env.GITHUB_WORKSPACE ?? process.cwd(), file)
  }),
  group: (name, fn2) => group(name, fn2)
};
async function writeJobSummary(markdown) {
  await summary.addRaw(fitSummary(markdown)).write();
}

// src/adapters/wasm.ts
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path10 from "node:path";
import { fileURLToPath } from "node:url";
var WASM_FILE = "tfjs-backend-wasm.wasm";
function findWasmDir() {
  const here = path10.dirname(fileURLToPath(import.meta.url));
  if (existsSync(path10.join(here, WASM_FILE))) return here;
  try {
    const entry = createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm");
    const dir = path10.dirname(entry);
    return existsSync(path10.join(dir, WASM_FILE)) ? dir : void 0;
  } catch {
    return void 0;
  }
}

// src/config/load.ts
var import_yaml = __toESM(require_dist(), 1);
var MAX_ALIAS_COUNT = 100;
var MAX_DEPTH = 32;
var MAX_QUOTED = 40;
var MAX_MESSAGE = 200;
var MAX_CONFIG_CHARACTERS = 1 << 20;
function parseConfig(text, source) {
  if (text.length > MAX_CONFIG_CHARACTERS) {
    throw new ConfigError(
      `${source}: ${text.length.toLocaleString("en-US")} characters; a config holds settings, not data, and may have at most ${MAX_CONFIG_CHARACTERS.toLocaleString("en-US")}.`
    );
  }
  const lineCounter = new import_yaml.LineCounter();
  const where = (offset) => {
    const pos = offset === void 0 ? void 0 : lineCounter.linePos(offset);
    return pos ? `${source}:${pos.line}:${pos.col}` : source;
  };
  const doc = (0, import_yaml.parseDocument)(text, { lineCounter, uniqueKeys: true });
  const syntaxError = doc.errors[0];
  if (syntaxError)
    throw new ConfigError(`${where(syntaxError.pos[0])}: ${syntaxProblem(syntaxError)}`);
  const deep = nodeDeeperThan(doc.contents, MAX_DEPTH);
  if (deep) {
    throw new ConfigError(
      `${where(deep.range?.[0])}: nested more than ${MAX_DEPTH} levels deep; a config needs a few levels. Is this file an mlops config?`
    );
  }
  const raw = plainData(doc, source) ?? {};
  const result = configSchema.safeParse(raw);
  if (result.success) return result.data;
  const messages = result.error.issues.map((issue) => {
    const { node, field } = locateIssue(doc, issue);
    return `${where(node?.range?.[0])}: ${field || "(top level)"}: ${describeIssue(issue, raw)}`;
  });
  throw new ConfigError(
    `${source} is not a valid mlops config:
  ${messages.join("\n  ")}
See the config reference in README.md.`
  );
}
function syntaxProblem(error2) {
  if (error2.code === "RESOURCE_EXHAUSTION") {
    return "invalid YAML: nested too deeply to read; a config needs a few levels, not thousands.";
  }
  return `invalid YAML: ${clip(firstLine(error2.message), MAX_MESSAGE)}`;
}
function nodeDeeperThan(root, limit) {
  const pending = [[root, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    if ((0, import_yaml.isCollection)(node)) {
      if (depth > limit) return node;
      for (const item of node.items) pending.push([item, depth + 1]);
    } else if ((0, import_yaml.isPair)(node)) {
      pending.push([node.key, depth], [node.value, depth]);
    }
  }
  return void 0;
}
function plainData(doc, source) {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error2) {
    if (!(error2 instanceof ReferenceError)) throw error2;
    if (error2.message.startsWith("Excessive alias count")) {
      throw new ConfigError(
        `${source}: YAML aliases (*name) expand past ${MAX_ALIAS_COUNT} copies, as in an alias bomb; write the values out instead.`
      );
    }
    throw new ConfigError(
      `${source}: invalid YAML: ${clip(firstLine(error2.message), MAX_MESSAGE)}`
    );
  }
}
function unsupportedSettings(config) {
  const reserved = [["registry.ordered", config.registry.ordered]];
  return reserved.filter(([, value]) => value !== void 0).map(
    ([field]) => `${field} is not acted on yet by this version of mlops-actions; it is ignored`
  );
}
function configFromFlags(flags) {
  const input = { data: { train: flags.data, label: flags.label } };
  if (flags.name) input.name = flags.name;
  const result = configSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const flag = issue?.path[0] === "name" ? "--name" : "--data/--label";
    throw new ConfigError(`${flag}: ${issue?.message ?? "invalid value"}`);
  }
  return result.data;
}
function applyOverrides(config, overrides) {
  const next = structuredClone(config);
  if (overrides.data) next.data.train = overrides.data;
  if (overrides.label) next.data.label = overrides.label;
  if (overrides.name) {
    const name = modelNameSchema.safeParse(overrides.name);
    if (!name.success)
      throw new ConfigError(`--name ${overrides.name}: ${name.error.issues[0]?.message}`);
    next.name = name.data;
  }
  if (overrides.backend) next.model.backend = overrides.backend;
  if (overrides.driftBaseline) next.validation.drift.baseline = overrides.driftBaseline;
  if (overrides.schema) next.schema = overrides.schema;
  if (overrides.maxErrors !== void 0) next.data.max_errors = overrides.maxErrors;
  if (overrides.seed !== void 0) {
    next.model.seed = overrides.seed;
    next.data.split.seed = overrides.seed;
  }
  return next;
}
function locateIssue(doc, issue) {
  const path13 = issue.path.filter((p2) => typeof p2 !== "symbol");
  if (issue.code === "unrecognized_keys") {
    const parent = doc.getIn(path13, true);
    const key = issue.keys[0] ?? "";
    const pair = (0, import_yaml.isMap)(parent) ? parent.items.find((item) => (0, import_yaml.isScalar)(item.key) && item.key.value === key) : void 0;
    return {
      node: pair?.key ?? parent,
      field: dotted([...path13, key])
    };
  }
  return { node: nearestNode(doc, path13), field: dotted(path13) };
}
function nearestNode(doc, path13) {
  for (let depth = path13.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path13.slice(0, depth), true);
    if (node && typeof node === "object" && "range" in node) return node;
  }
  return void 0;
}
function describeIssue(issue, raw) {
  if (issue.code === "unrecognized_keys") {
    const allowed = allowedKeys(issue.path);
    return `unknown field${allowed.length ? `; expected one of: ${allowed.join(", ")}` : ""}`;
  }
  const path13 = issue.path;
  if (issue.code === "invalid_type") {
    const value = valueAt(raw, path13);
    if (value === void 0) return `is required (expected ${issue.expected})`;
    return `expected ${issue.expected}, got ${describeValue(value, path13)}`;
  }
  if (issue.code === "invalid_value") {
    return `expected one of ${issue.values.map((v2) => JSON.stringify(v2)).join(", ")}, got ${describeValue(valueAt(raw, path13), path13)}`;
  }
  return clip(issue.message, MAX_MESSAGE);
}
function describeValue(value, path13) {
  const inFile = path13.length > 0;
  if (Array.isArray(value)) return counted(value.length, "item", "a list");
  if (value !== null && typeof value === "object") {
    return counted(Object.keys(value).length, "field", "a mapping");
  }
  if (typeof value === "string") {
    return inFile && isQuotable(value) ? JSON.stringify(value) : counted(value.length, "character", "a string");
  }
  return inFile ? JSON.stringify(value) : `a ${typeof value}`;
}
function counted(count, noun, kind) {
  return `${kind} of ${count} ${noun}${count === 1 ? "" : "s"}`;
}
function isQuotable(text) {
  return text.length <= MAX_QUOTED && !/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(text);
}
function clip(text, max) {
  return text.length <= max ? text : `${text.slice(0, max)}\u2026 (${text.length} characters)`;
}
function allowedKeys(path13) {
  let schema = configSchema;
  for (const segment of [...path13, null]) {
    schema = unwrap(schema);
    if (segment === null) break;
    if (schema instanceof external_exports.ZodObject) schema = schema.shape[segment] ?? schema;
    else if (schema instanceof external_exports.ZodArray) schema = schema.element;
    else return [];
  }
  return schema instanceof external_exports.ZodObject ? Object.keys(schema.shape) : [];
}
function unwrap(schema) {
  let current = schema;
  while (current instanceof external_exports.ZodDefault || current instanceof external_exports.ZodOptional || current instanceof external_exports.ZodPipe) {
    if (current instanceof external_exports.ZodPipe) {
      current = current.in instanceof external_exports.ZodTransform ? current.out : current.in;
    } else current = current.unwrap();
  }
  return current;
}
function valueAt(raw, path13) {
  let value = raw;
  for (const segment of path13) {
    if (value === null || typeof value !== "object") return void 0;
    value = value[segment];
  }
  return value;
}
function dotted(path13) {
  return path13.map((p2, i) => typeof p2 === "number" ? `[${p2}]` : `${i ? "." : ""}${shownKey(p2)}`).join("");
}
function shownKey(key) {
  return isQuotable(key) ? key : JSON.stringify(clip(key, MAX_QUOTED));
}

// src/steps/setup.ts
import path11 from "node:path";
var DEFAULT_CONFIG = "mlops.yml";
async function resolveConfig(request, fs2) {
  const { cwd, overrides } = request;
  const configPath = path11.resolve(cwd, request.config || DEFAULT_CONFIG);
  const hasFile = await fs2.exists(configPath);
  if (request.config && !hasFile)
    throw new UsageError(`config: ${request.config} not found (looked in ${cwd}).`);
  const envBackend = request.env.MLOPS_BACKEND ? backendSchema.safeParse(request.env.MLOPS_BACKEND) : null;
  if (envBackend && !envBackend.success) {
    throw new UsageError(
      `MLOPS_BACKEND=${request.env.MLOPS_BACKEND}: expected one of ${backendSchema.options.join(", ")}.`
    );
  }
  const baseDir = hasFile ? path11.dirname(configPath) : cwd;
  const effective = {
    ...envBackend?.success ? { backend: envBackend.data } : {},
    ...overrides,
    // Kept relative to the config's folder, so hashes and outputs do not name this machine's paths.
    ...overrides.data ? { data: path11.relative(baseDir, path11.resolve(cwd, overrides.data)) || "." } : {},
    ...overrides.schema ? { schema: path11.relative(baseDir, path11.resolve(cwd, overrides.schema)) || "." } : {}
  };
  if (hasFile) {
    if (request.workspace) {
      await confine(configPath, {
        workspace: request.workspace,
        realPath: fs2.realPath,
        what: "config"
      });
    }
    const text = await fs2.readText(configPath);
    const config = parseConfig(text, path11.relative(cwd, configPath) || configPath);
    return { config: applyOverrides(config, effective), baseDir, configFile: configPath };
  }
  if (effective.data && overrides.label) {
    const config = configFromFlags({ data: effective.data, label: overrides.label });
    return { config: applyOverrides(config, effective), baseDir, configFile: null };
  }
  if (request.needsData === false) {
    return {
      // A data file without a label is still named: `mlops predict --data` scores it.
      config: configFromFlags({ data: effective.data ?? "(none)", label: "(none)" }),
      baseDir: cwd,
      configFile: null
    };
  }
  throw new UsageError(
    `no ${DEFAULT_CONFIG} in ${cwd}: give a config file, or both data and label.`
  );
}
function checkOutputFolder(out, config, owned) {
  const inputs = [config.data.train, config.schema].map(
    (file) => path11.resolve(owned.baseDir, file)
  );
  const clash = [owned.baseDir, owned.repo].find((dir) => isInside(out, dir)) ?? inputs.find((file) => isInside(out, file));
  if (clash) {
    throw new UsageError(
      `--out ${out}: the output folder would hold ${clash}; give mlops a folder of its own (the default is .mlops).`
    );
  }
}
async function checkOutputTarget(out, fs2, what) {
  if (isInGitFolder(await fs2.realPath(out))) {
    throw new UsageError(
      `${what} ${out}: the output folder is inside .git, where git keeps refs, hooks and config; give mlops a folder of its own (the default is .mlops).`
    );
  }
  if (await fs2.exists(out) && !await fs2.isFolder(out)) {
    throw new UsageError(
      `${what} ${out}: this is a file, not a folder; give a folder for the outputs (the default is .mlops).`
    );
  }
}
async function confineOutputFolder(out, workspace, fs2) {
  await confine(out, { workspace, realPath: fs2.realPath, what: "out", links: "refuse" });
  await checkOutputTarget(out, fs2, "out");
}
async function confineConfigPaths(config, baseDir, workspace, fs2) {
  const named = {
    "data.train": config.data.train,
    schema: config.schema,
    "registry.releases": config.registry.releases
  };
  for (const [what, file] of Object.entries(named)) {
    await confine(path11.resolve(baseDir, file), { workspace, realPath: fs2.realPath, what });
  }
}

// src/step-table.ts
var PARAMS = {
  config: {
    description: "Path of the mlops.yml config file (default mlops.yml when present).",
    flag: "-c, --config <file>",
    input: "config",
    default: "",
    path: true
  },
  data: {
    description: "Training data (CSV, JSON Lines or Parquet, the text ones optionally .gz); overrides data.train, or with `label` runs without a config file.",
    flag: "--data <file>",
    input: "data",
    default: "",
    override: "data"
  },
  label: {
    description: "Label column; overrides data.label.",
    flag: "--label <column>",
    input: "label",
    default: "",
    override: "label"
  },
  name: {
    description: "Model name; overrides the config's name.",
    flag: "--name <name>",
    input: "name",
    default: "",
    override: "name"
  },
  seed: {
    description: "Seed for the split and training (a whole number); overrides model.seed.",
    flag: "--seed <n>",
    input: "seed",
    default: "",
    override: "seed"
  },
  backend: {
    description: "TensorFlow.js backend: node, wasm or cpu (default: the fastest installed).",
    flag: "--backend <name>",
    choices: ["node", "wasm", "cpu"],
    override: "backend"
  },
  baseline: {
    description: "What the data is checked for drift against: auto (the training statistics of the model in the last stage, else its latest version), none, a registry ref (wages#production, wages@v1.2.0), a model bundle folder, or a statistics.json / validation.json; overrides validation.drift.baseline.",
    flag: "--baseline <ref>",
    input: "baseline",
    default: "",
    override: "driftBaseline"
  },
  schema: {
    description: "The schema to check the data against (and to write with --update-schema); overrides the config's schema.",
    flag: "--schema <file>",
    input: "schema",
    default: "",
    override: "schema"
  },
  maxErrors: {
    description: "How many bad records (a CSV row with the wrong number of fields, a JSON Lines line that is not a JSON object) to leave out, into <out>/rejects.csv or rejects.jsonl, before one stops the run; overrides data.max_errors (default 0: the first one stops it).",
    flag: "--max-errors <n>",
    input: "max-errors",
    default: "",
    override: "maxErrors"
  },
  out: {
    description: "Folder for the outputs (validation.json, model/, evaluation.json, report.md).",
    flag: "-o, --out <dir>",
    input: "out",
    default: ".mlops",
    path: true
  },
  repo: {
    description: "Git repository holding the registry tags (default: the current one).",
    flag: "--repo <dir>"
  },
  remote: {
    description: "Git remote to fetch and push registry tags.",
    flag: "--remote <name>"
  },
  github: {
    description: "GitHub repository for releases and comments (default: GITHUB_REPOSITORY; needs GITHUB_TOKEN).",
    flag: "--github <owner/repo>"
  },
  githubToken: {
    description: "GitHub token for the REST API (release assets, comments), masked in the log. Registry tags are pushed with the credentials actions/checkout stored.",
    input: "github-token",
    default: "${{ github.token }}",
    secret: true
  },
  json: { description: "Print the result as JSON on stdout.", flag: "--json" },
  quiet: { description: "No progress logs on stderr.", flag: "-q, --quiet" },
  updateSchema: {
    description: "Write the inferred schema to the configured schema path.",
    flag: "--update-schema",
    boolean: true
  },
  register: {
    description: "Register a blessed model as a new version: auto registers except on pull_request events.",
    flag: "--no-register",
    input: "register",
    default: "auto",
    choices: ["auto", "true", "false"]
  },
  version: {
    description: "The version to register, like 1.2.0 (default: bump the latest).",
    flag: "--version <semver>",
    input: "version",
    default: ""
  },
  force: {
    description: "Register even when the gates did not bless the model (needs a reason).",
    flag: "--force",
    input: "force",
    default: "false",
    boolean: true
  },
  reason: {
    description: "Why, recorded in the tag message.",
    flag: "--reason <text>",
    input: "reason",
    default: ""
  },
  stage: {
    description: "The stage, one of registry.stages (like production).",
    flag: "--to <stage>",
    input: "stage",
    default: ""
  },
  ref: {
    description: "A registered version: NAME#STAGE, NAME@vX.Y.Z or NAME@latest (like wages#production).",
    input: "ref",
    default: ""
  },
  path: {
    description: "A new folder to unpack the bundle into.",
    flag: "--to <dir>",
    input: "path",
    default: "",
    path: true
  },
  comment: {
    description: "Post the report as a sticky comment (edited in place on re-runs): auto on pull requests (or when target is set), always, or never. Needs permissions pull-requests: write; a fork PR falls back to the job summary.",
    input: "comment",
    default: "auto",
    choices: ["auto", "always", "never"]
  },
  target: {
    description: "Where to comment instead of the event's pull request or commit: pr/N, issue/N or commit/SHA.",
    flag: "--target <where>",
    input: "target",
    default: ""
  },
  file: {
    description: "The markdown to post (default: <out>/report.md).",
    flag: "--file <report>",
    path: true
  },
  fix: {
    description: "Push local-only tags, take the remote's where they differ, complete releases from <out>/model.",
    flag: "--fix",
    boolean: true
  },
  oldSchema: {
    description: "The schema before the change, like the base branch's (git show origin/main:mlops/schema.json).",
    path: true
  },
  newSchema: { description: "The schema after the change.", path: true },
  shard: {
    description: "Compute only part i of n of the statistics (like 2/4: the second quarter of the rows, a contiguous range) into <out>/statistics.part-i-of-n.json, without the schema and drift checks; `mlops stats merge` combines the parts and runs them.",
    flag: "--shard <i/n>",
    input: "shard",
    default: ""
  },
  parts: {
    description: "The statistics parts written by `validate --shard i/n`, every part of one run (a folder: the parts in it); default: the parts in <out>.",
    path: true
  },
  trial: {
    description: "The trial to train, as `tune plan` names it (like t03): `${{ matrix.trial }}`.",
    input: "trial",
    default: ""
  },
  results: {
    description: "The trials' result files (<out>/tune/ID/trial.json); default: every planned trial's under <out>/tune.",
    path: true
  },
  workers: {
    description: "Worker threads training trials at once (default: one per core; 1 trains in turn).",
    flag: "--workers <n>"
  },
  cache: {
    description: "Use the training cache: when the data, the effective config, the committed schema, the mlops-actions version and the backend are those of an earlier training, restore its bundle instead of training again (--no-cache, or `cache: false`, trains).",
    flag: "--no-cache",
    input: "cache",
    default: "true",
    boolean: true
  },
  models: {
    description: "The models to serve (default: the models serving.json routes, else every registered model)."
  },
  port: {
    description: "Port to listen on (default serving.json's server.port, else 8501, TensorFlow Serving's REST port; 0 picks a free one).",
    flag: "--port <n>"
  },
  grpcPort: {
    description: "Also serve the gRPC API (TensorFlow Serving's PredictionService.Predict, and grpc.health.v1.Health) on this port (TF Serving's is 8500; 0 picks a free one); default serving.json's server.grpc_port, else off.",
    flag: "--grpc-port <n>"
  },
  host: {
    description: "Address to listen on (default 127.0.0.1; 0.0.0.0 in a container).",
    flag: "--host <address>"
  },
  serving: {
    description: "The serving config: A/B routes and server limits (default: serving.json beside mlops.yml).",
    flag: "--serving <file>",
    path: true
  },
  logDir: {
    description: "Folder of the prediction and feedback logs (default: <out>/serving/logs).",
    flag: "--log-dir <dir>",
    input: "log-dir",
    default: "",
    path: true
  },
  offline: {
    description: 'Serve only the bundles already in <out>/serving/bundles/NAME/vX.Y.Z (as `mlops fetch --to` or an earlier serve left them), reading no tags and downloading nothing: for a container without the git repository. Stages come from NAME/stages.json there ({"production": "1.2.0"}, as deploy.yml writes it); without it a model holds no stage and answers with its latest version.',
    flag: "--offline",
    boolean: true
  },
  since: {
    description: "How far back the logs are read: a duration like 7d, 12h or 2w, or an ISO date or date-time (default: monitor.window of mlops.yml, 7d).",
    flag: "--since <when>",
    input: "since",
    default: ""
  },
  model: {
    description: "The model to score with: a registry ref (NAME#STAGE, NAME@vX.Y.Z, NAME@latest) or a bundle folder.",
    flag: "--model <ref>",
    input: "model",
    default: ""
  },
  predictions: {
    description: "The file to write: the data's rows and their prediction columns, as .csv or .jsonl.",
    flag: "--out <file>",
    input: "predictions",
    default: "",
    path: true
  }
};
var passes = () => null;
var CLI_ONLY = { action: false, umbrella: false };
var EVERYWHERE = { action: true, umbrella: true };
var DATA = [
  "config",
  "data",
  "label",
  "name",
  "seed",
  "backend",
  "maxErrors",
  "out"
];
var REGISTRY = ["repo", "remote", "github", "githubToken"];
var REGISTRY_ONLY = ["config", ...REGISTRY];
function required(value, what) {
  if (value === void 0 || value === "") throw new UsageError(`${what} is required.`);
  return value;
}
function step(spec) {
  return spec;
}
function registryEvent(spec) {
  return step({
    ...spec,
    outputs: {},
    verdict: passes,
    needsData: false,
    trains: false,
    surfaces: CLI_ONLY
  });
}
function registryReader(command, description, argument, key, read) {
  return step({
    command,
    description,
    params: [
      {
        param: "name",
        argument,
        description: argument === "[name]" ? "Only this model." : "Model name."
      },
      ...REGISTRY_ONLY
    ],
    outputs: {},
    verdict: passes,
    summary: (o2) => o2.text,
    json: (o2) => o2[key],
    needsData: false,
    trains: false,
    surfaces: CLI_ONLY,
    run: (ctx, args) => read(ctx.deps.tags, args.name)
  });
}
var validationSummary = (o2) => `validation ${o2.passed ? "passed" : "failed"}: ${o2.anomalies.length} anomalies (${o2.anomalies.filter((a) => a.severity === "ERROR").length} errors)`;
var existing = (outcome, already, done) => outcome.existing ? already : done;
var collectSummary = ({ leaderboard, bundleDir, files }) => [
  `best: trial ${leaderboard.best} of ${leaderboard.trials.length + leaderboard.missing.length}, validation ${leaderboard.metric} ${formatNumber(leaderboard.trials[0]?.value)}`,
  `model bundle: ${bundleDir}`,
  `leaderboard: ${files.markdown}`,
  ...files.config ? [`winning config: ${files.config}`] : []
].join("\n");
var restoredNote = ({ cache }) => cache.hit ? `, restored from cache (key ${cache.key})` : "";
var STEPS = {
  validate: step({
    command: "validate",
    description: "Compute statistics, check the data against the schema, list anomalies.",
    params: [...DATA, "schema", "baseline", ...REGISTRY, "updateSchema", "shard"],
    // A shard checks nothing yet: `stats merge` does, on the merged statistics.
    outputs: {
      passed: (o2) => "part" in o2 ? "true" : String(o2.passed),
      anomalies: (o2) => "part" in o2 ? "0" : String(o2.anomalies.length)
    },
    verdict: (o2) => "part" in o2 || o2.passed ? null : "data validation failed: see the anomalies above",
    summary: (o2) => "part" in o2 ? `statistics part ${o2.shard.index} of ${o2.shard.count} (rows ${o2.range.start + 1}\u2013${o2.range.end} of ${o2.range.total}): ${o2.part}` : validationSummary(o2),
    needsData: true,
    trains: false,
    fails: "when an ERROR anomaly is found (WARNING ones only annotate)",
    permissions: ["contents: read"],
    example: { config: "mlops.yml" },
    cliExample: "mlops validate --data data/train.csv --label income",
    surfaces: EVERYWHERE,
    run: async (ctx, args) => {
      if (!args.shard) {
        return (await import("./validate-6KX7BKND.js")).runValidate(ctx, {
          updateSchema: args.updateSchema ?? false
        });
      }
      if (args.updateSchema) {
        throw new UsageError("--update-schema needs the whole file: use it without --shard.");
      }
      return (await import("./shards-QQVZAK4X.js")).runValidateShard(ctx, args.shard);
    }
  }),
  train: step({
    command: "train",
    description: "Train the model and write its bundle to <out>/model.",
    params: [...DATA, "cache"],
    outputs: { "model-dir": (o2) => o2.bundleDir, "cache-hit": (o2) => String(o2.cache.hit) },
    verdict: passes,
    summary: (o2) => `model bundle: ${o2.bundleDir}${restoredNote(o2)}`,
    needsData: true,
    trains: true,
    permissions: ["contents: read"],
    example: { config: "mlops.yml" },
    cliExample: "mlops train --seed 7",
    surfaces: EVERYWHERE,
    run: async (ctx, args) => (await import("./train-cache-5ALS35Z4.js")).trainWithCache(ctx, { cache: args.cache ?? true })
  }),
  evaluate: step({
    command: "evaluate",
    description: "Evaluate the trained model on the test split against the baseline and gates.",
    params: [...DATA, ...REGISTRY],
    outputs: { blessed: (o2) => String(o2.blessed), verdict: (o2) => o2.gates.verdict },
    verdict: (o2) => o2.blessed ? null : `${o2.name}: ${o2.gates.verdict}`,
    summary: (o2) => `${o2.name}: ${o2.gates.verdict}`,
    needsData: true,
    trains: true,
    fails: "when the model is NOT_BLESSED: a gate failed",
    permissions: ["contents: read"],
    example: { config: "mlops.yml" },
    cliExample: "mlops evaluate",
    surfaces: EVERYWHERE,
    run: async (ctx) => (await import("./evaluate-3PHMASFU.js")).runEvaluate(ctx)
  }),
  report: step({
    command: "report",
    description: "Render the markdown report (the PR comment) to <out>/report.md.",
    params: ["config", "out", "comment", "target", "githubToken"],
    outputs: { "report-path": (o2) => o2.path, "comment-url": (o2) => o2.commentUrl ?? "" },
    verdict: passes,
    summary: (o2) => `report: ${o2.path}`,
    needsData: false,
    trains: false,
    permissions: ["pull-requests: write"],
    example: { config: "mlops.yml" },
    cliExample: "mlops report && cat .mlops/report.md",
    surfaces: EVERYWHERE,
    run: async (ctx) => (await import("./report-XHMNICCW.js")).runReport(ctx)
  }),
  register: step({
    command: "register",
    description: "Register the evaluated model as NAME@vX.Y.Z (annotated tag + release).",
    params: [...DATA, ...REGISTRY, "version", "force", "reason"],
    outputs: { version: (o2) => o2.version, tag: (o2) => o2.tag },
    verdict: passes,
    summary: (o2) => `${existing(o2, "already registered", "registered")} ${o2.tag}`,
    needsData: true,
    trains: false,
    permissions: ["contents: write"],
    example: { config: "mlops.yml" },
    cliExample: "mlops register --version 1.0.0",
    surfaces: EVERYWHERE,
    run: async (ctx, args) => (await import("./register-AVGOIWTU.js")).runRegister(ctx, {
      ...args.version ? { version: args.version } : {},
      force: args.force ?? false,
      ...args.reason ? { reason: args.reason } : {}
    })
  }),
  promote: step({
    command: "promote",
    description: "Assign a stage to a registered version (tag NAME#STAGE#N).",
    params: [
      { param: "name", argument: "<name>", required: true, description: "The model to promote." },
      {
        param: "version",
        argument: "<version>",
        required: true,
        description: "The registered version, like 1.2.0."
      },
      { param: "stage", required: true },
      "reason",
      ...REGISTRY_ONLY
    ],
    outputs: { tag: (o2) => o2.tag, version: (o2) => o2.version, previous: (o2) => o2.previous ?? "" },
    verdict: passes,
    summary: (o2) => existing(
      o2,
      `${o2.name} v${o2.version} is already in ${o2.stage} (${o2.tag})`,
      `${o2.tag}: ${o2.name} v${o2.version} \u2192 ${o2.stage}`
    ),
    needsData: false,
    trains: false,
    permissions: ["contents: write"],
    example: { name: "wages", version: "${{ inputs.version }}", stage: "production" },
    cliExample: "mlops promote wages 1.2.0 --to production --reason 'beats v1.1 on fresh data'",
    surfaces: EVERYWHERE,
    run: async (ctx, args) => (await import("./promote-4O6ZLUCX.js")).runPromote(ctx, {
      name: required(args.name, "the model name"),
      version: required(args.version, "the version"),
      stage: required(args.stage, "the stage"),
      reason: args.reason
    })
  }),
  deregister: registryEvent({
    command: "deregister",
    description: "Deregister a version (tag NAME@vX.Y.Z!); it leaves its stages.",
    params: [
      { param: "name", argument: "<name>", description: "Model name." },
      { param: "version", argument: "<version>", description: "Registered version, like 1.2.0." },
      "reason",
      ...REGISTRY_ONLY
    ],
    summary: (o2) => existing(
      o2,
      `${o2.name} v${o2.version} is already deregistered (${o2.tag})`,
      `${o2.tag}: ${o2.name} v${o2.version} deregistered${o2.freed.length > 0 ? ` (left ${o2.freed.join(", ")})` : ""}`
    ),
    run: async (ctx, args) => (await import("./registry-events-X7I6Z2G6.js")).runDeregister(ctx, {
      name: required(args.name, "the model name"),
      version: required(args.version, "the version"),
      reason: args.reason
    })
  }),
  deprecate: registryEvent({
    command: "deprecate",
    description: "Deprecate a model (tag NAME@deprecated) until it is used again.",
    params: [
      { param: "name", argument: "<name>", description: "Model name." },
      "reason",
      ...REGISTRY_ONLY
    ],
    summary: (o2) => existing(o2, `${o2.name} is already deprecated (${o2.tag})`, `${o2.tag}: ${o2.name} deprecated`),
    run: async (ctx, args) => (await import("./registry-events-X7I6Z2G6.js")).runDeprecate(ctx, {
      name: required(args.name, "the model name"),
      reason: args.reason
    })
  }),
  unassign: registryEvent({
    command: "unassign",
    description: "Take a stage from the version holding it (tag NAME#STAGE!#N).",
    params: [
      { param: "name", argument: "<name>", description: "Model name." },
      {
        param: "stage",
        flag: "--from <stage>",
        required: true,
        description: "The stage to empty."
      },
      "reason",
      ...REGISTRY_ONLY
    ],
    summary: (o2) => existing(
      o2,
      `${o2.name} v${o2.version} already left ${o2.stage} (${o2.tag})`,
      `${o2.tag}: ${o2.name} v${o2.version} left ${o2.stage}`
    ),
    run: async (ctx, args) => (await import("./registry-events-X7I6Z2G6.js")).runUnassign(ctx, {
      name: required(args.name, "the model name"),
      stage: required(args.stage, "the stage"),
      reason: args.reason
    })
  }),
  fetch: step({
    command: "fetch",
    description: "Download, verify and unpack the bundle of a registered model version.",
    params: [
      { param: "ref", argument: "<ref>", required: true },
      { param: "path", required: true },
      ...REGISTRY_ONLY
    ],
    outputs: {
      version: (o2) => o2.version,
      tag: (o2) => o2.tag,
      path: (o2) => o2.dir,
      sha256: (o2) => o2.sha256
    },
    verdict: passes,
    summary: (o2) => `${o2.tag} (${o2.via}) \u2192 ${o2.dir}`,
    needsData: false,
    trains: false,
    permissions: ["contents: read"],
    example: { ref: "wages#production", path: "model" },
    cliExample: "mlops fetch wages#production --to ./model",
    surfaces: EVERYWHERE,
    run: async (ctx, args) => (await import("./fetch-ZLQZOZAP.js")).runFetch(ctx, {
      ref: required(args.ref, "the ref"),
      to: required(args.path, "the folder to unpack into")
    })
  }),
  comment: step({
    command: "comment",
    description: "Post the report as the sticky comment of its model (needs GITHUB_TOKEN).",
    params: ["config", "out", "target", "file", ...REGISTRY],
    outputs: { "comment-url": (o2) => o2.url },
    verdict: passes,
    summary: (o2) => `${o2.created ? "posted" : "updated"} ${o2.url}`,
    needsData: false,
    trains: false,
    cliExample: "mlops comment --target pr/12",
    surfaces: { action: false, umbrella: true },
    run: async (ctx, args, run) => {
      const { runComment: runComment2 } = await import("./comment-HSQFSQR3.js");
      const { chooseCommentTarget: chooseCommentTarget2 } = await import("./comment-DXBMR2LG.js");
      const target = chooseCommentTarget2(args.target, run);
      if (!target) {
        throw new UsageError(
          `no pull request or commit to comment on${run.eventName ? ` for a ${run.eventName} event` : ""}: pass --target pr/N, issue/N or commit/SHA.`
        );
      }
      return runComment2(ctx, {
        target,
        ...args.file ? { file: args.file } : {},
        workflow: run.workflow
      });
    }
  }),
  run: step({
    command: "run",
    description: "Run the whole pipeline: validate, train, evaluate, register when blessed, report.",
    params: [...DATA, "schema", "baseline", ...REGISTRY, "register", "comment", "target", "cache"],
    outputs: {
      "report-path": (o2) => o2.report?.path ?? "",
      "comment-url": (o2) => o2.commentUrl ?? "",
      blessed: (o2) => String(o2.passed),
      version: (o2) => o2.registration?.version ?? "",
      "cache-hit": (o2) => String(o2.training?.cache.hit ?? false)
    },
    verdict: (o2) => o2.passed ? null : "the pipeline did not pass: see the report in the job summary",
    summary: (o2) => [
      `validation: ${o2.validation.passed ? "passed" : "failed"}`,
      o2.training && `model: ${o2.training.bundleDir}${restoredNote(o2.training)}`,
      o2.evaluation && `evaluation: ${o2.evaluation.gates.verdict} (${summarizeMetrics(o2.evaluation.evaluation.overall)})`,
      o2.registration && `${o2.registration.existing ? "already registered" : "registered"}: ${o2.registration.tag}`,
      o2.report && `report: ${o2.report.path}`
    ].filter(Boolean).join("\n"),
    needsData: true,
    trains: true,
    fails: "when the data fails validation or the model is NOT_BLESSED",
    cliExample: "mlops run --data data/train.csv --label income",
    surfaces: { action: false, umbrella: true },
    run: async (ctx, args) => (await import("./pipeline-GFUC6KBD.js")).runPipeline(ctx, {
      register: args.register ?? true,
      cache: args.cache ?? true
    })
  }),
  "check-ref": step({
    command: "registry check-ref",
    description: "Say what a registry tag means (for workflows on tag pushes).",
    params: [
      {
        param: "ref",
        argument: "<ref>",
        required: true,
        description: "A registry tag like wages#production#3 or refs/tags/wages@v1.2.0."
      },
      ...REGISTRY_ONLY
    ],
    outputs: {
      event: (o2) => o2.meaning.event,
      name: (o2) => o2.meaning.name,
      version: (o2) => o2.meaning.version ?? "",
      stage: (o2) => o2.meaning.stage ?? "",
      tag: (o2) => o2.meaning.tag
    },
    verdict: passes,
    summary: (o2) => o2.text,
    json: (o2) => o2.meaning,
    needsData: false,
    trains: false,
    cliExample: "mlops registry check-ref 'wages#production#3'",
    surfaces: { action: false, umbrella: true },
    run: async (ctx, args) => (await import("./registry-check-ref-3BJZOWCW.js")).describeRef(
      ctx.deps.tags,
      required(args.ref, "the ref")
    )
  }),
  ls: registryReader(
    "registry ls",
    "List models, versions and stages.",
    "[name]",
    "state",
    async (tags, name) => (await import("./registry-ls-SQ2HVBNI.js")).listRegistry(tags, name || void 0)
  ),
  show: registryReader(
    "registry show",
    "Show one model: every version with its commit, stages and verdict.",
    "<name>",
    "model",
    async (tags, name) => (await import("./registry-show-TW2BVKOR.js")).showModel(tags, required(name, "the model name"))
  ),
  history: registryReader(
    "registry history",
    "List a model's events in replay order, in GTO's words.",
    "<name>",
    "history",
    async (tags, name) => (await import("./registry-history-4X6DCIBF.js")).modelHistory(
      tags,
      required(name, "the model name")
    )
  ),
  "schema-diff": step({
    command: "schema diff",
    description: "Show what changes between two schemas (features, kinds, presence, ranges, values, label), for review; exit 0 whatever changed.",
    params: [
      { param: "oldSchema", argument: "<old>" },
      { param: "newSchema", argument: "<new>" }
    ],
    outputs: {},
    verdict: passes,
    summary: (o2) => o2.text,
    json: ({ text: _text, ...outcome }) => outcome,
    needsData: false,
    trains: false,
    cliExample: "git show origin/main:mlops/schema.json > /tmp/old.json && mlops schema diff /tmp/old.json mlops/schema.json",
    surfaces: CLI_ONLY,
    run: async (ctx, args) => (await import("./schema-diff-D5CRBT44.js")).runSchemaDiff(ctx, {
      old: required(args.oldSchema, "the old schema"),
      new: required(args.newSchema, "the new schema")
    })
  }),
  "stats-merge": step({
    command: "stats merge",
    description: "Merge the statistics parts of `validate --shard i/n` and run the checks validate runs (schema, anomalies, drift), writing validation.json.",
    params: [
      { param: "parts", argument: "[parts...]" },
      ...DATA,
      "schema",
      "baseline",
      ...REGISTRY
    ],
    outputs: {
      passed: (o2) => String(o2.passed),
      anomalies: (o2) => String(o2.anomalies.length)
    },
    verdict: (o2) => o2.passed ? null : "data validation failed: see the anomalies above",
    summary: validationSummary,
    needsData: true,
    trains: false,
    fails: "when an ERROR anomaly is found, as validate",
    cliExample: "mlops stats merge parts/statistics.part-*-of-4.json --out .mlops",
    // The umbrella's merge job downloads the parts into `out` and merges them there.
    surfaces: { action: false, umbrella: true },
    run: async (ctx, args) => (await import("./shards-QQVZAK4X.js")).runStatsMerge(ctx, args.parts ?? [])
  }),
  "tune-plan": step({
    command: "tune plan",
    description: "Turn the config's tuning space into trials: matrix JSON for `strategy.matrix` (at most 256 jobs, GitHub's limit).",
    params: ["config", "seed"],
    outputs: { matrix: (o2) => JSON.stringify(o2.matrix) },
    verdict: passes,
    summary: (o2) => [
      `${o2.trials.length} trials (${o2.search} search, ranked by validation ${o2.metric}):`,
      ...o2.trials.map((trial) => `  ${trial.id}: ${describeParams(trial.params)}`)
    ].join("\n"),
    json: (o2) => o2.matrix,
    needsData: true,
    trains: false,
    cliExample: "mlops tune plan --json",
    surfaces: { action: false, umbrella: true },
    run: async (ctx) => (await import("./tune-M526AA22.js")).runTunePlan(ctx)
  }),
  "tune-trial": step({
    command: "tune trial",
    description: "Train one trial of the plan (one matrix job) into <out>/tune/ID: its bundle, and trial.json with its validation metrics.",
    params: [{ param: "trial", argument: "<trial>", required: true }, ...DATA, "cache"],
    outputs: {},
    verdict: passes,
    summary: (o2) => `trial ${o2.result.trial}: validation ${o2.metric} ${formatNumber(o2.value)}${o2.cached ? " (restored from cache)" : ""}; result: ${o2.file}`,
    needsData: true,
    trains: true,
    cliExample: "mlops tune trial t03",
    surfaces: { action: false, umbrella: true },
    run: async (ctx, args) => (await import("./tune-M526AA22.js")).runTuneTrial(ctx, required(args.trial, "the trial"), {
      cache: args.cache ?? true
    })
  }),
  "tune-collect": step({
    command: "tune collect",
    description: "Rank the trials by the validation metric: the leaderboard and the winning config go to <out>/tune, the winner's bundle to <out>/model for evaluate.",
    params: [{ param: "results", argument: "[results...]" }, ...DATA],
    outputs: { "model-dir": (o2) => o2.bundleDir, trial: (o2) => o2.leaderboard.best },
    verdict: passes,
    summary: (o2) => collectSummary(o2),
    needsData: true,
    trains: false,
    cliExample: "mlops tune collect && mlops evaluate",
    surfaces: { action: false, umbrella: true },
    run: async (ctx, args) => (await import("./tune-M526AA22.js")).runTuneCollect(ctx, args.results ?? [])
  }),
  "tune-run": step({
    command: "tune run",
    description: "Plan, train every trial in worker threads and collect the best, on this machine (the matrix without GitHub).",
    params: [...DATA, "workers", "cache"],
    outputs: {},
    verdict: passes,
    summary: (o2) => `${collectSummary(o2)}${o2.failed.length > 0 ? `
failed trials: ${o2.failed.join(", ")}` : ""}`,
    needsData: true,
    trains: true,
    cliExample: "mlops tune run --workers 4 && mlops evaluate",
    surfaces: CLI_ONLY,
    run: async (ctx, args) => {
      const { parseWorkers, runTuneRun } = await import("./tune-run-O6KM4IEO.js");
      const { workerPool } = await import("./tune-workers-JVBVXYQ3.js");
      return runTuneRun(ctx, {
        ...args.workers ? { workers: parseWorkers(args.workers) } : {},
        cache: args.cache ?? true,
        pool: workerPool
      });
    }
  }),
  doctor: step({
    command: "registry doctor",
    description: "Compare local registry tags with the remote and check every release against its tag; exit 1 when a problem remains.",
    params: [...REGISTRY_ONLY, "out", "fix"],
    outputs: {},
    verdict: (o2) => o2.healthy ? null : "the registry has problems: see above",
    summary: (o2) => o2.text,
    json: ({ text: _text, ...outcome }) => outcome,
    needsData: false,
    trains: false,
    surfaces: CLI_ONLY,
    run: async (ctx, args) => {
      const { runDoctor, formatDoctorReport } = await import("./doctor-P4SD6SMO.js");
      const outcome = await runDoctor(ctx, { fix: args.fix ?? false });
      return { ...outcome, text: formatDoctorReport(outcome) };
    }
  }),
  serve: step({
    command: "serve",
    description: "Serve registered models over HTTP (a REST API shaped like TensorFlow Serving, and gRPC with --grpc-port): A/B routes from serving.json, hot reload on stage moves, a prediction log, /metrics; stops gracefully on SIGTERM.",
    params: [
      { param: "models", argument: "[names...]" },
      "port",
      "grpcPort",
      "host",
      "serving",
      "logDir",
      "offline",
      "backend",
      {
        param: "out",
        description: "Folder of mlops outputs: served bundles are cached in <out>/serving/bundles, logs kept in <out>/serving/logs."
      },
      ...REGISTRY_ONLY
    ],
    outputs: {},
    verdict: passes,
    summary: (o2) => `stopped serving ${o2.models.join(", ")} at ${o2.url} after ${o2.requests} requests; logs in ${o2.logDir}`,
    needsData: false,
    trains: true,
    cliExample: "mlops serve churn --port 8501",
    surfaces: CLI_ONLY,
    run: async (ctx, args) => {
      const { runServe, serveRequest } = await import("./server-U2K666E3.js");
      return runServe(ctx, serveRequest(ctx, args));
    }
  }),
  predict: step({
    command: "predict",
    description: "Score a data file in batch with a registered version or a bundle folder, as the server scores requests.",
    params: [
      { param: "model", required: true },
      {
        param: "data",
        description: "The rows to score: CSV, JSON Lines or Parquet, the text ones optionally .gz (default: data.train of mlops.yml)."
      },
      { param: "predictions", required: true },
      "backend",
      ...REGISTRY_ONLY
    ],
    outputs: { name: (o2) => o2.model, version: (o2) => o2.version },
    verdict: passes,
    summary: (o2) => `${o2.rows} rows scored with ${o2.model} v${o2.version} (${o2.via}) \u2192 ${o2.out}`,
    needsData: false,
    trains: true,
    permissions: ["contents: read"],
    example: { model: "churn#production", data: "data/new.csv", predictions: "scored.csv" },
    cliExample: "mlops predict --model churn#production --data new.csv --out scored.csv",
    surfaces: { action: false, umbrella: true },
    run: async (ctx, args) => (await import("./predict-file-UIQOO6I3.js")).runPredictFile(ctx, {
      model: required(args.model, "the model (--model)"),
      out: required(args.predictions, "the output file (--out)")
    })
  }),
  monitor: step({
    command: "monitor",
    description: "Read the serving logs: live metrics per served version where labels came back (held to the gates), drift of its inputs from its training statistics; decide whether to retrain. Writes <out>/monitor.json and monitor.md.",
    params: ["config", "name", "logDir", "since", "out", ...REGISTRY],
    outputs: {
      retrain: (o2) => String(o2.monitor.decision.retrain),
      reason: (o2) => o2.monitor.decision.reason,
      "report-path": (o2) => o2.report.path
    },
    verdict: passes,
    summary: (o2) => `retrain=${o2.monitor.decision.retrain}: ${o2.monitor.decision.reason}
report: ${o2.report.path}`,
    json: (o2) => o2.monitor,
    needsData: false,
    trains: false,
    permissions: ["contents: read"],
    example: { "log-dir": "serving-logs", since: "7d" },
    cliExample: "mlops monitor --log-dir .mlops/serving/logs --since 7d",
    surfaces: { action: false, umbrella: true },
    run: async (ctx, args) => (await import("./monitor-CXVZIWP4.js")).runMonitor(ctx, {
      ...args.logDir ? { logDir: args.logDir } : {},
      ...args.since ? { since: args.since } : {}
    })
  })
};
function stepParams(spec) {
  return spec.params.map((use) => {
    const { param, ...own } = typeof use === "string" ? { param: use } : use;
    return { ...PARAMS[param], param, ...own };
  });
}
function stepEntries() {
  return Object.entries(STEPS);
}
function lookupStep(name) {
  return STEPS[name];
}

// src/action/inputs.ts
var COMMAND_INPUT = "command";
var COMMANDS = stepEntries().filter(([, spec]) => spec.surfaces.umbrella).map(([name]) => name);
function readCommand() {
  const command = getInput(COMMAND_INPUT) || "run";
  if (!COMMANDS.includes(command)) {
    throw new UsageError(
      `input "${COMMAND_INPUT}": expected one of ${COMMANDS.join(", ")}, got "${command}".`
    );
  }
  return command;
}
function readInputs(name, options) {
  for (const param of Object.values(PARAMS)) {
    const secret = "secret" in param && param.secret ? getInput(param.input) : "";
    if (secret) setSecret(secret);
  }
  const inputs = {};
  for (const param of stepParams(lookupStep(name))) {
    if (!param.input) continue;
    const value = getInput(param.input);
    const given = value || (param.secret ? "" : param.default ?? "");
    checkInput(param.input, given, param);
    inputs[param.param] = given;
  }
  if (options.umbrella) warnUnusedInputs(name, inputs);
  return inputs;
}
function checkInput(name, value, param) {
  const fail = (expected) => {
    throw new UsageError(`input "${name}": ${expected}, got "${value}".`);
  };
  if (param.required && value === "") {
    throw new UsageError(`input "${name}" is required.`);
  }
  if (param.choices && !param.choices.includes(value)) fail(`expected ${param.choices.join(", ")}`);
  if (param.boolean && value !== "true" && value !== "false") fail("expected true or false");
  if (param.param === "seed" && value !== "" && !/^-?\d+$/.test(value)) {
    fail("expected a whole number");
  }
  if (param.param === "maxErrors" && value !== "" && !/^\d{1,15}$/.test(value)) {
    fail("expected a whole number, 0 or more");
  }
}
function warnUnusedInputs(command, inputs) {
  const used = new Set(Object.keys(inputs));
  const others = /* @__PURE__ */ new Map();
  for (const name of COMMANDS) {
    for (const param of stepParams(lookupStep(name))) {
      if (param.input && !param.secret && !used.has(param.param)) {
        others.set(param.input, param.default ?? "");
      }
    }
  }
  for (const [input, fallback] of others) {
    const value = getInput(input);
    if (value && value !== fallback) {
      warning(`input "${input}" is not used by command ${command}: it was ignored.`);
    }
  }
}

// src/action/publish.ts
var REPORT_ARTIFACT = "mlops-report";
async function publishReport(report, where, mode = where.inputs.comment ?? "auto") {
  const { inputs, ctx, run } = where;
  await writeJobSummary(report.markdown);
  const explicit = Boolean(inputs.target);
  if (mode === "never" || mode === "auto" && !explicit && !isPullRequestEvent(run)) {
    return void 0;
  }
  if (mode === "auto" && !inputs.githubToken) {
    ctx.deps.log.info("no github-token: the report is in the job summary only");
    return void 0;
  }
  const target = chooseCommentTarget(inputs.target || void 0, run);
  if (!target) {
    ctx.deps.log.warn(
      `no pull request or commit to comment on for a ${run.eventName || "local"} event: set the target input (pr/N, issue/N or commit/SHA)`
    );
    return void 0;
  }
  try {
    const posted = await runComment(ctx, { target, file: report.path, workflow: run.workflow });
    return posted.url;
  } catch (error2) {
    if (!(error2 instanceof PermissionDenied) || !isForkPullRequest(run)) throw error2;
    await leavePending(report, target, where);
    return void 0;
  }
}
async function postReport(where) {
  const { inputs, ctx, run } = where;
  const paths = outputPaths(ctx.out);
  const report = { path: paths.report, markdown: await readStepText(ctx, paths.report, "report") };
  const pendingFile = paths.pendingComment;
  if (inputs.target || !await ctx.deps.fs.exists(pendingFile)) {
    await writeJobSummary(report.markdown);
    const target2 = chooseCommentTarget(inputs.target || void 0, run);
    if (!target2) {
      throw new UsageError(
        `no pull request or commit to comment on for a ${run.eventName || "local"} event: set the target input (pr/N, issue/N or commit/SHA).`
      );
    }
    return runComment(ctx, { target: target2, file: report.path, workflow: run.workflow });
  }
  const pending = parsePendingComment(await ctx.deps.fs.readText(pendingFile), pendingFile);
  const tested = triggeringRun(run);
  if (!tested) {
    throw new UsageError(
      "a pending comment (comment.json, from a fork) is posted by a workflow_run job only, which knows the commit the pull request run tested; see examples/workflows/fork-report.yml."
    );
  }
  const target = parseCommentTarget(pending.target);
  if (target.kind !== "issue" || !await isPullRequestOf(target.number, tested, pending, ctx)) {
    return null;
  }
  await writeJobSummary(report.markdown);
  return runComment(ctx, {
    target,
    file: report.path,
    workflow: tested.workflow,
    name: pending.name
  });
}
async function isPullRequestOf(number, tested, pending, ctx) {
  const head = await ctx.deps.comments.pullRequestHead(number);
  if (pending.headSha !== tested.sha || head.repository !== tested.repository) {
    throw new UsageError(
      `not posting: comment.json names pull request #${number} (head ${head.sha.slice(0, 7)} from ${head.repository ?? "a deleted repository"}), but the run that triggered this workflow tested ${tested.sha.slice(0, 7)} from ${tested.repository ?? "an unknown repository"}.`
    );
  }
  if (head.sha !== tested.sha) {
    notice(
      `Not posting the report of ${tested.sha.slice(0, 7)}: pull request #${number} has moved on to ${head.sha.slice(0, 7)}, whose own run reports.`
    );
    return false;
  }
  return true;
}
async function leavePending(report, target, { ctx, run, env }) {
  notice(
    `The token may not comment here (a pull request from a fork gets a read-only token): the report is in the job summary and in the artifact ${REPORT_ARTIFACT}, which examples/workflows/fork-report.yml posts.`
  );
  const files = [report.path];
  const head = eventHeadSha(run);
  if (target.kind === "issue" && head) {
    const pending = {
      schema: "mlops-actions/pending-comment/v1",
      target: `pr/${target.number}`,
      name: await reportedModel(ctx),
      workflow: run.workflow,
      headSha: head
    };
    const file = outputPaths(ctx.out).pendingComment;
    await writeJson(ctx, file, pending);
    files.push(file);
  }
  const { uploadArtifact } = await import("./artifact-XTNXFKOL.js");
  await uploadArtifact(REPORT_ARTIFACT, files, env, ctx.deps.log);
}

// src/action/main.ts
var ACTIONS_TAGGER = {
  name: "github-actions[bot]",
  email: "41898282+github-actions[bot]@users.noreply.github.com"
};
async function main(fixed, env = process.env) {
  try {
    const name = fixed ?? readCommand();
    const spec = lookupStep(name);
    const inputs = readInputs(name, { umbrella: fixed === void 0 });
    const run = await readRunContext(env);
    const ctx = await createActionContext(name, inputs, run, env);
    const where = { inputs, ctx, run, env };
    const outcome = await (ACTION_RUNNERS[name] ?? runStep)(name, where);
    if (outcome === null) return;
    for (const [output, read] of Object.entries(spec.outputs))
      setOutput(output, read(outcome));
    runnerLogger.info(spec.summary(outcome));
    const failure = spec.verdict(outcome);
    if (failure) setFailed(failure);
  } catch (error2) {
    setFailed(errorMessage(error2));
  }
}
function stepArgs(name, inputs, workspace) {
  const args = {};
  for (const param of stepParams(lookupStep(name))) {
    const value = inputs[param.param];
    if (value === void 0 || value === "") continue;
    if (param.boolean) args[param.param] = value === "true";
    else args[param.param] = param.path ? path12.resolve(workspace, value) : value;
  }
  return args;
}
var runStep = (name, { inputs, ctx, run, env }) => lookupStep(name).run(ctx, stepArgs(name, inputs, workspaceOf(env)), run);
var ACTION_RUNNERS = {
  report: async (name, where) => {
    const report = await runStep(name, where);
    return { ...report, commentUrl: await publishReport(report, where) };
  },
  comment: (_name, where) => postReport(where),
  // The monitor's report is about serving, not a pull request: the job summary only.
  monitor: async (name, where) => {
    const outcome = await runStep(name, where);
    await publishReport(outcome.report, where, "never");
    return outcome;
  },
  run: async (name, where) => {
    const { inputs, ctx, run } = where;
    const register = inputs.register === "auto" ? !isPullRequestEvent(run) : inputs.register === "true";
    const args = { ...stepArgs(name, inputs, workspaceOf(where.env)), register };
    const outcome = await lookupStep(name).run(ctx, args, run).catch(async (error2) => {
      const file = outputPaths(ctx.out).report;
      if (await ctx.deps.fs.exists(file)) {
        await publishReport(
          { path: file, markdown: await ctx.deps.fs.readText(file) },
          where
        ).catch((publishError) => ctx.deps.log.warn(errorMessage(publishError)));
      }
      throw error2;
    });
    const commentUrl = outcome.report ? await publishReport(outcome.report, where) : void 0;
    return { ...outcome, commentUrl };
  }
};
function workspaceOf(env) {
  return env.GITHUB_WORKSPACE ?? process.cwd();
}
async function createActionContext(name, inputs, run, env) {
  const spec = lookupStep(name);
  const workspace = workspaceOf(env);
  const tmpRoot = env.RUNNER_TEMP ?? os2.tmpdir();
  const fs2 = createFileSystem({ workspace, scratch: tmpRoot });
  const { config, baseDir, configFile } = await resolveConfig(
    {
      cwd: workspace,
      workspace,
      ...inputs.config ? { config: inputs.config } : {},
      overrides: configOverrides(inputs),
      env,
      needsData: spec.needsData
    },
    fs2
  );
  const out = path12.resolve(workspace, inputs.out ?? ".mlops");
  await confineOutputFolder(out, workspace, fs2);
  checkOutputFolder(out, config, { baseDir, repo: workspace });
  await confineConfigPaths(config, baseDir, workspace, fs2);
  unsupportedSettings(config).forEach((warning2) => runnerLogger.warn(warning2));
  const wasmDir = spec.trains ? findWasmDir() : void 0;
  const stepDeps = createStepDeps({
    git: {
      dir: workspace,
      tagger: ACTIONS_TAGGER,
      // Tags are pushed so the registry of record is the repository on GitHub.
      ...await hasRemote(workspace, "origin") ? { remote: "origin" } : {}
    },
    releasesDir: path12.resolve(baseDir, config.registry.releases),
    github: {
      token: inputs.githubToken,
      repository: run.repository ?? void 0,
      repositorySource: "GITHUB_REPOSITORY",
      apiUrl: env.GITHUB_API_URL,
      webUrl: env.GITHUB_SERVER_URL
    },
    log: runnerLogger,
    backend: wasmDir ? { wasmDir } : {},
    tmpRoot,
    cache: { dir: actionCacheDir(env, workspace, tmpRoot), env },
    run
  });
  return { config, baseDir, configFile, out, deps: { ...stepDeps, fs: fs2 } };
}
function configOverrides(inputs) {
  return {
    ...inputs.data ? { data: inputs.data } : {},
    ...inputs.label ? { label: inputs.label } : {},
    ...inputs.name ? { name: inputs.name } : {},
    ...inputs.seed ? { seed: Number(inputs.seed) } : {},
    ...inputs.maxErrors ? { maxErrors: Number(inputs.maxErrors) } : {},
    ...inputs.schema ? { schema: inputs.schema } : {},
    ...inputs.baseline ? { driftBaseline: inputs.baseline } : {}
  };
}

export {
  main
};
