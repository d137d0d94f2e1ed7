import { LogoutOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n/index.tsx';
import { canSeeDashboard, canTakeCalls } from '../lib/roles.ts';
import { useMe, useSession } from '../session.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';

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
  ];
  const selected = items.map((i) => i.key).filter((k) => (k === '/' ? location.pathname === '/' : location.pathname.startsWith(k)));
  return (
    <Layout style={{ minHeight: '100%' }}>
      <a className="skip-link" href="#main">{t('app.skip')}</a>
      <Layout.Header className="app-header">
        <Link to="/" className="brand">{t('app.title')}</Link>
        <nav aria-label={t('nav.main')} style={{ flex: 1, minWidth: 0 }}>
          <Menu theme="dark" mode="horizontal" selectedKeys={selected} items={items} style={{ background: 'transparent' }} />
        </nav>
        <Space size="middle">
          <LanguageSwitcher dark />
          <span className="user" aria-label={t('nav.user')} data-testid="current-user">
            {me.displayName} · {me.unitName} · {me.roles.map((r) => label('role', r)).join('、')}
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
