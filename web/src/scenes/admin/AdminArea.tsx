import { Col, Menu, Result, Row, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { isAdmin } from '../../lib/roles.ts';
import { useMe } from '../../session.tsx';

const pages = {
  units: lazy(() => import('./UnitsAdmin.tsx')),
  users: lazy(() => import('./UsersAdmin.tsx')),
  categories: lazy(() => import('./CategoriesAdmin.tsx')),
  'time-limits': lazy(() => import('./TimeLimitsAdmin.tsx')),
  calendar: lazy(() => import('./CalendarAdmin.tsx')),
  knowledge: lazy(() => import('./KnowledgeAdmin.tsx')),
  'banned-words': lazy(() => import('./BannedWordsAdmin.tsx')),
  'api-keys': lazy(() => import('./ApiKeysAdmin.tsx')),
  'intake-words': lazy(() => import('./IntakeWordsAdmin.tsx')),
  routing: lazy(() => import('./RoutingAdmin.tsx')),
} as const;
export type AdminPage = keyof typeof pages;
const pageIds = Object.keys(pages) as AdminPage[];

/**
 * The administration area (/admin/…): the org tree, accounts, categories,
 * time limits, the calendar, the knowledge base, banned words and API keys.
 * Only administrators see it; the server checks every change anyway.
 */
export default function AdminArea() {
  const { t } = useI18n();
  const me = useMe();
  const location = useLocation();
  if (!isAdmin(me)) {
    return (
      <div className="page" role="alert" data-testid="admin-refused">
        <Result status="403" title={<h1 style={{ fontSize: 24, margin: 0 }}>{t('admin.refused')}</h1>} subTitle={t('admin.refusedHint')} extra={<Link to="/">{t('common.backHome')}</Link>} />
      </div>
    );
  }
  const current = pageIds.find((p) => location.pathname.startsWith(`/admin/${p}`));
  return (
    <div className="page admin-page">
      <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>{t('admin.title')}</Typography.Title>
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={5} xl={4}>
        <nav aria-label={t('admin.sections')}>
          <Menu
            mode="inline"
            selectedKeys={current ? [current] : []}
            items={pageIds.map((p) => ({ key: p, label: <Link to={`/admin/${p}`} data-testid={`admin-nav-${p}`}>{t(`admin.nav.${p}` as MessageKey)}</Link> }))}
            style={{ borderInlineEnd: 'none' }}
          />
        </nav>
        </Col>
        <Col xs={24} lg={19} xl={20}>
          <Suspense fallback={<div style={{ padding: 24 }}>{t('common.loading')}</div>}>
            <Routes>
              <Route index element={<Navigate to="units" replace />} />
              {pageIds.map((p) => {
                const Page = pages[p];
                return <Route key={p} path={p} element={<Page />} />;
              })}
              <Route path="*" element={<Navigate to="units" replace />} />
            </Routes>
          </Suspense>
        </Col>
      </Row>
    </div>
  );
}
