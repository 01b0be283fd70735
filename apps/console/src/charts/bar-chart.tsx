import { useEffect, useRef } from 'react';
import { BarChart as Bars } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, AriaComponent } from 'echarts/components';
import { init, use, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([Bars, GridComponent, LegendComponent, TooltipComponent, AriaComponent, SVGRenderer]);

export interface Series {
  name: string;
  values: number[];
}

/**
 * A bar chart (ECharts, SVG) with a text alternative: `label` names it for
 * screen readers, and the same figures are always in a table on the page.
 */
export function BarChart({ label, categories, series, format }: { label: string; categories: string[]; series: Series[]; format: (v: number) => string }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    if (!element.current) return;
    chart.current = init(element.current, undefined, { renderer: 'svg' });
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        aria: { enabled: true, label: { description: label } },
        color: ['#0b5cad', '#8a96a8', '#1d6b35', '#b35c00'],
        grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
        legend: { show: series.length > 1, top: 0 },
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => format(Number(v)) },
        xAxis: { type: 'category', data: categories },
        yAxis: { type: 'value', axisLabel: { formatter: (v: number) => format(v) } },
        series: series.map((s) => ({ type: 'bar', name: s.name, data: s.values })),
      },
      { notMerge: true },
    );
  }, [label, categories, series, format]);

  return <div ref={element} className="bl-chart" role="img" aria-label={label} data-testid="bar-chart" />;
}
