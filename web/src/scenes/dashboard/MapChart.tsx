import { MapChart as MapSeries } from 'echarts/charts';
import { TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { RegionsGeo } from '../../api/endpoints.ts';

echarts.use([MapSeries, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export interface MapValue { unitId: number; value: number | null }

/**
 * The regional map (loaded lazily with the dashboard): the places' own
 * boundaries (no map tiles) registered with ECharts, coloured by `values`.
 * Reports the unit clicked. The canvas is described by `label`; the same
 * figures are in a table next to it for keyboards and screen readers. The
 * pixel position of each place is kept in `data-regions` (for tests and
 * tooling).
 */
export default function MapChart({ mapName, geo, values, label, format, range, reverse, onPick, height = 420 }: {
  mapName: string; geo: RegionsGeo; values: MapValue[]; label: string; format(v: number | null): string;
  range: [number, number]; reverse?: boolean; onPick(unitId: number): void; height?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts>(undefined);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const el = ref.current!;
    chart.current = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current.on('click', (p) => {
      const unitId = (p.data as { unitId?: number } | undefined)?.unitId;
      if (unitId) pick.current(unitId);
    });
    const resize = new ResizeObserver(() => { chart.current?.resize(); mark(); });
    resize.observe(el);
    return () => { resize.disconnect(); chart.current?.dispose(); chart.current = undefined; };
  }, []);

  /** Where each place's label point is on screen. */
  const mark = () => {
    const c = chart.current;
    const el = ref.current;
    if (!c || !el) return;
    const spots = geo.features.filter((f) => f.properties.centroid).map((f) => {
      const [x, y] = c.convertToPixel({ seriesIndex: 0 }, f.properties.centroid!) as number[];
      return { unitId: f.properties.unitId, name: f.properties.name, x: Math.round(x), y: Math.round(y) };
    });
    el.dataset.regions = JSON.stringify(spots);
  };

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    echarts.registerMap(mapName, geo as unknown as Parameters<typeof echarts.registerMap>[1]);
    const byId = new Map(values.map((v) => [v.unitId, v.value]));
    const names = new Map(geo.features.map((f) => [f.properties.key, f.properties.name]));
    const colours = ['#fbe9e7', '#f4a582', '#d6604d', '#b71c1c'];
    c.setOption({
      tooltip: { trigger: 'item', formatter: (p: { name: string; value: number }) => `${names.get(p.name) ?? p.name}: ${format(Number.isFinite(p.value) ? p.value : null)}` },
      visualMap: {
        min: range[0], max: range[1], left: 8, bottom: 8, calculable: false, itemHeight: 100, text: [format(range[1]), format(range[0])],
        inRange: { color: reverse ? [...colours].reverse() : colours }, formatter: (v: number) => format(v),
      },
      series: [{
        type: 'map', map: mapName, nameProperty: 'key', roam: false, selectedMode: false, layoutCenter: ['50%', '50%'], layoutSize: '95%',
        label: { show: true, fontSize: 11, color: '#1f1f1f', formatter: (p: { name: string }) => names.get(p.name) ?? p.name },
        emphasis: { label: { show: true, fontWeight: 'bold' }, itemStyle: { areaColor: '#ffd591' } },
        itemStyle: { borderColor: '#ffffff', borderWidth: 1.2, areaColor: '#e8e8e8' },
        data: geo.features.map((f) => ({ name: f.properties.key, unitId: f.properties.unitId, value: byId.get(f.properties.unitId) ?? NaN })),
      }],
    }, true);
    mark();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mapName, geo, values, range, reverse]);

  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} data-testid="region-map" data-map={mapName} />;
}
