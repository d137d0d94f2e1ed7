import { Alert, Card, Col, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import * as api from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useI18n } from '../i18n/index.tsx';
import { caseStates } from '../../../src/domain/lifecycle.ts';
import { listSearch } from './case-list-state.ts';
import { isDashboardStats, StatsPanels } from './StatsPanels.tsx';
import { CasePanels } from './dashboard/CasePanels.tsx';
import { LeagueTables } from './dashboard/LeagueTables.tsx';
import { RegionMap, type Period } from './dashboard/RegionMap.tsx';

/** ECharts is loaded only when a chart is drawn. */
const EChart = lazy(() => import('../components/EChart.tsx'));

type Row = Record<string, unknown>;
const isRowArray = (v: unknown): v is Row[] => Array.isArray(v) && v.length > 0 && typeof v[0] === 'object' && v[0] !== null;

/** This year up to today (the statistics API's default period). */
function thisYear(): Period {
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}

/**
 * The leader dashboard. Reads GET /api/stats/dashboard when the server has it
 * (figures as tiles, lists as charts and tables), the regional map, the
 * league tables and the supervised and hard cases; until then it explains
 * that and draws live counts by state from the case list, each bar drilling
 * down to its cases.
 */
export default function Dashboard() {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const [stats, setStats] = useState<Record<string, unknown> | null>();
  const [byState, setByState] = useState<Array<{ state: string; total: number }>>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    api.dashboard().then(setStats).catch((err) => { setError(err); setStats(null); });
    Promise.all(caseStates.map(async (state) => ({ state, total: (await api.listCases({ state, limit: 1 })).total })))
      .then(setByState)
      .catch(setError);
  }, []);

  const stateOption = useMemo(() => byState && ({
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: byState.map((s) => label('state', s.state)), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', data: byState.map((s) => s.total), itemStyle: { color: '#b71c1c' }, label: { show: true, position: 'top' } }],
  }), [byState, label]);

  const period: Period = isDashboardStats(stats) ? stats.period : thisYear();
  const figures = stats ? Object.entries(stats).filter(([, v]) => typeof v === 'number') as Array<[string, number]> : [];
  const lists = stats ? Object.entries(stats).filter(([, v]) => isRowArray(v)) as Array<[string, Row[]]> : [];

  return (
    <div className="page">
      <Typography.Title level={1} style={{ fontSize: 22 }}>{t('dash.title')}</Typography.Title>
      {error ? <ErrorAlert error={error} /> : null}
      {stats === undefined ? <Skeleton active /> : stats === null ? (
        <Alert type="info" showIcon message={t('dash.missing')} description={t('dash.missingHint')} style={{ marginBottom: 16 }} data-testid="dashboard-missing" />
      ) : isDashboardStats(stats) ? <StatsPanels stats={stats} /> : (
        <>
          <Row gutter={[16, 16]}>
            {figures.map(([k, v]) => (
              <Col key={k} xs={12} md={6} xl={4}><Card size="small"><Statistic title={k} value={v} /></Card></Col>
            ))}
          </Row>
          {lists.map(([k, rows]) => {
            const keys = Object.keys(rows[0]);
            const name = keys.find((x) => typeof rows[0][x] === 'string') ?? keys[0];
            const value = keys.find((x) => typeof rows[0][x] === 'number');
            return (
              <Card key={k} size="small" title={k} style={{ marginTop: 16 }}>
                {value ? (
                  <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 280 }}>{t('dash.chartLoading')}</Skeleton.Node>}>
                    <EChart label={k} height={280} option={{
                      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true }, tooltip: { trigger: 'axis' },
                      xAxis: { type: 'category', data: rows.map((r) => String(r[name])), axisLabel: { interval: 0, rotate: 30 } },
                      yAxis: { type: 'value' }, series: [{ type: /date|day|month|week/i.test(name) ? 'line' : 'bar', data: rows.map((r) => r[value]) }],
                    }} />
                  </Suspense>
                ) : null}
                <Table size="small" rowKey={(_r, i) => String(i)} pagination={{ pageSize: 10 }} dataSource={rows}
                  columns={keys.map((x) => ({ title: x, dataIndex: x, render: (v: unknown) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v ?? '')) }))} />
              </Card>
            );
          })}
        </>
      )}
      {stats !== undefined ? (
        <>
          <RegionMap period={period} places={isDashboardStats(stats) ? (stats as unknown as { regions: Parameters<typeof RegionMap>[0]['places'] }).regions : null} />
          {stats ? <LeagueTables period={period} /> : null}
          <CasePanels period={period} supervisedInPeriod={isDashboardStats(stats) ? (stats as unknown as { supervised: { inPeriod: number } }).supervised.inPeriod : undefined} />
        </>
      ) : null}
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('dash.byState')}</h2>} extra={<Typography.Text type="secondary">{t('dash.drill')}</Typography.Text>} style={{ marginTop: 16 }}>
        {stateOption && byState ? (
          <>
            <Suspense fallback={<div style={{ height: 320 }}>{t('dash.chartLoading')}</div>}>
              <EChart label={t('dash.byState')} option={stateOption} onClick={(p) => navigate(`/cases?${listSearch({ state: byState[p.dataIndex].state })}`)} />
            </Suspense>
            <Row gutter={[8, 8]} style={{ marginTop: 8 }}>
              {byState.map((s) => (
                <Col key={s.state} xs={8} md={4} xl={3}>
                  <Card size="small" hoverable role="link" tabIndex={0} aria-label={`${label('state', s.state)}: ${s.total}`}
                    onClick={() => navigate(`/cases?${listSearch({ state: s.state })}`)}
                    onKeyDown={(e) => { if (e.key === 'Enter') navigate(`/cases?${listSearch({ state: s.state })}`); }}>
                    <Statistic title={label('state', s.state)} value={s.total} />
                  </Card>
                </Col>
              ))}
            </Row>
          </>
        ) : <Skeleton active />}
      </Card>
    </div>
  );
}
