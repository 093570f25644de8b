/**
 * Class order (and so the positive class and the weights) and vocabularies sort by code unit, so
 * they are the same under every LC_ALL; checked in child processes started in different locales.
 */
import { describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compareText } from '../src/util/text.js';
import { fittedOrders } from './support/orders.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The process's locale and `fittedOrders()`, from a fresh node process started with `LC_ALL`. */
function fittedOrdersIn(locale: string): unknown {
  const script = `
    import { fittedOrders } from './tests/support/orders.js';
    const locale = Intl.DateTimeFormat().resolvedOptions().locale;
    console.log(JSON.stringify({ locale, orders: fittedOrders() }));`;
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    { cwd: ROOT, env: { ...process.env, LC_ALL: locale, NODE_OPTIONS: '' }, encoding: 'utf8' },
  );
  return JSON.parse(output);
}

describe('ordering of strings', () => {
  test('compareText orders by code unit: upper case, then lower case, then accented', () => {
    expect(['äpple', 'zebra', 'Zoo', 'apple'].sort(compareText)).toEqual([
      'Zoo',
      'apple',
      'zebra',
      'äpple',
    ]);
  });

  test('classes and vocabulary follow code-unit order; the positive class is the later one', () => {
    expect(fittedOrders()).toEqual({
      classes: ['Zoo', 'apple', 'zebra', 'äpple'],
      binary: ['zebra', 'äpple'],
      vocabulary: ['zebra', 'äpple'],
    });
  });

  test('a process in Swedish and one in US English fit the same orders', () => {
    // localeCompare puts ä after z in Swedish and before it in English: these must not differ.
    expect(fittedOrdersIn('sv_SE.UTF-8')).toEqual({ locale: 'sv-SE', orders: fittedOrders() });
    expect(fittedOrdersIn('en_US.UTF-8')).toEqual({ locale: 'en-US', orders: fittedOrders() });
  }, 30_000);
});
