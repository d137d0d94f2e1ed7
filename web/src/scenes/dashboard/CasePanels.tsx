import { Card, Col, List, Row, Skeleton, Space, Statistic, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import * as api from '../../api/endpoints.ts';
import { useI18n } from '../../i18n/index.tsx';
import { drillHref, type DrillTarget } from './figures.ts';
import type { Period } from './RegionMap.tsx';

interface Item { id: number; number: string; title: string; extra?: string }

/** A count that opens its cases. */
function Figure({ title, value, to, testId }: { title: string; value: number | undefined; to: DrillTarget; testId: string }) {
  return (
    <Link to={drillHref(to)} data-testid={testId} aria-label={`${title}: ${value ?? '…'}`} style={{ display: 'block' }}>
      <Statistic title={title} value={value ?? '…'} valueStyle={{ color: '#0b4f9c' }} />
    </Link>
  );
}

function CaseList({ items, testId }: { items: Item[] | undefined; testId: string }) {
  const { t } = useI18n();
  if (!items) return <Skeleton active paragraph={{ rows: 3 }} />;
  return (
    <List size="small" data-testid={testId} locale={{ emptyText: t('panel.none') }} dataSource={items}
      renderItem={(c) => (
        <List.Item>
          <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
            <Link to={`/cases/${c.id}`}>{c.number}</Link>
            <Typography.Text ellipsis style={{ maxWidth: 420 }}>{c.title}</Typography.Text>
            {c.extra ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.extra}</Typography.Text> : null}
          </Space>
        </List.Item>
      )} />
  );
}

/**
 * 督办件 and 疑难件: how many, the newest, every number opening its cases —
 * supervised cases from the drill-down (open now; ever supervised in the
 * period), hard cases from the ledger (台账). A panel the server cannot fill
 * for this user is left out.
 */
export function CasePanels({ period, supervisedInPeriod }: { period: Period; supervisedInPeriod?: number }) {
  const { t } = useI18n();
  const [supervised, setSupervised] = useState<{ total: number; items: Item[] } | null>();
  const [hard, setHard] = useState<{ total: number; overdue: number; items: Item[] } | null>();

  useEffect(() => {
    api.drill({ metric: 'supervisedNow', limit: 6 })
      .then((d) => setSupervised({ total: d.total, items: d.cases.map((c) => ({ id: c.id, number: c.number, title: c.title })) }))
      .catch(() => setSupervised(null));
    Promise.all([api.ledger('hard'), api.ledger('hard', true)])
      .then(([l, late]) => setHard(l && {
        total: l.total,
        overdue: late?.total ?? 0,
        items: l.items.slice(0, 6).map((i) => ({ id: i.caseId, number: i.number, title: i.title, extra: i.leadUnit?.name ?? undefined })),
      }))
      .catch(() => setHard(null));
  }, []);

  return (
    <Row gutter={[12, 12]} style={{ marginTop: 16 }}>
      {supervised !== null ? (
        <Col xs={24} lg={12}>
          <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('dash.supervisedCases')}</h2>} data-testid="panel-supervised">
            <Row gutter={12}>
              <Col span={12}><Figure title={t('dash.supervisedNow')} value={supervised?.total} to={{ metric: 'supervisedNow' }} testId="supervised-now" /></Col>
              <Col span={12}><Figure title={t('panel.supervisedInPeriod')} value={supervisedInPeriod} to={{ metric: 'supervised', from: period.from, to: period.to }} testId="supervised-period" /></Col>
            </Row>
            <CaseList items={supervised?.items} testId="supervised-list" />
          </Card>
        </Col>
      ) : null}
      {hard !== null ? (
        <Col xs={24} lg={12}>
          <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('dash.hardCases')}</h2>} data-testid="panel-hard">
            <Row gutter={12}>
              <Col span={12}><Figure title={t('panel.hardOpen')} value={hard?.total} to={{ ledger: 'hard' }} testId="hard-total" /></Col>
              <Col span={12}><Figure title={t('panel.hardOverdue')} value={hard?.overdue} to={{ ledger: 'hard', overdueOnly: true }} testId="hard-overdue" /></Col>
            </Row>
            <CaseList items={hard?.items} testId="hard-list" />
          </Card>
        </Col>
      ) : null}
    </Row>
  );
}
