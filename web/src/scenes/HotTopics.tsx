import { Card, Col, Empty, Row, Segmented, Skeleton, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import * as api from '../api/endpoints.ts';
import type { HotTopicSummary } from '../api/types.ts';
import EChart, { type ChartOption } from '../components/EChart.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { UnitTreeSelect } from '../components/UnitTreeSelect.tsx';
import { useI18n } from '../i18n/index.tsx';

const windows = ['1d', '7d', '30d'] as const;

function Trend({ topic, label }: { topic: HotTopicSummary; label: string }) {
  const option = useMemo<ChartOption>(() => ({
    grid: { left: 28, right: 8, top: 8, bottom: 20 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: topic.trend.map((d) => d.day.slice(5)), axisLabel: { fontSize: 10 } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 10 } },
    series: [{ type: 'line', data: topic.trend.map((d) => d.count), areaStyle: { opacity: 0.15 }, color: '#b71c1c' }],
  }), [topic]);
  return <EChart option={option} height={110} label={label} />;
}

/**
 * Hot topics (热点): recent appeals about the same problem at the same
 * place, ranked by how many of them the user may see, each with its daily
 * trend, main words, region and up to three representative titles.
 */
export default function HotTopics() {
  const { t, dateTime } = useI18n();
  const [span, setSpan] = useState<(typeof windows)[number]>('7d');
  const [unit, setUnit] = useState<number>();
  const [items, setItems] = useState<HotTopicSummary[]>();
  const [error, setError] = useState<unknown>();

  const load = useCallback(() => {
    setError(undefined);
    api.listHotTopics({ window: span, unit, limit: 30 }).then((r) => setItems(r.items)).catch(setError);
  }, [span, unit]);
  useEffect(load, [load]);

  return (
    <div className="page">
      <Typography.Title level={1} style={{ fontSize: 22 }}>{t('hot.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('hot.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented
          aria-label={t('hot.window')}
          value={span}
          onChange={(v) => setSpan(v as (typeof windows)[number])}
          options={windows.map((w) => ({ value: w, label: t(`hot.window.${w}`) }))}
        />
        <div style={{ minWidth: 240 }}>
          <UnitTreeSelect value={unit} onChange={(v) => setUnit(typeof v === 'number' ? v : undefined)} aria-label={t('hot.unit')} />
        </div>
      </Space>
      {error ? <ErrorAlert error={error} onRetry={load} /> : null}
      {items && items.length === 0 ? <Empty description={t('hot.empty')} /> : null}
      {!items && !error ? <Skeleton active /> : null}
      <div data-testid="hot-topics">
        {(items ?? []).map((topic, i) => (
          <Card key={topic.id} size="small" style={{ marginBottom: 12 }} data-testid="hot-topic">
            <Row gutter={16}>
              <Col xs={24} md={14}>
                <Space wrap>
                  <Typography.Text strong>{i + 1}. {topic.label}</Typography.Text>
                  {topic.region ? <Tag>{topic.region}</Tag> : null}
                  {topic.alertedAt ? <Tag color="red">{t('hot.surging')}</Tag> : null}
                </Space>
                <div style={{ margin: '4px 0' }}>
                  <Typography.Text>{t('hot.count', { n: topic.count })}</Typography.Text>
                  <Typography.Text type="secondary"> · {t('hot.last24h', { n: topic.last24h })} · {t('hot.since', { at: dateTime(topic.firstAt) })}</Typography.Text>
                </div>
                <div>{topic.terms.map((w) => <Tag key={w} color="blue">{w}</Tag>)}</div>
                <ul style={{ margin: '8px 0 0', paddingLeft: 18 }}>
                  {topic.representatives.map((r) => <li key={r.caseId}><Link to={`/cases/${r.caseId}`}>{r.title}</Link></li>)}
                </ul>
              </Col>
              <Col xs={24} md={10}>
                <Trend topic={topic} label={t('hot.trend', { label: topic.label })} />
              </Col>
            </Row>
          </Card>
        ))}
      </div>
    </div>
  );
}
