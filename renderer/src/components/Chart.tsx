import { useEffect, useRef } from 'react';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only what the dashboard draws, and SVG: crisp at any zoom, printable, and its text readable by tests.
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;
/** A clicked bar: its series' id and its index along the category axis. */
export interface BarClick {
  seriesId: string;
  dataIndex: number;
}

/**
 * An ECharts chart: drawn again when its option changes, resized with the window, a click on a bar
 * reported. The figures are also in the table beside each chart (for the keyboard and screen readers).
 */
export function Chart({ option, onBarClick, label, height = 260, testId }: { option: ChartOption; onBarClick?: (click: BarClick) => void; label: string; height?: number; testId?: string }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onBarClick);
  click.current = onBarClick;

  useEffect(() => {
    const instance = echarts.init(element.current!, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => {
      if (params.componentType === 'series' && typeof params.seriesId === 'string') click.current?.({ seriesId: params.seriesId, dataIndex: params.dataIndex });
    });
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={element} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height }} />;
}
