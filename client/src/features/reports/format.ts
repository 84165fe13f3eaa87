import type { TFunction } from 'i18next';

/** Seconds as the report shows them: under two minutes in seconds, else minutes to one decimal. */
export function formatSeconds(value: number | null, t: TFunction): string {
  if (value === null) return t('reports.none');
  if (value < 120) return t('reports.seconds', { n: Math.round(value) });
  return t('reports.minutes', { n: Math.round(value / 6) / 10 });
}

/** A rate 0–1 as a percentage to one decimal. */
export function formatRate(value: number | null, t: TFunction): string {
  if (value === null) return t('reports.none');
  return t('reports.percent', { n: Math.round(value * 1000) / 10 });
}
