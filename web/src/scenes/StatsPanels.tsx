import { Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n/index.tsx';
import type { ChartOption } from '../components/EChart.tsx';
import { listSearch, type ListState } from './case-list-state.ts';

const EChart = lazy(() => import('../components/EChart.tsx'));

/** The parts of GET /api/stats/dashboard drawn here (src/modules/stats/stats.schemas.ts). */
export interface DashboardStats {
  period: { from: string; to: string };
  volume: { received: number; accepted: number };
  trend: { bucket: string; points: Array<{ start: string; received: number; accepted: number; closed: number }> };
  topCategories: Array<{ categoryId: number; name: string; accepted: number }>;
  regions: { counties: Array<{ unitId: number; name: string; accepted: number }> };
  tiles: Array<{ key: string; zh: string; en: string; numerator: number; denominator: number; value: number | null }>;
  overdue: { openNow: number };
  supervised: { openNow: number };
  openNow: number;
}

export const isDashboardStats = (v: unknown): v is DashboardStats =>
  typeof v === 'object' && v !== null && Array.isArray((v as DashboardStats).tiles) && typeof (v as DashboardStats).trend === 'object';

const grid = { left: 8, right: 16, top: 32, bottom: 8, containLabel: true };

/** KPI tiles, live counts that open their cases, the trend, counties and top categories. */
export function StatsPanels({ stats }: { stats: DashboardStats }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const open = (query: ListState) => navigate(`/cases?${listSearch(query)}`);
  const live: Array<{ label: string; value: number; query: ListState }> = [
    { label: t('dash.openNow'), value: stats.openNow, query: { state: 'received,registered,dispatched,returned,handling,signoff,reviewing,callback,callback_review' } },
    { label: t('dash.overdueNow'), value: stats.overdue.openNow, query: { dueState: 'overdue' } },
    { label: t('dash.supervisedNow'), value: stats.supervised.openNow, query: { supervised: true } },
  ];
  const chart = (title: string, option: ChartOption, height = 280) => (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>}>
      <Suspense fallback={<Skeleton active />}><EChart label={title} option={option} height={height} /></Suspense>
    </Card>
  );
  return (
    <>
      <Typography.Paragraph type="secondary">{t('dash.period', stats.period)}</Typography.Paragraph>
      <Row gutter={[12, 12]}>
        {live.map((l) => (
          <Col key={l.label} xs={12} md={6} xl={4}>
            <Card size="small" hoverable role="link" tabIndex={0} aria-label={`${l.label}: ${l.value}`} onClick={() => open(l.query)} onKeyDown={(e) => { if (e.key === 'Enter') open(l.query); }}>
              <Statistic title={l.label} value={l.value} />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={6} xl={4}><Card size="small"><Statistic title={t('dash.received')} value={stats.volume.received} /></Card></Col>
        {stats.tiles.map((k) => (
          <Col key={k.key} xs={12} md={6} xl={4}>
            <Card size="small" title={undefined}>
              <Statistic title={lang === 'en' ? k.en : k.zh} value={k.value == null ? '—' : (k.value * 100).toFixed(1)} suffix={k.value == null ? undefined : '%'} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{k.numerator} / {k.denominator}</Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={12}>
          {chart(t('dash.trend'), {
            grid, tooltip: { trigger: 'axis' }, legend: { top: 0 },
            xAxis: { type: 'category', data: stats.trend.points.map((p) => p.start.slice(0, 10)) }, yAxis: { type: 'value' },
            series: [
              { name: t('dash.received'), type: 'line', smooth: true, data: stats.trend.points.map((p) => p.received), itemStyle: { color: '#b71c1c' } },
              { name: t('dash.closed'), type: 'line', smooth: true, data: stats.trend.points.map((p) => p.closed), itemStyle: { color: '#1e5e2b' } },
            ],
          })}
        </Col>
        <Col xs={24} xl={12}>
          {chart(t('dash.regions'), {
            grid, tooltip: { trigger: 'axis' },
            xAxis: { type: 'value' }, yAxis: { type: 'category', inverse: true, data: stats.regions.counties.map((r) => r.name) },
            series: [{ type: 'bar', data: stats.regions.counties.map((r) => r.accepted), itemStyle: { color: '#0b4f9c' }, label: { show: true, position: 'right' } }],
          })}
        </Col>
        <Col xs={24}>
          {chart(t('dash.topCategories'), {
            grid, tooltip: { trigger: 'axis' },
            xAxis: { type: 'category', data: stats.topCategories.map((c) => c.name), axisLabel: { interval: 0, rotate: 20 } }, yAxis: { type: 'value' },
            series: [{ type: 'bar', data: stats.topCategories.map((c) => c.accepted), itemStyle: { color: '#7a3300' } }],
          }, 260)}
        </Col>
      </Row>
    </>
  );
}
