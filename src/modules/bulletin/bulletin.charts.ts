import * as echarts from 'echarts';
import type { BulletinData } from './bulletin.data.ts';
import { channelName, counterName, w, type BulletinLang } from './bulletin.words.ts';

/**
 * The bulletin's charts as inline SVG, rendered on the server with ECharts'
 * server-side renderer: the printed page needs no JavaScript and loads
 * nothing from elsewhere. Animation is off so the SVG is the final picture.
 */
function svg(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'sans-serif' }, color: ['#b71c1c', '#0b4f9c', '#2e7d32', '#ef6c00', '#6a1b9a', '#455a64'], ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export function trendChart(d: BulletinData, lang: BulletinLang): string {
  const pts = d.trend.points;
  return svg({
    legend: { top: 0 },
    grid: { left: 44, right: 16, top: 32, bottom: 28 },
    xAxis: { type: 'category', data: pts.map((p) => p.start.slice(5)), axisLabel: { fontSize: 10 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: w('received', lang), type: 'line', data: pts.map((p) => p.received), symbolSize: 3 },
      { name: w('accepted', lang), type: 'line', data: pts.map((p) => p.accepted), symbolSize: 3 },
      { name: w('closed', lang), type: 'line', data: pts.map((p) => p.closed), symbolSize: 3 },
    ],
  }, 680, 240);
}

export function categoryChart(d: BulletinData, lang: BulletinLang): string {
  const cats = [...d.topCategories].reverse();
  return svg({
    grid: { left: 150, right: 40, top: 8, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: cats.map((c) => c.fullName.split('/').slice(-2).join('/')), axisLabel: { fontSize: 10 } },
    series: [{ name: w('accepted', lang), type: 'bar', data: cats.map((c) => c.accepted), label: { show: true, position: 'right', fontSize: 10 } }],
  }, 680, Math.max(120, 24 * cats.length + 40));
}

export function satisfactionChart(d: BulletinData, lang: BulletinLang): string {
  const keys = ['satVery', 'satOk', 'satBasic', 'satNo', 'satVeryNo'] as const;
  return svg({
    color: ['#2e7d32', '#66bb6a', '#c0ca33', '#ef6c00', '#b71c1c'],
    series: [{
      type: 'pie', radius: ['35%', '65%'], label: { fontSize: 10, formatter: '{b}: {c}' },
      data: keys.map((k) => ({ name: counterName(k, lang), value: d.counts[k] })).filter((x) => x.value > 0),
    }],
  }, 330, 220);
}

export function channelChart(d: BulletinData, lang: BulletinLang): string {
  return svg({
    series: [{
      type: 'pie', radius: '60%', label: { fontSize: 10, formatter: '{b}: {c}' },
      data: d.byChannel.map((c) => ({ name: channelName(c.channel, lang), value: c.received })),
    }],
  }, 330, 220);
}
