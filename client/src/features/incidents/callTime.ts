/** "03:12:40" in local time, for a time input that defaults to now. */
export function localTimeOf(ms: number): string {
  const date = new Date(ms);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/**
 * The moment a call was made, from the local time typed in: today at that time, or yesterday
 * when that would be in the future (a call at 23:58 logged at 00:03). Null when unreadable.
 */
export function callMoment(time: string, now: number): string | null {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!match) return null;
  const date = new Date(now);
  date.setHours(Number(match[1]), Number(match[2]), Number(match[3] ?? 0), 0);
  if (date.getTime() > now + 60_000) date.setDate(date.getDate() - 1);
  return date.toISOString();
}
