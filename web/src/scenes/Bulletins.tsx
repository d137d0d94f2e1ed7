import { App as AntApp, Button, Card, Form, Select, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import * as api from '../api/endpoints.ts';
import type { BulletinSummary } from '../api/types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { UnitTreeSelect } from '../components/UnitTreeSelect.tsx';
import { useI18n } from '../i18n/index.tsx';
import { has } from '../lib/roles.ts';
import { useMe } from '../session.tsx';

type Kind = 'monthly' | 'quarterly';
const PAGE = 50;

/** Today's year and month in Beijing time. */
function shanghaiToday() {
  const d = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  return { year: Number(d.slice(0, 4)), month: Number(d.slice(5, 7)) };
}

/** The last finished month or quarter: what one usually wants to make. */
function lastFinished(kind: Kind) {
  const { year, month } = shanghaiToday();
  if (kind === 'monthly') return month === 1 ? { year: year - 1, n: 12 } : { year, n: month - 1 };
  const q = Math.ceil(month / 3) - 1;
  return q === 0 ? { year: year - 1, n: 4 } : { year, n: q };
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);

/**
 * Bulletins (定期通报): the stored monthly and quarterly bulletins the user
 * may see, each opened as a printable page or downloaded as XLSX, and a form
 * to make one for a finished period (leaders, supervisors, admins, unit heads).
 */
export default function Bulletins() {
  const { t, lang, dateTime } = useI18n();
  const me = useMe();
  const { message } = AntApp.useApp();
  const canGenerate = has(me, 'admin', 'leader', 'supervisor', 'head');
  const [items, setItems] = useState<BulletinSummary[]>();
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [kind, setKind] = useState<Kind>('monthly');
  const [year, setYear] = useState(() => lastFinished('monthly').year);
  const [n, setN] = useState(() => lastFinished('monthly').n);
  const [unitId, setUnitId] = useState<number>();

  const load = useCallback((offset = 0) => {
    api.listBulletins({ limit: PAGE, offset })
      .then((r) => {
        setItems((prev) => (offset === 0 ? r.items : [...(prev ?? []), ...r.items]));
        setHasMore(r.hasMore);
      })
      .catch(setError);
  }, []);
  useEffect(() => load(0), [load]);

  const chooseKind = (k: Kind) => {
    setKind(k);
    const last = lastFinished(k);
    setYear(last.year);
    setN(last.n);
  };
  const period = kind === 'monthly' ? `${year}-${String(n).padStart(2, '0')}` : `${year}-Q${n}`;
  const thisYear = shanghaiToday().year;

  const generate = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const b = await api.generateBulletin({ period, unitId });
      message.success(t(b.created ? 'bulletin.created' : 'bulletin.exists', { period: b.period }));
      load(0);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const suffix = lang === 'en' ? '?lang=en' : lang === 'zh-Hant' ? '?lang=zh-Hant' : '';
  return (
    <div className="page">
      <Typography.Title level={1} style={{ fontSize: 22 }}>{t('bulletin.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('bulletin.intro')}</Typography.Paragraph>
      {error ? <ErrorAlert error={error} /> : null}
      {canGenerate ? (
        <Card size="small" title={t('bulletin.generate')} style={{ marginBottom: 16 }}>
          <Form layout="inline" onFinish={generate}>
            <Form.Item label={t('bulletin.kind')} htmlFor="bulletin-kind">
              <Select id="bulletin-kind" value={kind} onChange={chooseKind} style={{ width: 110 }} data-testid="bulletin-kind"
                options={(['monthly', 'quarterly'] as const).map((k) => ({ value: k, label: t(`bulletin.kind.${k}`) }))} />
            </Form.Item>
            <Form.Item label={t('bulletin.year')} htmlFor="bulletin-year">
              <Select id="bulletin-year" value={year} onChange={setYear} style={{ width: 100 }} data-testid="bulletin-year"
                options={[0, 1, 2, 3].map((i) => ({ value: thisYear - i, label: String(thisYear - i) }))} />
            </Form.Item>
            <Form.Item label={t('bulletin.period')} htmlFor="bulletin-n">
              <Select id="bulletin-n" value={n} onChange={setN} style={{ width: 120 }} data-testid="bulletin-n"
                options={Array.from({ length: kind === 'monthly' ? 12 : 4 }, (_, i) => ({
                  value: i + 1, label: t(kind === 'monthly' ? 'bulletin.month' : 'bulletin.quarter', { n: i + 1 }),
                }))} />
            </Form.Item>
            <Form.Item label={t('bulletin.unit')} htmlFor="bulletin-unit" tooltip={t('bulletin.unitHint')}>
              <div style={{ width: 240 }}>
                <UnitTreeSelect id="bulletin-unit" value={unitId} onChange={(v) => setUnitId(v as number | undefined)} aria-label={t('bulletin.unit')} />
              </div>
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="bulletin-generate">{t('bulletin.generate')} {period}</Button>
            </Form.Item>
          </Form>
        </Card>
      ) : null}
      <Table<BulletinSummary>
        rowKey="id"
        size="small"
        loading={items === undefined}
        dataSource={items ?? []}
        pagination={false}
        locale={{ emptyText: t('bulletin.empty') }}
        data-testid="bulletin-list"
        columns={[
          { title: t('bulletin.period'), dataIndex: 'period' },
          { title: t('bulletin.kind'), dataIndex: 'kind', render: (k: Kind) => t(`bulletin.kind.${k}`) },
          { title: t('bulletin.unit'), dataIndex: 'unitName' },
          { title: t('bulletin.accepted'), dataIndex: 'accepted', align: 'right' },
          { title: t('bulletin.closureRate'), dataIndex: 'closureRate', align: 'right', render: pct },
          { title: t('bulletin.satisfactionRate'), dataIndex: 'satisfactionRate', align: 'right', render: pct },
          {
            title: t('bulletin.generatedAt'), dataIndex: 'generatedAt',
            render: (v: string, b) => `${dateTime(v)}${b.generatedBy === null ? ` · ${t('bulletin.schedule')}` : ''}`,
          },
          {
            title: t('bulletin.actions'), key: 'actions',
            render: (_, b) => (
              <Space>
                <a href={`${b.htmlUrl}${suffix}`} target="_blank" rel="noopener">{t('bulletin.openHtml')}</a>
                <a href={`${b.xlsxUrl}${suffix}`} download>{t('bulletin.downloadXlsx')}</a>
              </Space>
            ),
          },
        ]}
      />
      {hasMore ? <Button style={{ marginTop: 12 }} onClick={() => load(items?.length ?? 0)}>{t('bulletin.more')}</Button> : null}
    </div>
  );
}
