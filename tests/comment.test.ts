/** The sticky comment's pure parts: targets, events, the marker and the body under the limit. */
import { describe, expect, test } from '@jest/globals';
import { UsageError } from '../src/errors.js';
import {
  chooseCommentTarget,
  commentBody,
  commentMarker,
  eventCommentTarget,
  isPullRequestEvent,
  parseCommentTarget,
  type RunEvent,
} from '../src/report/comment.js';
import { reportMarker } from '../src/report/render.js';

const SHA = 'a'.repeat(40);

describe('parseCommentTarget', () => {
  test.each([
    ['pr/12', { kind: 'issue', number: 12 }],
    ['issue/7', { kind: 'issue', number: 7 }],
    ['commit/1A2B3C4', { kind: 'commit', sha: '1a2b3c4' }],
    [` commit/${SHA} `, { kind: 'commit', sha: SHA }],
  ])('%s', (text, expected) => {
    expect(parseCommentTarget(text)).toEqual(expected);
  });

  test.each([
    'pr/0',
    'pr/-1',
    'pr/1e3',
    'pr/12345678901',
    'commit/xyz',
    'commit/abc',
    'branch/main',
    '12',
    '',
  ])('%j is a UsageError naming the forms', (text) => {
    expect(() => parseCommentTarget(text)).toThrow(UsageError);
    expect(() => parseCommentTarget(text)).toThrow(/pr\/NUMBER, issue\/NUMBER or commit\/SHA/);
  });
});

describe('eventCommentTarget', () => {
  const event = (eventName: string, payload: Record<string, unknown>, sha = SHA): RunEvent => ({
    eventName,
    payload,
    sha,
  });
  test.each([
    ['pull_request', { pull_request: { number: 5 } }, { kind: 'issue', number: 5 }],
    ['pull_request_target', { number: 6, pull_request: {} }, { kind: 'issue', number: 6 }],
    ['issue_comment', { issue: { number: 8 } }, { kind: 'issue', number: 8 }],
    [
      'workflow_run',
      { workflow_run: { pull_requests: [{ number: 9 }, { number: 10 }] } },
      { kind: 'issue', number: 9 },
    ],
    ['workflow_run', { workflow_run: { pull_requests: [] } }, null],
    ['push', {}, { kind: 'commit', sha: SHA }],
    ['schedule', {}, null],
    ['pull_request', { pull_request: { number: '5' } }, null],
    ['pull_request', { pull_request: { number: -1 } }, null],
  ])('%s %j', (name, payload, expected) => {
    expect(eventCommentTarget(event(name, payload))).toEqual(expected);
  });

  test('a push without a full commit SHA has no target', () => {
    expect(eventCommentTarget(event('push', {}, 'main'))).toBeNull();
  });

  test('an explicit target wins over the event', () => {
    const pr = event('pull_request', { pull_request: { number: 5 } });
    expect(chooseCommentTarget('issue/3', pr)).toEqual({ kind: 'issue', number: 3 });
    expect(chooseCommentTarget(undefined, pr)).toEqual({ kind: 'issue', number: 5 });
  });

  test.each([
    ['pull_request', {}, true],
    ['pull_request_target', {}, true],
    ['workflow_run', { workflow_run: { pull_requests: [{ number: 2 }] } }, true],
    ['workflow_run', { workflow_run: { pull_requests: [] } }, false],
    ['push', {}, false],
    ['workflow_dispatch', {}, false],
  ])('%s %j is a pull request event: %s', (name, payload, expected) => {
    expect(isPullRequestEvent(event(name, payload))).toBe(expected);
  });
});

describe('commentMarker', () => {
  test('without a workflow it is the report marker', () => {
    expect(commentMarker('wages')).toBe(reportMarker('wages'));
  });

  test('a workflow name cannot end the HTML comment or split the marker', () => {
    const marker = commentMarker('wages', 'CI --> <b>x</b>\nnext');
    expect(marker.startsWith('<!-- ')).toBe(true);
    expect(marker.indexOf('-->')).toBe(marker.length - 3);
    expect(marker.slice(4, -3)).not.toMatch(/[\n<>]|--/);
  });

  test('different workflows have different markers', () => {
    expect(commentMarker('wages', 'pr')).not.toBe(commentMarker('wages', 'nightly'));
  });
});

describe('commentBody', () => {
  const report = `${reportMarker('wages')}\n## ✅ wages: BLESSED\n\nbody\n`;

  test("replaces the report's own marker with the comment marker", () => {
    const marker = commentMarker('wages', 'pr');
    const body = commentBody(report, marker, null);
    expect(body.startsWith(`${marker}\n## ✅ wages: BLESSED`)).toBe(true);
    expect(body).not.toContain(reportMarker('wages'));
  });

  test('a long report is cut under the limit with a note linking the whole report', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `| row ${i} | ${'x'.repeat(20)} |`);
    const long = `${report}<details><summary>big</summary>\n\n${rows.join('\n')}\n\n</details>\n`;
    const url = 'https://github.com/octo/wages/actions/runs/42';
    const body = commentBody(long, commentMarker('wages'), url, 10_000);
    expect(body.length).toBeLessThanOrEqual(10_000);
    expect(body).toContain(
      `cut to fit GitHub's 10000-character limit: see [the whole report](${url})`,
    );
    // The cut closes the open <details>, so the note shows outside it.
    expect(body.split('<details').length).toBe(body.split('</details>').length);
  });

  test('a report under the limit is posted whole', () => {
    expect(commentBody(report, reportMarker('wages'), null)).toBe(report);
  });
});
