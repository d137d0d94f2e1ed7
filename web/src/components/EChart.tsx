import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/**
 * A small ECharts wrapper (loaded lazily with the dashboard): draws `option`,
 * follows the container's size, reports clicks for drill-down. `label`
 * describes the chart for screen readers.
 */
export default function EChart({ option, height = 320, label, onClick }: {
  option: ChartOption; height?: number; label: string; onClick?: (p: { name: string; dataIndex: number; seriesName?: string }) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts>(undefined);
  useEffect(() => {
    const el = ref.current!;
    chart.current = echarts.init(el, undefined, { renderer: 'canvas' });
    const resize = new ResizeObserver(() => chart.current?.resize());
    resize.observe(el);
    return () => { resize.disconnect(); chart.current?.dispose(); chart.current = undefined; };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  useEffect(() => {
    const c = chart.current;
    if (!c || !onClick) return;
    const handler = (p: unknown) => onClick(p as { name: string; dataIndex: number; seriesName?: string });
    c.on('click', handler);
    return () => { c.off('click', handler); };
  }, [onClick]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} data-testid="echart" />;
}
