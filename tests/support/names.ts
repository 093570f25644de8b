/**
 * Made-up first names, each different, labelled by sex: the ending says it most of the time (as
 * `-a` and `-o` do in many languages), and a share of names is labelled at random.
 */
import { createRng } from '../../src/util/random.js';

const ONSETS = [
  'b',
  'd',
  'f',
  'g',
  'j',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'v',
  'z',
  'ch',
  'br',
  'st',
  'tr',
  'cl',
];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ay', 'ee', 'ie'];
const ENDINGS = {
  f: ['a', 'ina', 'elle', 'ette', 'ia', 'ine', 'ley', 'issa', 'ana', 'ie'],
  m: ['o', 'us', 'an', 'er', 'on', 'ard', 'el', 'iel', 'ton', 'ik'],
};

/** `count` distinct names with a sex; `noise` of them get a sex drawn at random. */
export function firstNames(
  count: number,
  seed = 1,
  noise = 0.15,
): { name: string; sex: 'f' | 'm' }[] {
  const rng = createRng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
  const seen = new Set<string>();
  const names: { name: string; sex: 'f' | 'm' }[] = [];
  while (names.length < count) {
    const sex = rng() < 0.5 ? 'f' : 'm';
    const syllables = 1 + Math.floor(rng() * 2);
    let stem = '';
    for (let i = 0; i < syllables; i++) stem += pick(ONSETS) + pick(VOWELS);
    const lower = stem + pick(ENDINGS[sex]);
    const name = lower[0]?.toUpperCase() + lower.slice(1);
    if (seen.has(name)) continue;
    seen.add(name);
    names.push({ name, sex: rng() < noise ? pick(['f', 'm'] as const) : sex });
  }
  return names;
}
