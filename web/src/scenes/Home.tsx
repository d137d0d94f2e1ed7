import { Card, Col, List, Row, Skeleton, Statistic, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import * as api from '../api/endpoints.ts';
import type { CaseListItem } from '../api/types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { StateTag } from '../components/Tags.tsx';
import { useI18n } from '../i18n/index.tsx';
import { queuesFor } from '../lib/queues.ts';
import { listSearch } from './case-list-state.ts';
import { useMe } from '../session.tsx';

/** The home page: this user's queues with their counts, each opening the case list filtered to it. */
export function Home() {
  const { t, label, dateTime } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const queues = queuesFor(me);
  const [counts, setCounts] = useState<Record<string, number | undefined>>({});
  const [latest, setLatest] = useState<CaseListItem[] | undefined>();
  const [error, setError] = useState<unknown>();
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    setError(undefined);
    Promise.all(queues.map(async (q) => [q.id, (await api.listCases({ ...q.query(me), limit: 1 })).total] as const))
      .then((pairs) => live && setCounts(Object.fromEntries(pairs)))
      .catch((err) => live && setError(err));
    api.listCases({ limit: 8 }).then((l) => live && setLatest(l.items)).catch(() => live && setLatest([]));
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [me.userId, reload]);

  return (
    <div className="page">
      <Typography.Title level={1} style={{ fontSize: 22 }}>{t('home.hello', { name: me.displayName })}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('home.unit', { unit: me.unitName, roles: me.roles.map((r) => label('role', r)).join('、') })}</Typography.Paragraph>
      <section aria-labelledby="queues-title">
        <Typography.Title level={2} id="queues-title" style={{ fontSize: 18 }}>{t('home.queues')}</Typography.Title>
        {error ? <ErrorAlert error={error} onRetry={() => setReload((n) => n + 1)} /> : null}
        {queues.length === 0 ? <Typography.Text>{t('home.noQueues')}</Typography.Text> : null}
        <Row gutter={[16, 16]} role="list">
          {queues.map((q) => {
            const n = counts[q.id];
            const to = `/cases?${listSearch({ ...q.query(me), queue: q.id })}`;
            return (
              <Col key={q.id} xs={12} sm={8} md={6} xl={4} role="listitem">
                <Card
                  className="queue-card"
                  hoverable
                  size="small"
                  tabIndex={0}
                  role="link"
                  aria-label={`${t(q.label)}: ${n ?? '…'}`}
                  data-testid={`queue-${q.id}`}
                  data-count={n ?? ''}
                  onClick={() => navigate(to)}
                  onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); navigate(to); } }}
                >
                  <Statistic
                    title={t(q.label)}
                    value={n ?? '—'}
                    loading={n === undefined && !error}
                    valueStyle={q.alarm && n ? { color: '#b91c1c' } : undefined}
                  />
                </Card>
              </Col>
            );
          })}
        </Row>
      </section>
      <section aria-labelledby="latest-title" style={{ marginTop: 24 }}>
        <Typography.Title level={2} id="latest-title" style={{ fontSize: 18 }}>{t('home.recent')}</Typography.Title>
        {latest === undefined ? <Skeleton active /> : (
          <List
            bordered
            size="small"
            dataSource={latest}
            renderItem={(c) => (
              <List.Item>
                <Link to={`/cases/${c.id}`}>{c.number}</Link>
                <span style={{ flex: 1, margin: '0 12px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{c.title}</span>
                <StateTag state={c.state} />
                <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{dateTime(c.receivedAt)}</Typography.Text>
              </List.Item>
            )}
          />
        )}
      </section>
    </div>
  );
}
