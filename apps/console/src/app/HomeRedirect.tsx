import { Navigate } from 'react-router';
import { session } from '../auth/session';

/** Where each role starts its day. */
const HOME: Record<string, string> = {
  officer: '/worklist',
  bureau: '/signoff',
  admin: '/worklist',
  developer: '/applications',
  verifier: '/verification',
  emitter: '/accounts',
  exchange: '/inbox',
};

export function HomeRedirect() {
  return <Navigate to={HOME[session.user()?.role ?? ''] ?? '/inbox'} replace />;
}
