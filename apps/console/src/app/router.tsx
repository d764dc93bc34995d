import { createBrowserRouter, Navigate } from 'react-router';
import { AppShell } from './AppShell';
import { PublicLayout } from './PublicLayout';
import { HomeRedirect } from './HomeRedirect';
import { RequireSession } from './RequireSession';
import { LoginPage } from '../pages/common/LoginPage';

/** Each page is its own chunk, loaded when first visited. */
const page = (load: () => Promise<{ default: React.ComponentType }>) => ({ lazy: async () => ({ Component: (await load()).default }) });

/**
 * The console's pages under /console: the public portal needs no sign-in; everything else does (an ended session
 * returns to sign-in with the page kept in `next`). Which menu entries a role sees is AppShell's.
 */
export const router = createBrowserRouter(
  [
    { path: '/login', element: <LoginPage /> },
    {
      path: '/public',
      element: <PublicLayout />,
      children: [
        { index: true, element: <Navigate to="publicity" replace /> },
        { path: 'publicity', ...page(() => import('../pages/public/PublicityListPage')) },
        { path: 'publicity/:id', ...page(() => import('../pages/public/PublicityNoticePage')) },
        { path: 'issuances', ...page(() => import('../pages/public/IssuedReductionsPage')) },
        { path: 'projects', ...page(() => import('../pages/public/RegisteredProjectsPage')) },
      ],
    },
    {
      path: '/',
      element: (
        <RequireSession>
          <AppShell />
        </RequireSession>
      ),
      children: [
        { index: true, element: <HomeRedirect /> },
        { path: 'worklist', ...page(() => import('../pages/officer/WorklistPage')) },
        { path: 'signoff', ...page(() => import('../pages/officer/SignOffQueuePage')) },
        { path: 'cases/:caseNo', ...page(() => import('../pages/cases/CasePage')) },
        { path: 'applications', ...page(() => import('../pages/developer/ApplicationsPage')) },
        { path: 'applications/new/:caseType', ...page(() => import('../pages/developer/NewApplicationPage')) },
        { path: 'accounts', ...page(() => import('../pages/developer/AccountsPage')) },
        { path: 'accounts/:accountNo', ...page(() => import('../pages/developer/AccountPage')) },
        { path: 'verification', ...page(() => import('../pages/developer/VerificationPage')) },
        { path: 'inbox', ...page(() => import('../pages/common/InboxPage')) },
        { path: 'settings/notifications', ...page(() => import('../pages/settings/NotificationPreferencesPage')) },
        { path: 'settings/webhooks', ...page(() => import('../pages/settings/WebhooksPage')) },
        { path: '*', element: <Navigate to="/" replace /> },
      ],
    },
  ],
  { basename: '/console' },
);
