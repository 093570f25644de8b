/** Bench input shared by the CSV and pipeline benches: realistic tabular data, as byte chunks. */
import { createRng } from '../src/util/random.js';

const CITIES = ['Lisbon', 'Porto', 'New York, NY', 'San Jose', 'Zürich', 'São Paulo', 'Kraków'];
const PLANS = ['free', 'basic', 'pro', 'enterprise'];
const LAST_NAMES = ['Smith', 'García', 'Müller', "O'Brien", 'Nguyen', 'Kowalski'];
const FIRST_NAMES = ['Ana', 'Ben', 'Chloé', 'Dmitri', 'Eve', 'Farah'];
const NOTES = ['', 'NA', 'called twice', 'said "later", then bought', 'multi\nline note', 'ok'];

/**
 * A CSV shaped like real tabular ML data, with every kind inferSchema tells apart: ids, integers,
 * floats, quoted names with commas, categories, dates, booleans, free text with quotes and
 * newlines, gaps and NA tokens, and a 0/1 label.
 */
export function generateCsv(rows: number, seed: number): string {
  const rng = createRng(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(rng() * items.length)] as T;
  const lines = ['id,age,income,score,name,city,plan,signup,active,visits,note,churned'];
  for (let id = 1; id <= rows; id++) {
    const cells = [
      String(id),
      rng() < 0.05 ? '' : String(18 + Math.floor(rng() * 70)),
      rng() < 0.02 ? 'NA' : (20_000 + rng() * 180_000).toFixed(2),
      rng().toFixed(6),
      `${pick(LAST_NAMES)}, ${pick(FIRST_NAMES)}`,
      pick(CITIES),
      pick(PLANS),
      `20${10 + Math.floor(rng() * 15)}-0${1 + Math.floor(rng() * 9)}-1${Math.floor(rng() * 10)}`,
      rng() < 0.5 ? 'true' : 'false',
      String(Math.floor(rng() * 500)),
      pick(NOTES),
      rng() < 0.3 ? '1' : '0',
    ];
    lines.push(cells.map(quoteIfNeeded).join(','));
  }
  return lines.join('\n') + '\n';
}

function quoteIfNeeded(cell: string): string {
  return /[",\n\r]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** `bytes` cut into chunks of `size`, the way a file stream hands them over. */
export function byteChunks(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
}

/** The chunks as an async stream, the readers' input. */
export async function* chunksOf(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* chunks;
}
