import { Breadcrumb, Button, Card, Col, Empty, Row, Select, Skeleton, Space, Table, Typography } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import * as api from '../../api/endpoints.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { drillHref, kpiDefs, kpiName, percent, type DrillTarget } from './figures.ts';

/** ECharts and its map series load only when the map is drawn. */
const MapChart = lazy(() => import('./MapChart.tsx'));

type Place = { unitId: number; parentId: number | null; name: string; accepted: number };
export interface Period { from: string; to: string }

/**
 * 区域分布: counties (or a county's townships) on the map, coloured by
 * volume (accepted cases by place) or by a KPI of the units there (from the
 * league table). Choosing a county shows its townships; choosing a township
 * opens its cases. The same figures are listed in a table beside the map.
 */
export function RegionMap({ period, places }: { period: Period; places: { counties: Place[]; townships: Place[] } | null }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [parent, setParent] = useState<{ id: number; name: string }>();
  /** A township's staff have no county on their map: they start at their township. */
  const [townshipsOnly, setTownshipsOnly] = useState(false);
  const [metric, setMetric] = useState<string>(places ? 'accepted' : 'satisfactionRate');
  const [geo, setGeo] = useState<api.RegionsGeo | null>();
  const [league, setLeague] = useState<api.League>();
  const [error, setError] = useState<unknown>();
  const level = parent || townshipsOnly ? 'township' : 'county';
  const kpi = kpiDefs.find((k) => k.key === metric);

  useEffect(() => {
    setGeo(undefined);
    api.regionsGeo(level, parent?.id).then((g) => {
      if (g && g.features.length === 0 && level === 'county' && !parent) setTownshipsOnly(true);
      else setGeo(g);
    }).catch((err) => { setError(err); setGeo(null); });
  }, [level, parent?.id]);
  useEffect(() => {
    if (!kpi) return;
    setLeague(undefined);
    api.league({ level, unitId: parent?.id, from: period.from, to: period.to, minVolume: 0 }).then(setLeague).catch(setError);
  }, [kpi, level, parent?.id, period.from, period.to]);

  const rows = useMemo(() => (geo?.features ?? []).map((f) => {
    const id = f.properties.unitId;
    if (kpi) {
      const u = league?.units.find((x) => x.unitId === id);
      const rate = u?.kpis[kpi.key];
      return { unitId: id, name: f.properties.name, value: rate?.value ?? null, numerator: rate?.numerator ?? null };
    }
    const p = (level === 'township' ? places?.townships : places?.counties)?.find((x) => x.unitId === id);
    return { unitId: id, name: f.properties.name, value: p?.accepted ?? 0, numerator: p?.accepted ?? 0 };
  }), [geo, kpi, league, places, level]);

  const format = (v: number | null) => (kpi ? percent(v) : v == null ? '—' : String(Math.round(v)));
  const range: [number, number] = kpi ? [0, 1] : [0, Math.max(1, ...rows.map((r) => r.value ?? 0))];
  /** The cases behind a place's number: by place for volume, by the units there for a KPI. */
  const drillOf = (r: { unitId: number; name: string }): DrillTarget => kpi
    ? { metric: kpi.numerator, unitId: r.unitId, from: period.from, to: period.to, label: r.name }
    : { metric: 'accepted', regionId: r.unitId, from: period.from, to: period.to, label: r.name };
  const pick = (unitId: number) => {
    const r = rows.find((x) => x.unitId === unitId);
    if (!r) return;
    if (level === 'county') setParent({ id: r.unitId, name: r.name });
    else navigate(drillHref(drillOf(r)));
  };
  const metricName = kpi ? kpiName(kpi.key, lang) : t('map.volume');
  const mapLabel = t('map.aria', { level: t(level === 'township' ? 'map.townships' : 'map.counties'), metric: metricName });

  return (
    <Card size="small" style={{ marginTop: 16 }} data-testid="region-card" data-level={level}
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('map.title')}</h2>}
      extra={(
        <Space>
          <label htmlFor="map-metric">{t('map.metric')}</label>
          <Select id="map-metric" style={{ width: 180 }} value={metric} onChange={setMetric} data-testid="map-metric"
            options={[...(places ? [{ value: 'accepted', label: t('map.volume') }] : []), ...kpiDefs.map((k) => ({ value: k.key, label: kpiName(k.key, lang) }))]} />
        </Space>
      )}>
      <Breadcrumb style={{ marginBottom: 8 }} items={[
        { title: parent ? <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setParent(undefined)} data-testid="map-up">{t('map.city')}</Button> : t('map.city') },
        ...(parent ? [{ title: <span data-testid="map-parent">{parent.name}</span> }] : []),
      ]} />
      {error ? <ErrorAlert error={error} /> : null}
      {geo === undefined ? <Skeleton active /> : !geo || geo.features.length === 0 ? (
        <Empty description={t('map.none')} data-testid="map-empty" />
      ) : (
        <Row gutter={16}>
          <Col xs={24} lg={15}>
            <Suspense fallback={<div style={{ height: 420 }}>{t('dash.chartLoading')}</div>}>
              <MapChart mapName={`ms-${level}-${parent?.id ?? 'city'}`} geo={geo} values={rows} label={mapLabel} format={format}
                range={range} reverse={kpi ? !kpi.higherIsBetter : false} onPick={pick} />
            </Suspense>
            <Typography.Text type="secondary">{t(level === 'township' ? 'map.hintTownship' : 'map.hintCounty')}</Typography.Text>
          </Col>
          <Col xs={24} lg={9}>
            <Table size="small" rowKey="unitId" pagination={false} dataSource={rows} data-testid="map-table" scroll={{ y: 380 }}
              caption={<span className="visually-hidden">{mapLabel}</span>}
              columns={[
                {
                  title: t(level === 'township' ? 'map.township' : 'map.county'), dataIndex: 'name',
                  render: (name: string, r) => (level === 'township' ? name : <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setParent({ id: r.unitId, name })}
                    aria-label={t('map.open', { name })} data-testid="map-drill-down">{name}</Button>),
                },
                {
                  title: metricName, dataIndex: 'value', align: 'right' as const,
                  sorter: (a, b) => (a.value ?? -1) - (b.value ?? -1), defaultSortOrder: 'descend' as const,
                  render: (v: number | null, r) => <Link to={drillHref(drillOf(r))} data-testid="map-number" aria-label={`${r.name} ${metricName} ${format(v)}`}>{format(v)}</Link>,
                },
              ]} />
          </Col>
        </Row>
      )}
    </Card>
  );
}
