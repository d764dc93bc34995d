import { Button, Layout, Menu, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { session } from '../auth/session';
import { LanguageSwitch } from './LanguageSwitch';

/** The registry's public portal (BJ-30): no sign-in. */
export function PublicLayout() {
  const { t } = useTranslation('public');
  const location = useLocation();
  const navigate = useNavigate();
  const target = session.user() ? '/' : '/login';
  const items = [
    { key: '/public/publicity', label: <Link to="/public/publicity">{t('nav.publicity')}</Link> },
    { key: '/public/issuances', label: <Link to="/public/issuances">{t('nav.issuances')}</Link> },
    { key: '/public/projects', label: <Link to="/public/projects">{t('nav.projects')}</Link> },
  ];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('common:shell.skipToContent')}
      </a>
      <Layout.Header style={{ background: '#fff', display: 'flex', alignItems: 'center', gap: 16, paddingInline: 24 }}>
        <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
          {t('title')}
        </Typography.Text>
        <nav aria-label={t('common:shell.menu')} style={{ flex: 1, minWidth: 0 }}>
          <Menu mode="horizontal" selectedKeys={items.filter((i) => location.pathname.startsWith(i.key)).map((i) => i.key)} items={items} />
        </nav>
        <LanguageSwitch />
        {/* A link that looks like a button (antd renders <a href>), not a button inside a link: one tab stop. */}
        <Button
          type="primary"
          href={`/console${target}`}
          onClick={(e) => {
            e.preventDefault();
            navigate(target);
          }}
        >
          {session.user() ? t('nav.console') : t('nav.signIn')}
        </Button>
      </Layout.Header>
      <Layout.Content id="main" tabIndex={-1} style={{ padding: 24 }}>
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
