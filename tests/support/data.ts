/**
 * Realistic tabular data made in the test: awkward column names, missing values in features and
 * labels, dates and free text, with a label that depends on the features so models can learn.
 */
import { createRng } from '../../src/util/random.js';

export type TaskKind = 'binary' | 'multiclass' | 'regression';

const CITIES = ['Lisbon', 'Porto', 'Braga', 'Faro', 'Coimbra'];
const WORDS = [
  'great service',
  'slow delivery',
  'friendly staff',
  'late again',
  'very good',
  'poor, "meh" quality',
];

/** A CSV with `rows` rows for `task`; a few labels are missing on purpose (`missingLabels`). */
export function makeCsv(
  task: TaskKind,
  rows: number,
  options: { seed?: number; missingLabels?: number } = {},
): string {
  const rng = createRng(options.seed ?? 7);
  const header = [
    'customer id',
    'Annual Income ($)',
    'age, years',
    'city',
    'member?',
    'signup date',
    'comment',
    'target label',
  ];
  const lines = [header.map(quote).join(',')];
  for (let i = 0; i < rows; i++) {
    const income = 20000 + rng() * 80000;
    const age = Math.floor(18 + rng() * 60);
    const city = CITIES[Math.floor(rng() * CITIES.length)] as string;
    const member = rng() < 0.5;
    const day = 1 + Math.floor(rng() * 28);
    // Free text: a few words drawn at random, so nearly every comment differs.
    const comment = Array.from(
      { length: 3 + Math.floor(rng() * 5) },
      () => WORDS[Math.floor(rng() * WORDS.length)],
    ).join(' ');
    const signal = income / 100000 + (member ? 0.3 : 0) - age / 200 + (city === 'Porto' ? 0.2 : 0);
    let label: string;
    if (task === 'binary') label = signal + rng() * 0.2 > 0.6 ? 'yes' : 'no';
    else if (task === 'multiclass') label = signal < 0.35 ? 'low' : signal < 0.65 ? 'mid' : 'high';
    else label = (signal * 100 + rng() * 5).toFixed(2);
    if (i < (options.missingLabels ?? 0)) label = '';
    const cells = [
      `C${1000 + i}`,
      rng() < 0.05 ? '' : income.toFixed(0),
      rng() < 0.05 ? 'NA' : String(age),
      city,
      member ? 'true' : 'false',
      `2024-03-${String(day).padStart(2, '0')}`,
      comment,
      label,
    ];
    lines.push(cells.map(quote).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
