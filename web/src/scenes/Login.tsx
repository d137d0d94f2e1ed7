import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { LanguageSwitcher } from '../components/LanguageSwitcher.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';

/** POST /api/auth/login; then back where the user was going, or home. */
export function Login() {
  const { t } = useI18n();
  const { me, login, expired } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as { from?: string; loggedOut?: boolean };
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  if (me) return <Navigate to={state.from ?? '/'} replace />;

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      await login(values.username.trim(), values.password);
      navigate(state.from ?? '/', { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" style={{ minHeight: '100%', display: 'grid', placeItems: 'center', background: 'linear-gradient(160deg,#7f1416 0%,#b71c1c 45%,#f5f5f5 45%)' }}>
      <Card style={{ width: 380, maxWidth: '92vw' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{t('app.title')}</Typography.Title>
        </div>
        <Typography.Title level={2} style={{ fontSize: 16, marginTop: 4 }}>{t('login.title')}</Typography.Title>
        {expired ? <Alert type="warning" showIcon message={t('login.expired')} style={{ marginBottom: 12 }} /> : null}
        {state.loggedOut && !expired ? <Alert type="success" showIcon message={t('login.loggedOut')} style={{ marginBottom: 12 }} /> : null}
        <Form layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
          <Form.Item label={t('login.username')} name="username" rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
            <Input autoFocus autoComplete="username" data-testid="username" />
          </Form.Item>
          <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" data-testid="password" />
          </Form.Item>
          {error ? <div style={{ marginBottom: 12 }}><ErrorAlert error={error} /></div> : null}
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">{t('login.submit')}</Button>
        </Form>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 16, gap: 8 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('login.demo')}</Typography.Text>
          <LanguageSwitcher />
        </div>
      </Card>
    </main>
  );
}
