/** Choosing the TensorFlow.js backend once per process: tfjs-node when it loads, else wasm, else cpu. */
import * as tf from '@tensorflow/tfjs-core';
import { version_cpu } from '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { ConfigError } from '../errors.js';
import type { BackendName } from '../config/schema.js';
import { firstLine, errorMessage } from '../util/text.js';

export type ActiveBackend = 'tensorflow' | 'wasm' | 'cpu';

export interface BackendChoice {
  name: ActiveBackend;
  /** The TensorFlow.js version, for logs and model metadata. */
  version: string;
  /** Backends tried before the one in use, with why each was passed over. */
  skipped: { name: ActiveBackend; reason: string }[];
}

export interface BackendOptions {
  /** Folder holding the tfjs-backend-wasm .wasm files (with a trailing separator or not). */
  wasmDir?: string;
  /** Loads @tensorflow/tfjs-node; injected so callers decide how a native module is found. */
  loadNative?: () => Promise<unknown>;
}

let chosen: Promise<BackendChoice> | undefined;

/** Picks and activates a backend; `auto` falls back in order, a named one must work or it throws. */
export function selectBackend(
  preferred: BackendName,
  options: BackendOptions,
): Promise<BackendChoice> {
  chosen ??= activate(preferred, options);
  return chosen;
}

async function activate(preferred: BackendName, options: BackendOptions): Promise<BackendChoice> {
  const order: ActiveBackend[] = preferred === 'auto' ? ['tensorflow', 'wasm', 'cpu'] : [preferred];
  const skipped: BackendChoice['skipped'] = [];
  for (const name of order) {
    const reason = await tryBackend(name, options);
    if (reason === null) return { name, version: version_cpu, skipped };
    skipped.push({ name, reason });
  }
  const detail = skipped.map((s) => `${s.name}: ${s.reason}`).join('; ');
  throw new ConfigError(
    `model.backend: the "${preferred}" backend is not available here (${detail}). ` +
      'Use backend "auto" to fall back to wasm or cpu.',
  );
}

/** Activates one backend; returns null on success or the reason it cannot be used. */
async function tryBackend(name: ActiveBackend, options: BackendOptions): Promise<string | null> {
  try {
    if (name === 'tensorflow') {
      if (!options.loadNative) return '@tensorflow/tfjs-node cannot be loaded here';
      try {
        await options.loadNative();
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
          return 'not installed (npm install @tensorflow/tfjs-node for native speed)';
        }
        throw error;
      }
    }
    if (name === 'wasm') {
      if (!options.wasmDir) return 'the .wasm files were not found';
      setWasmPaths(options.wasmDir.endsWith('/') ? options.wasmDir : `${options.wasmDir}/`);
    }
    // setBackend resolves false (it does not throw) when a backend fails to initialise. The first
    // tensor written is made here too, as the cpu backend prints a tfjs-node advert on it; the log
    // says which backend runs and why.
    const ok = await quietly(async () => {
      const ready = await tf.setBackend(name);
      if (ready) tf.scalar(0).dispose();
      return ready;
    });
    return ok ? null : 'it failed to initialise';
  } catch (error) {
    return firstLine(errorMessage(error));
  }
}

/** Runs `fn` with tfjs's console chatter about failed backends suppressed: we report it ourselves. */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const { warn, log } = console;
  console.warn = () => {};
  console.log = () => {};
  try {
    return await fn();
  } finally {
    console.warn = warn;
    console.log = log;
  }
}
