import { ApiOutlined, AuditOutlined, BankOutlined, BellOutlined, FileDoneOutlined, FileSearchOutlined, GlobalOutlined, InboxOutlined, LogoutOutlined, ProfileOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Layout, Menu, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { api, unwrap } from '../api/client';
import { session, type SessionUser } from '../auth/session';
import { LanguageSwitch } from './LanguageSwitch';

/** The menu entries each role sees (ROLE-1: the API checks every request again). */
const MENU: { key: string; roles: SessionUser['role'][]; icon: React.ReactNode; label: string }[] = [
  { key: '/worklist', roles: ['officer', 'admin'], icon: <UnorderedListOutlined />, label: 'menu.worklist' },
  { key: '/signoff', roles: ['bureau'], icon: <AuditOutlined />, label: 'menu.signoff' },
  { key: '/applications', roles: ['developer'], icon: <ProfileOutlined />, label: 'menu.applications' },
  { key: '/verification', roles: ['verifier'], icon: <FileSearchOutlined />, label: 'menu.verification' },
  { key: '/accounts', roles: ['developer', 'emitter'], icon: <BankOutlined />, label: 'menu.accounts' },
  { key: '/inbox', roles: ['developer', 'verifier', 'officer', 'bureau', 'exchange', 'emitter', 'admin'], icon: <InboxOutlined />, label: 'menu.inbox' },
  { key: '/settings/notifications', roles: ['developer', 'verifier', 'officer', 'bureau', 'exchange', 'emitter', 'admin'], icon: <BellOutlined />, label: 'menu.notificationSettings' },
  { key: '/settings/webhooks', roles: ['developer', 'verifier', 'officer', 'bureau', 'exchange', 'emitter', 'admin'], icon: <ApiOutlined />, label: 'menu.webhooks' },
];

/** Unread notifications, for the badge; refreshed every minute. */
export function useUnreadCount() {
  return useQuery({
    queryKey: ['inbox'],
    queryFn: async () => unwrap(await api.GET('/me/notifications')),
    select: (items) => items.filter((n) => !n.readAt).length,
    refetchInterval: 60_000,
  });
}

export function AppShell() {
  const { t } = useTranslation();
  const user = session.user()!;
  const location = useLocation();
  const unread = useUnreadCount().data ?? 0;
  const items = MENU.filter((m) => m.roles.includes(user.role)).map((m) => ({
    key: m.key,
    icon: m.icon,
    label:
      m.key === '/inbox' ? (
        <Link to={m.key}>
          <Space>
            {t(m.label)}
            <Badge count={unread} aria-label={t('shell.unread', { count: unread })} />
          </Space>
        </Link>
      ) : (
        <Link to={m.key}>{t(m.label)}</Link>
      ),
  }));
  const selected = MENU.find((m) => location.pathname.startsWith(m.key))?.key;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="light" width={220}>
        <div style={{ padding: 16 }}>
          <Typography.Text strong>{t('shell.title')}</Typography.Text>
        </div>
        <nav aria-label={t('shell.menu')}>
          <Menu mode="inline" selectedKeys={selected ? [selected] : []} items={[...items, { key: 'public', icon: <GlobalOutlined />, label: <Link to="/public">{t('menu.public')}</Link> }]} />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', gap: 16, paddingInline: 24 }}>
          <LanguageSwitch />
          <Link to="/inbox" aria-label={t('shell.unread', { count: unread })}>
            <Badge count={unread} size="small">
              <InboxOutlined style={{ fontSize: 18 }} />
            </Badge>
          </Link>
          <Typography.Text>
            {user.name} · {t(`roles.${user.role}`)}
          </Typography.Text>
          <Button icon={<LogoutOutlined />} onClick={() => void session.signOut()}>
            {t('shell.signOut')}
          </Button>
        </Layout.Header>
        <Layout.Content id="main" tabIndex={-1} style={{ padding: 24 }}>
          <Outlet />
        </Layout.Content>
        <Layout.Footer style={{ textAlign: 'center' }}>
          <FileDoneOutlined /> {t('shell.footer')}
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
