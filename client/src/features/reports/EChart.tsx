import { useEffect, useRef } from 'react';
import { BarChart, HeatmapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only what the report draws: bars and a heat map, on SVG (sharp on paper and in a PDF).
echarts.use([BarChart, HeatmapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

export type ChartOption = echarts.ComposeOption<
  import('echarts/charts').BarSeriesOption | import('echarts/charts').HeatmapSeriesOption | import('echarts/components').GridComponentOption | import('echarts/components').LegendComponentOption | import('echarts/components').TooltipComponentOption | import('echarts/components').VisualMapComponentOption
>;

/** One ECharts chart in a box of the given height; resized with its box (and for print), disposed on unmount. */
export function EChart({ option, height, testId }: { option: ChartOption; height: number; testId: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = echarts.init(element, null, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} className="reports-chart" style={{ height }} data-testid={testId} />;
}
