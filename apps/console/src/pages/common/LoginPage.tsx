import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError, unwrap } from '../../api/client';
import { session, type SessionUser } from '../../auth/session';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { ErrorAlert } from '../../shared/ErrorAlert';

/** Sign in with e-mail and password (POST /auth/login); back to the page that asked for it. */
export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const next = params.get('next');
  const safeNext = next && next.startsWith('/') && !next.startsWith('//') ? next : '/';

  async function submit(values: { email: string; password: string }) {
    setBusy(true);
    setError(null);
    try {
      const tokens = unwrap(await api.POST('/auth/login', { body: values }));
      session.start({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, user: tokens.user as SessionUser });
      navigate(safeNext, { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" style={{ display: 'flex', justifyContent: 'center', alignItems: 'center', minHeight: '100vh', background: '#f5f5f5' }}>
      <Card style={{ width: 400 }}>
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
              {t('login.title')}
            </Typography.Title>
            <LanguageSwitch />
          </Space>
          {params.get('expired') && <Alert type="warning" showIcon message={t('login.expired')} />}
          <ErrorAlert error={error} />
          <Form layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item label={t('login.email')} name="email" rules={[{ required: true, type: 'email', message: t('login.emailRequired') }]}>
              <Input autoComplete="username" />
            </Form.Item>
            <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('login.submit')}
            </Button>
          </Form>
          <Link to="/public">{t('login.public')}</Link>
        </Space>
      </Card>
    </main>
  );
}
