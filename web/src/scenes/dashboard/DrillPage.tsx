import { Button, Card, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import * as api from '../../api/endpoints.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { figureName, parseDrill } from './figures.ts';

const PAGE = 50;

interface Row { id: number; number: string; title: string; state?: string; receivedAt?: string; count?: number; note?: string }

/**
 * 穿透: the cases behind a dashboard number — a figure through
 * GET /api/stats/drill (same period and unit or place as the number), or the
 * hard / supervised ledger. Each case opens its page.
 */
export default function DrillPage() {
  const { t, label, lang } = useI18n();
  const [search, setSearch] = useSearchParams();
  const target = parseDrill(search);
  const offset = Number(search.get('offset')) || 0;
  const [data, setData] = useState<{ total: number; hasMore: boolean; rows: Row[] }>();
  const [error, setError] = useState<unknown>();
  const key = search.toString();

  useEffect(() => {
    setData(undefined);
    setError(undefined);
    const load = target.ledger
      ? api.ledger(target.ledger, target.overdueOnly).then((l) => {
        const items = l?.items ?? [];
        return {
          total: l?.total ?? 0, hasMore: false,
          rows: items.map((i) => ({ id: i.caseId, number: i.number, title: i.title, note: i.leadUnit?.name ?? '', count: i.daysSinceReceived })),
        };
      })
      : api.drill({ metric: target.metric, unitId: target.unitId, regionId: target.regionId, from: target.from, to: target.to, limit: PAGE, offset })
        .then((d) => ({ total: d.total, hasMore: d.hasMore, rows: d.cases }));
    load.then(setData).catch(setError);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const what = target.ledger ? t(target.ledger === 'hard' ? 'dash.hardCases' : 'dash.supervisedCases') : figureName(target.metric ?? '', lang);
  const page = (o: number) => { const s = new URLSearchParams(search); s.set('offset', String(o)); setSearch(s); };
  return (
    <div className="page">
      <Typography.Title level={1} style={{ fontSize: 22 }}>{t('drill.title', { what })}</Typography.Title>
      <Typography.Paragraph type="secondary" data-testid="drill-scope">
        {[target.label, target.from && target.to ? t('dash.period', { from: target.from, to: target.to }) : null].filter(Boolean).join(' · ')}
      </Typography.Paragraph>
      {error ? <ErrorAlert error={error} /> : null}
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('drill.total', { n: data?.total ?? '…' })}</h2>}>
        <Table<Row>
          size="small" rowKey="id" loading={!data && !error} dataSource={data?.rows ?? []} pagination={false} data-testid="drill-table"
          columns={[
            { title: t('drill.number'), dataIndex: 'number', render: (v: string, r) => <Link to={`/cases/${r.id}`} data-testid="drill-case">{v}</Link> },
            { title: t('drill.caseTitle'), dataIndex: 'title' },
            target.ledger
              ? { title: t('drill.leadUnit'), dataIndex: 'note' }
              : { title: t('drill.state'), dataIndex: 'state', render: (v: string) => label('state', v) },
            target.ledger
              ? { title: t('drill.daysOpen'), dataIndex: 'count', align: 'right' as const }
              : { title: t('drill.received'), dataIndex: 'receivedAt', render: (v: string) => v?.slice(0, 10) },
            ...(target.ledger ? [] : [{ title: t('drill.count'), dataIndex: 'count', align: 'right' as const }]),
          ]}
        />
        {target.ledger ? null : (
          <Space style={{ marginTop: 12 }}>
            <Button disabled={offset === 0} onClick={() => page(Math.max(0, offset - PAGE))}>{t('drill.previous')}</Button>
            <Button disabled={!data?.hasMore} onClick={() => page(offset + PAGE)}>{t('drill.next')}</Button>
          </Space>
        )}
      </Card>
    </div>
  );
}
