import { BarChart, LineChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

// Only the chart types the dashboard draws: the statistics chunk stays small and lazy.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface ChartClick {
  seriesName?: string;
  name?: string;
  dataIndex: number;
  data?: unknown;
}

/** One ECharts chart; a click on a bar, point or slice calls onClick (the drill-down). */
export function EChart({
  option,
  height = 280,
  onClick,
  testId,
}: {
  option: echarts.EChartsCoreOption;
  height?: number;
  onClick?: (event: ChartClick) => void;
  testId?: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickHandler = useRef(onClick);
  clickHandler.current = onClick;

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, undefined, { renderer: "svg" });
    chart.current = instance;
    instance.on("click", (event) => clickHandler.current?.(event as unknown as ChartClick));
    const resize = () => instance.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={element} style={{ width: "100%", height }} data-testid={testId} />;
}
