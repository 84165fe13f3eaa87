import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SiteReport } from '@vigil/shared';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { EChart, type ChartOption } from './EChart';

/** ISO weekdays 1…7, the heat map's rows. */
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const INK = '#111';
const CURRENT = '#1f5fa8';
const PREVIOUS = '#a9b4c2';
const base = { animation: false, textStyle: { fontFamily: 'inherit', color: INK }, tooltip: { trigger: 'axis' as const } };

/** Horizontal bars, one row a label: this period's and the last's. */
function barOption(labels: string[], current: number[], previous: number[], [now, before]: [string, string]): ChartOption {
  return {
    ...base,
    legend: { data: [now, before], top: 0, left: 'center', itemGap: 24 },
    // A fixed left margin for the labels (containLabel measures them before they are cut to width).
    grid: { left: 128, right: 28, top: 32, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { width: 118, overflow: 'truncate' } },
    series: [
      { name: now, type: 'bar', data: current, itemStyle: { color: CURRENT }, label: { show: true, position: 'right' } },
      { name: before, type: 'bar', data: previous, itemStyle: { color: PREVIOUS } },
    ],
  };
}

/** Alarms by kind and by zone, this period beside the last, and the weekday × hour heat map. */
export function ReportCharts({ report }: { report: SiteReport }) {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const kinds = useMemo(
    () => barOption(report.byKind.map((row) => t(`alarmKind.${row.kind}`)), report.byKind.map((row) => row.count), report.byKind.map((row) => row.previous), [t('reports.thisPeriod'), t('reports.previousPeriod')]),
    [report, t],
  );
  const zones = useMemo(
    () =>
      barOption(
        report.byZone.map((row) => (row.zoneId === null ? t('reports.noZone') : row.name ? nameOf({ name: row.name.zh, nameEn: row.name.en }) : row.zoneId)),
        report.byZone.map((row) => row.count),
        report.byZone.map((row) => row.previous),
        [t('reports.thisPeriod'), t('reports.previousPeriod')],
      ),
    [report, t, nameOf],
  );
  const heat = useMemo((): ChartOption => {
    const cells = report.heatMap.flatMap((hours, day) => hours.map((n, hour) => [hour, day, n]));
    const max = Math.max(1, ...cells.map((cell) => cell[2]!));
    return {
      ...base,
      tooltip: { position: 'top' },
      grid: { left: 44, right: 8, top: 8, bottom: 64 },
      xAxis: { type: 'category', data: Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')), splitArea: { show: true } },
      yAxis: { type: 'category', data: WEEKDAYS.map((day) => t(`reports.weekdays.${day}`)), inverse: true, splitArea: { show: true } },
      visualMap: { min: 0, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, inRange: { color: ['#f4f7fb', '#8fb3de', '#1f5fa8', '#0b2a52'] } },
      series: [{ type: 'heatmap', data: cells, label: { show: true, formatter: (p) => ((p.value as number[])[2] ? String((p.value as number[])[2]) : '') } }],
    };
  }, [report, t]);

  const rowsHeight = (n: number) => Math.max(120, 44 + n * 30);
  return (
    <>
      <section className="reports-section reports-section--charts">
        <div className="reports-chart-box">
          <h2>{t('reports.byKind')}</h2>
          <EChart option={kinds} height={rowsHeight(report.byKind.length)} testId="chart-kinds" />
        </div>
        <div className="reports-chart-box">
          <h2>{t('reports.byZone')}</h2>
          <EChart option={zones} height={rowsHeight(report.byZone.length)} testId="chart-zones" />
        </div>
      </section>
      <section className="reports-section">
        <h2>{t('reports.heatMap')}</h2>
        <EChart option={heat} height={300} testId="chart-heatmap" />
      </section>
    </>
  );
}
