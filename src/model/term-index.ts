/**
 * An index of terms (strings) to ids 0, 1, 2…, looked up by a range of a larger string without
 * cutting it out: text features look up millions of terms per pass, and allocating and hashing a
 * substring for each cost more than the rest of the encoding together. Open addressing with linear
 * probing over typed arrays.
 */
export class TermIndex {
  private readonly terms: string[] = [];
  private hashes = new Int32Array(64);
  /** Slot → id + 1, or 0 for an empty slot; its length is a power of two, at most half full. */
  private slots = new Int32Array(128);

  /** An index of `terms`, each id its position. */
  static of(terms: readonly string[]): TermIndex {
    const index = new TermIndex();
    for (const term of terms) index.add(term, 0, term.length);
    return index;
  }

  get size(): number {
    return this.terms.length;
  }

  /** The term with id `id`. */
  term(id: number): string {
    return this.terms[id] as string;
  }

  /** The id of `source.slice(start, end)`, or -1 when it is not in the index. */
  find(source: string, start: number, end: number): number {
    const hash = hashRange(source, start, end);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] as number;
      if (entry === 0) return -1;
      const id = entry - 1;
      if (this.hashes[id] === hash && equalsRange(this.terms[id] as string, source, start, end)) {
        return id;
      }
    }
  }

  /** The id of `source.slice(start, end)`, added with the next id when it is new. */
  add(source: string, start: number, end: number): number {
    const found = this.find(source, start, end);
    if (found >= 0) return found;
    const id = this.terms.length;
    if (id === this.hashes.length) {
      const hashes = new Int32Array(id * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    this.terms.push(source.slice(start, end));
    this.hashes[id] = hashRange(source, start, end);
    if ((id + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(id);
    return id;
  }

  private place(id: number): void {
    const mask = this.slots.length - 1;
    let slot = (this.hashes[id] as number) & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = id + 1;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    for (let id = 0; id < this.terms.length; id++) this.place(id);
  }
}

/** A 32-bit multiplicative hash of `source[start, end)`'s UTF-16 code units. */
function hashRange(source: string, start: number, end: number): number {
  let hash = 0x9e3779b9 ^ (end - start);
  for (let i = start; i < end; i++) {
    hash = Math.imul(hash ^ source.charCodeAt(i), 0x5bd1e995);
    hash ^= hash >>> 15;
  }
  return hash;
}

function equalsRange(term: string, source: string, start: number, end: number): boolean {
  if (term.length !== end - start) return false;
  for (let i = 0; i < term.length; i++) {
    if (term.charCodeAt(i) !== source.charCodeAt(start + i)) return false;
  }
  return true;
}
