import type { DrillReport } from '@vigil/shared';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
// Tree-shaken ECharts: the core, two chart types, the components used, and the SVG renderer
// (vector, so the printed PDF is sharp). Only this lazily loaded screen imports it.
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { describeError } from '../../i18n/describeError';
import { comparisonSeries, formatSeconds } from './drillReportModel';
import { useComparison } from './useDrillReport';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** The score of each ended run of this scenario (bars) and each target's time (lines), oldest first. */
export function ComparisonChart({ report }: { report: DrillReport }) {
  const { t, i18n } = useTranslation();
  const data = useComparison(report.run.scenarioId, `${report.run.state}-${report.run.endedAt ?? ''}`);
  const element = useRef<HTMLDivElement>(null);
  const dayFormat = useMemo(() => new Intl.DateTimeFormat(i18n.language, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }), [i18n.language]);
  const series = useMemo(
    () => (data.status === 'ready' ? comparisonSeries(data.comparison, report.run.id, (iso) => dayFormat.format(new Date(iso))) : null),
    [data, report.run.id, dayFormat],
  );

  useEffect(() => {
    if (!element.current || !series || series.labels.length === 0) return;
    const chart = echarts.init(element.current, null, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      // ECharts lays out text by measuring it in this font: the app's own (CSS variables mean nothing to it).
      textStyle: { fontFamily: getComputedStyle(element.current).fontFamily || 'sans-serif' },
      tooltip: { trigger: 'axis' },
      legend: { top: 0, textStyle: { color: '#111' } },
      grid: { left: 48, right: 64, top: 64, bottom: 48 },
      xAxis: {
        type: 'category',
        data: series.labels.map((label, index) => (index === series.current ? `${label}\n${t('drillReport.comparison.current')}` : label)),
        axisLabel: { color: '#111' },
      },
      yAxis: [
        { type: 'value', name: t('drillReport.comparison.score'), min: 0, max: 100, axisLabel: { color: '#111' }, nameTextStyle: { color: '#111' } },
        {
          type: 'value',
          name: t('drillReport.comparison.seconds'),
          min: 0,
          minInterval: 1,
          axisLabel: { color: '#111', formatter: (value: number) => formatSeconds(value) },
          nameTextStyle: { color: '#111' },
          splitLine: { show: false },
        },
      ],
      series: [
        {
          name: t('drillReport.comparison.score'),
          type: 'bar',
          data: series.score.map((value, index) => ({ value, itemStyle: { color: index === series.current ? '#1f4e9c' : '#8fa8cf' } })),
          label: { show: true, position: 'top', color: '#111' },
          barMaxWidth: 28,
        },
        ...series.targets.map((target) => ({
          name: t('drillReport.comparison.targetLine', { target: t(`drillReport.targetNames.${target.target}`), time: formatSeconds(target.targetSec) }),
          type: 'line' as const,
          yAxisIndex: 1,
          connectNulls: false,
          symbolSize: 8,
          data: target.values,
        })),
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    window.addEventListener('beforeprint', resize);
    return () => {
      window.removeEventListener('resize', resize);
      window.removeEventListener('beforeprint', resize);
      chart.dispose();
    };
  }, [series, t, i18n.language]);

  return (
    <section className="report-section drill-comparison" data-testid="drill-comparison">
      <h2>{t('drillReport.comparison.title')}</h2>
      {data.status === 'loading' && <p className="report-empty">{t('drillReport.comparison.loading')}</p>}
      {data.status === 'failed' && <p className="report-empty">{t('drillReport.comparison.failed', { message: describeError(data.error, t) })}</p>}
      {series && series.labels.length === 0 && <p className="report-empty">{t('drillReport.comparison.empty')}</p>}
      {series && series.labels.length > 0 && <div ref={element} className="drill-chart" data-testid="drill-chart" role="img" aria-label={t('drillReport.comparison.title')} />}
    </section>
  );
}
