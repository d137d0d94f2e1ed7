import { LogoutOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n/index.tsx';
import { canSeeDashboard, canTakeCalls, has, isAdmin } from '../lib/roles.ts';
import { useMe, useSession } from '../session.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { NotificationBell } from './NotificationBell.tsx';

/** The frame of every page after login: navigation, language, who is logged in, log out. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { t, label } = useI18n();
  const me = useMe();
  const { logout } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const items = [
    { key: '/', label: <Link to="/">{t('nav.home')}</Link> },
    { key: '/cases', label: <Link to="/cases">{t('nav.cases')}</Link> },
    ...(canTakeCalls(me) ? [{ key: '/hotline', label: <Link to="/hotline">{t('nav.hotline')}</Link> }] : []),
    ...(canSeeDashboard(me) ? [{ key: '/dashboard', label: <Link to="/dashboard">{t('nav.dashboard')}</Link> }] : []),
    ...(has(me, 'head', 'leader', 'supervisor', 'admin') ? [{ key: '/assessment', label: <Link to="/assessment">{t('nav.assessment')}</Link> }] : []),
    // Every staff member may read the bulletins of their own subtree (docs/bulletins.md).
    { key: '/bulletins', label: <Link to="/bulletins">{t('nav.bulletins')}</Link> },
    // Hot topics (热点), counted over the cases each user may see (docs/hot-topics.md).
    { key: '/hot-topics', label: <Link to="/hot-topics">{t('nav.hotTopics')}</Link> },
    ...(isAdmin(me) ? [{ key: '/admin', label: <Link to="/admin" data-testid="nav-admin">{t('nav.admin')}</Link> }] : []),
  ];
  const selected = items.map((i) => i.key).filter((k) => (k === '/' ? location.pathname === '/' : location.pathname.startsWith(k)));
  return (
    <Layout style={{ minHeight: '100%' }}>
      <a className="skip-link" href="#main">{t('app.skip')}</a>
      <Layout.Header className="app-header">
        <Link to="/" className="brand" title={t('app.title')} aria-label={t('app.title')}>{t('app.short')}</Link>
        <nav aria-label={t('nav.main')} style={{ flex: 1, minWidth: 0 }}>
          <Menu theme="dark" mode="horizontal" selectedKeys={selected} items={items} style={{ background: 'transparent' }} />
        </nav>
        <Space size="middle">
          <NotificationBell />
          <LanguageSwitcher dark />
          <span className="user" aria-label={t('nav.user')} data-testid="current-user">
            <span className="user-name">{me.displayName}</span>
            <span className="user-meta" title={`${me.unitName} · ${me.roles.map((r) => label('role', r)).join('、')}`}>
              {me.unitName} · {me.roles.map((r) => label('role', r)).join('、')}
            </span>
          </span>
          <Button
            icon={<LogoutOutlined />}
            onClick={async () => {
              await logout();
              navigate('/login', { state: { loggedOut: true } });
            }}
          >
            {t('nav.logout')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content>
        <main id="main" tabIndex={-1}>{children}</main>
      </Layout.Content>
    </Layout>
  );
}
