import { useEffect, useState, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { session } from '../auth/session';

/** Pages behind sign-in: without a session (or when it ends) the person signs in and comes back to this page. */
export function RequireSession({ children }: { children: ReactNode }) {
  const location = useLocation();
  const navigate = useNavigate();
  const [, rerender] = useState(0);
  const here = `${location.pathname}${location.search}`;
  useEffect(
    () =>
      session.subscribe((event) => {
        if (event === 'expired') navigate(`/login?next=${encodeURIComponent(here)}&expired=1`, { replace: true });
        else if (event === 'signed-out') navigate('/login', { replace: true });
        else rerender((n) => n + 1);
      }),
    [navigate, here],
  );
  if (!session.user()) return <Navigate to={`/login?next=${encodeURIComponent(here)}`} replace />;
  return <>{children}</>;
}
