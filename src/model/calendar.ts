/**
 * Calendar features of a date, beside its trend: where it falls in the year, in the week and (when
 * the column has times) in the day, each as a point on a circle (sine, cosine), so that December
 * sits next to January and Sunday next to Monday. Dates are read in UTC, as parseDate reads them.
 */

const DAY_MS = 86_400_000;

/** How many numbers the calendar features of a date take. */
export function calendarWidth(timeOfDay: boolean): number {
  return timeOfDay ? 6 : 4;
}

/** Whether some of these epoch times is not midnight: the column has times of day. */
export function hasTimeOfDay(times: Iterable<number>): boolean {
  for (const time of times) if (timeOfDayShare(time) !== 0) return true;
  return false;
}

/**
 * Writes the calendar features of epoch time `time` into `out` from `at`: the month (with the day
 * as its fraction), the day of the week and, with `timeOfDay`, the time of day.
 */
export function writeCalendar(
  time: number,
  timeOfDay: boolean,
  out: Float32Array,
  at: number,
): void {
  const date = new Date(time);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const monthDays = (Date.UTC(year, month + 1, 1) - Date.UTC(year, month, 1)) / DAY_MS;
  writeTurn((month + (date.getUTCDate() - 1) / monthDays) / 12, out, at);
  writeTurn(date.getUTCDay() / 7, out, at + 2);
  if (timeOfDay) writeTurn(timeOfDayShare(time), out, at + 4);
}

/** The share of its day that has passed at epoch time `time`, in [0, 1). */
function timeOfDayShare(time: number): number {
  return (((time % DAY_MS) + DAY_MS) % DAY_MS) / DAY_MS;
}

/** A share of a turn as the point it reaches on the unit circle. */
function writeTurn(turn: number, out: Float32Array, at: number): void {
  const angle = 2 * Math.PI * turn;
  out[at] = Math.sin(angle);
  out[at + 1] = Math.cos(angle);
}
