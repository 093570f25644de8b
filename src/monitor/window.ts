/**
 * The time span `mlops monitor` looks at: `--since` (or mlops.yml's monitor.window) as a duration
 * back from now (`30m`, `12h`, `7d`, `2w`) or as an ISO 8601 date or date-time; and the durations
 * of the monitor block (monitor.max_age).
 */
import { z } from 'zod';
import { UsageError } from '../errors.js';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const UNIT_NAMES = { m: 'minute', h: 'hour', d: 'day', w: 'week' } as const;
const DURATION = /^(\d{1,6}(?:\.\d{1,3})?)(m|h|d|w)$/;

/** What a duration looks like, for error messages. */
export const DURATION_HINT = 'a duration like 30m, 12h, 7d or 2w (minutes, hours, days, weeks)';

/** The milliseconds of a duration like `7d`, or null when `text` is not one (or is zero). */
export function parseDuration(text: string): number | null {
  const match = DURATION.exec(text.trim());
  if (!match) return null;
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return ms > 0 ? ms : null;
}

/** A duration for people, in its largest whole unit: `3 days`, `36 hours`, `1 week`. */
export function describeDuration(ms: number): string {
  const units = (['w', 'd', 'h', 'm'] as const).filter((unit) => ms >= UNIT_MS[unit]);
  const unit = units.find((u) => Number.isInteger(ms / UNIT_MS[u])) ?? units[0];
  if (!unit) return 'less than a minute';
  const count = Math.floor(ms / UNIT_MS[unit]);
  return `${count} ${UNIT_NAMES[unit]}${count === 1 ? '' : 's'}`;
}

export interface MonitorWindow {
  /** As given: `7d`, or an ISO date. */
  since: string;
  start: Date;
  end: Date;
}

const isoDate = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

/**
 * The window from `since` to `now`: a duration back from now, or an ISO date (midnight UTC) or
 * date-time. A UsageError names the value when it is neither, or lies in the future.
 */
export function monitorWindow(since: string, now: Date): MonitorWindow {
  const duration = parseDuration(since);
  const start =
    duration !== null
      ? new Date(now.getTime() - duration)
      : isoDate.safeParse(since.trim()).success
        ? new Date(since.trim())
        : null;
  if (!start || Number.isNaN(start.getTime())) {
    throw new UsageError(
      `--since "${since.slice(0, 60)}": expected ${DURATION_HINT}, or an ISO 8601 date or date-time like 2024-05-01 or 2024-05-01T12:00:00Z.`,
    );
  }
  if (start.getTime() > now.getTime()) {
    throw new UsageError(
      `--since "${since}": ${start.toISOString()} is in the future; give a time before ${now.toISOString()}.`,
    );
  }
  return { since, start, end: now };
}
