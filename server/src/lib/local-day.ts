/**
 * The calendar day of `at` where the control room is, as `YYYYMMDD`: the process's time zone
 * (set `TZ`, e.g. `TZ=Asia/Shanghai`), so an incident opened at 02:00 in Hangzhou is numbered
 * on that day and not on the UTC day before it.
 */
export function localDay(at: Date, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (type: 'year' | 'month' | 'day') => parts.find((p) => p.type === type)!.value;
  return `${part('year')}${part('month')}${part('day')}`;
}
