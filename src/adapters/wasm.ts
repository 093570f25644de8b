/** Locating the TensorFlow.js .wasm files at run time. */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WASM_FILE = 'tfjs-backend-wasm.wasm';

/** Where the tfjs .wasm files are: beside a bundle in dist/, else in the installed package. */
export function findWasmDir(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  if (existsSync(path.join(here, WASM_FILE))) return here;
  try {
    const entry = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
    const dir = path.dirname(entry);
    return existsSync(path.join(dir, WASM_FILE)) ? dir : undefined;
  } catch {
    return undefined;
  }
}
