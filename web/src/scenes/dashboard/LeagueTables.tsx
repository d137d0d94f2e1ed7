import { Card, Col, Radio, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import * as api from '../../api/endpoints.ts';
import type { Unit } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { loadUnits } from '../../lib/reference.ts';
import { drillHref, kpiDefs, kpiName, percent } from './figures.ts';
import type { Period } from './RegionMap.tsx';

type Level = 'county' | 'department' | 'township';

/**
 * 排名与红黑榜: units of a level ranked by their composite score
 * (GET /api/stats/league), the red list (best) and black list (worst), and
 * the whole table, sortable by any column. Every number opens the cases
 * behind it (the unit's subtree, the same period).
 */
export function LeagueTables({ period }: { period: Period }) {
  const { t, lang } = useI18n();
  const [level, setLevel] = useState<Level>('county');
  const [parent, setParent] = useState<number>();
  const [units, setUnits] = useState<Unit[]>([]);
  const [data, setData] = useState<api.League>();
  const [error, setError] = useState<unknown>();

  useEffect(() => { loadUnits().then(setUnits).catch(() => setUnits([])); }, []);
  useEffect(() => {
    setData(undefined);
    setError(undefined);
    api.league({ level, unitId: level === 'township' ? parent : undefined, from: period.from, to: period.to }).then(setData).catch(setError);
  }, [level, parent, period.from, period.to]);

  const counties = useMemo(() => units.filter((u) => u.kind === 'region' && u.level === 2), [units]);
  const link = (unitId: number, name: string, metric: string, text: string) => (
    <Link to={drillHref({ metric, unitId, from: period.from, to: period.to, label: name })} data-testid={`league-${metric}`}
      aria-label={`${name} · ${text}`}>{text}</Link>
  );
  const brief = (list: api.League['red'], colour: string, title: string, testId: string) => (
    <Card size="small" title={<h3 style={{ fontSize: 15, margin: 0 }}><Tag color={colour}>{title}</Tag></h3>} data-testid={testId}>
      {list.length === 0 ? <Typography.Text type="secondary">{t('league.empty')}</Typography.Text> : (
        <ol style={{ margin: 0, paddingLeft: 20 }}>
          {list.map((u) => {
            const row = data?.units.find((x) => x.unitId === u.unitId);
            return (
              <li key={u.unitId}>
                {u.name} · {t('league.score')} {u.score.toFixed(1)}
                {row ? <> · {link(u.unitId, u.name, 'accepted', t('league.acceptedN', { n: row.accepted }))}</> : null}
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );

  const shown = ['closureRate', 'closedOnTimeRate', 'signOnTimeRate', 'satisfactionRate', 'resolutionRate', 'returnRate'];
  return (
    <Card size="small" style={{ marginTop: 16 }} title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('league.title')}</h2>} data-testid="league"
      extra={(
        <Space wrap>
          <Radio.Group value={level} onChange={(e) => { setLevel(e.target.value); setParent(undefined); }} aria-label={t('league.level')} data-testid="league-level"
            options={(['county', 'department', 'township'] as Level[]).map((l) => ({ value: l, label: t(`league.${l}`) }))} optionType="button" size="small" />
          {level === 'township' ? (
            <Select allowClear size="small" style={{ width: 160 }} placeholder={t('league.allCounties')} aria-label={t('league.parent')} value={parent} onChange={setParent}
              options={counties.map((c) => ({ value: c.id, label: c.name }))} data-testid="league-parent" />
          ) : null}
        </Space>
      )}>
      {error ? <ErrorAlert error={error} /> : null}
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12}>{brief(data?.red ?? [], 'red', t('league.red'), 'league-red')}</Col>
        <Col xs={24} md={12}>{brief(data?.black ?? [], 'default', t('league.black'), 'league-black')}</Col>
      </Row>
      <Table<api.LeagueUnit>
        style={{ marginTop: 12 }} size="small" rowKey="unitId" loading={!data && !error} dataSource={data?.units ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }} data-testid="league-table"
        columns={[
          { title: t('league.rank'), dataIndex: 'rank', width: 64, sorter: (a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9), defaultSortOrder: 'ascend', render: (v: number | null) => v ?? '—' },
          { title: t('league.unit'), dataIndex: 'name', fixed: 'left', sorter: (a, b) => a.name.localeCompare(b.name, 'zh') },
          { title: t('league.score'), dataIndex: 'score', align: 'right', sorter: (a, b) => (a.score ?? -1) - (b.score ?? -1), render: (v: number | null) => (v == null ? '—' : v.toFixed(1)) },
          { title: t('league.accepted'), dataIndex: 'accepted', align: 'right', sorter: (a, b) => a.accepted - b.accepted, render: (v: number, r) => link(r.unitId, r.name, 'accepted', String(v)) },
          { title: t('league.assignments'), dataIndex: 'assignments', align: 'right', sorter: (a, b) => a.assignments - b.assignments, render: (v: number, r) => link(r.unitId, r.name, 'assignments', String(v)) },
          ...shown.map((key) => {
            const def = kpiDefs.find((k) => k.key === key)!;
            return {
              title: kpiName(key, lang), key, align: 'right' as const,
              sorter: (a: api.LeagueUnit, b: api.LeagueUnit) => (a.kpis[key]?.value ?? -1) - (b.kpis[key]?.value ?? -1),
              render: (_: unknown, r: api.LeagueUnit) => {
                const rate = r.kpis[key];
                return rate ? <span title={`${rate.numerator} / ${rate.denominator}`}>{link(r.unitId, r.name, def.numerator, percent(rate.value))}</span> : '—';
              },
            };
          }),
        ]}
      />
    </Card>
  );
}
