/** Dates and times shown in the browser's time zone, in the UI language. */

/**
 * One formatter per language and style, made once: building an Intl formatter costs far more
 * than formatting with it, and a screen formats hundreds of times a second in a fast replay.
 */
function cached<F>(make: (language: string) => F): (language: string) => F {
  const made = new Map<string, F>();
  return (language) => {
    let formatter = made.get(language);
    if (!formatter) {
      formatter = make(language);
      made.set(language, formatter);
    }
    return formatter;
  };
}

const clockFormat = cached((language) => new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }));
const minuteFormat = cached((language) => new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }));
const dateFormat = cached((language) => new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }));
const relativeFormat = cached((language) => new Intl.RelativeTimeFormat(language, { numeric: 'auto' }));
const agoFormat = cached((language) => new Intl.RelativeTimeFormat(language, { numeric: 'always', style: 'short' }));
const listFormat = cached((language) => new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }));

export function formatClock(date: Date, language: string): string {
  return clockFormat(language).format(date);
}

export function formatDate(date: Date, language: string): string {
  return dateFormat(language).format(date);
}

export function formatTime(iso: string, language: string): string {
  return clockFormat(language).format(new Date(iso));
}

/** Hours and minutes: a due time, a schedule (a second would only be noise). */
export function formatMinute(iso: string, language: string): string {
  return minuteFormat(language).format(new Date(iso));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

/** "2 minutes ago" / "2分钟前"; anything under ten seconds is "now". */
export function formatRelative(iso: string, now: number, language: string): string {
  const format = relativeFormat(language);
  const elapsed = new Date(iso).getTime() - now;
  if (Math.abs(elapsed) < 10_000) return format.format(0, 'second');
  for (const [unit, ms] of UNITS) {
    if (Math.abs(elapsed) >= ms || unit === 'second') return format.format(Math.trunc(elapsed / ms), unit);
  }
  return format.format(0, 'second');
}

/**
 * How long ago, short and rounded as people say it: "45 sec. ago", "2 min. ago" (a fix 90 s old
 * is "2 min", not "1 min"), "3 hr. ago" / "45秒钟前", "2分钟前".
 */
export function formatAgo(iso: string, now: number, language: string): string {
  const format = agoFormat(language);
  const elapsed = Math.max(0, now - new Date(iso).getTime());
  if (elapsed < 60_000) return format.format(-Math.round(elapsed / 1_000), 'second');
  if (elapsed < 3_600_000) return format.format(-Math.round(elapsed / 60_000), 'minute');
  return format.format(-Math.round(elapsed / 3_600_000), 'hour');
}

/** "A, B and C" / "A、B和C": names joined as the language joins them. */
export function formatList(items: readonly string[], language: string): string {
  return listFormat(language).format(items);
}
