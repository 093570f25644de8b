/**
 * Sticky traffic splitting: a request key (a user id, a session) hashes to a point in [0, 1), and
 * the routes' weights cut that interval into consecutive shares. The same key always lands on the
 * same route while the salt and weights stay; a weight change moves only the keys near the cuts.
 */
import { createHash } from 'node:crypto';

/** Bits of the hash used: the point's resolution is 2⁻⁴⁸, far finer than any weight. */
const POINT_BITS = 48;

/** Where `key` falls in [0, 1) for routes salted with `salt`: uniform over keys, fixed per key. */
export function bucketOf(salt: string, key: string): number {
  // The NUL separator keeps ("ab", "c") and ("a", "bc") apart.
  const digest = createHash('sha256').update(salt).update('\0').update(key).digest();
  return digest.readUIntBE(0, POINT_BITS / 8) / 2 ** POINT_BITS;
}

/**
 * The route `key` is assigned to: the one whose share of the total weight holds the key's point.
 * Routes of weight 0 are never chosen; `routes` must hold one of positive weight.
 */
export function chooseRoute<R extends { weight: number }>(
  routes: readonly R[],
  salt: string,
  key: string,
): R {
  const live = routes.filter((route) => route.weight > 0);
  const total = live.reduce((sum, route) => sum + route.weight, 0);
  const point = bucketOf(salt, key) * total;
  let end = 0;
  for (const route of live) {
    end += route.weight;
    if (point < end) return route;
  }
  // Rounding can leave the point a hair past the last cut.
  const last = live.at(-1);
  if (!last) throw new Error('chooseRoute: no route has a weight above 0');
  return last;
}
