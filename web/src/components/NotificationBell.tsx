import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Popover, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { get, post } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';

/** One of the user's in-app notifications (GET /api/notifications). */
interface Notice { id: number; caseId: number | null; kind: string; title: string; body: string; createdAt: string; readAt: string | null }
interface NoticePage { total: number; unread: number; items: Notice[] }

/** How often the unread count is fetched while the tab is visible (no websockets). */
const POLL_MS = 60_000;

/**
 * The bell in the header: the unread count of the user's notifications
 * (站内消息), and on click the newest ones — each marks itself read when
 * opened and leads to its case, "mark all read" clears the count. Polls every
 * minute while the tab is visible and at once when it becomes visible again.
 * A failed poll keeps what was shown: the bell never gets in the way.
 */
export function NotificationBell() {
  const { t, dateTime } = useI18n();
  const navigate = useNavigate();
  const [page, setPage] = useState<NoticePage>();
  const [open, setOpen] = useState(false);
  const load = useCallback(() => {
    get<NoticePage>('/api/notifications', { limit: 10 }).then(setPage, () => undefined);
  }, []);
  useEffect(() => {
    load();
    const timer = window.setInterval(() => { if (document.visibilityState === 'visible') load(); }, POLL_MS);
    const onVisible = () => { if (document.visibilityState === 'visible') load(); };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [load]);
  const unread = page?.unread ?? 0;
  const openNotice = async (n: Notice) => {
    setOpen(false);
    if (!n.readAt) await post(`/api/notifications/${n.id}/read`).catch(() => undefined);
    load();
    if (n.caseId) navigate(`/cases/${n.caseId}`);
  };
  const readAll = async () => {
    await post('/api/notifications/read-all').catch(() => undefined);
    load();
  };
  const list = (
    <div style={{ width: 360, maxWidth: '90vw' }} data-testid="notif-list">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
        <Typography.Text strong>{t('notif.title')}</Typography.Text>
        <Button size="small" type="link" disabled={!unread} onClick={readAll} data-testid="notif-read-all">{t('notif.readAll')}</Button>
      </div>
      {page?.items.length ? (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0, maxHeight: 420, overflowY: 'auto' }}>
          {page.items.map((n) => (
            <li key={n.id} style={{ borderTop: '1px solid #f0f0f0' }}>
              <button
                type="button" className="notif-item" onClick={() => openNotice(n)} data-testid="notif-item" data-id={n.id} data-unread={!n.readAt}
                style={{ all: 'unset', boxSizing: 'border-box', display: 'block', width: '100%', padding: '8px 4px', cursor: 'pointer', background: n.readAt ? undefined : '#fff7e6' }}
              >
                <Typography.Text strong={!n.readAt} style={{ display: 'block' }}>
                  {!n.readAt ? <span className="visually-hidden">{t('notif.unread')} </span> : null}{n.title}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }} ellipsis={{ tooltip: n.body }}>{n.body}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{dateTime(n.createdAt)}</Typography.Text>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notif.empty')} />
      )}
    </div>
  );
  return (
    <Popover content={list} trigger="click" open={open} onOpenChange={(o) => { setOpen(o); if (o) load(); }} placement="bottomRight">
      <Button
        type="text" shape="circle" aria-label={t('notif.button', { n: unread })} aria-haspopup="dialog" aria-expanded={open}
        data-testid="notif-bell" data-count={page ? unread : ''}
        icon={<Badge count={unread} size="small" overflowCount={99}><BellOutlined style={{ fontSize: 18, color: '#fff' }} /></Badge>}
      />
    </Popover>
  );
}
