import type { Role } from '../access/roles';
import type { Party, Procedure } from '../cases/procedure';
import { ISSUANCE_PROCEDURE, REGISTRATION_PROCEDURE } from '../packs/case-procedures';
import { NOTIFICATION_KIND_NAMES } from './notification-kinds';

/** The role(s) a party of the procedure tables is (procedure.ts: recipientOf). */
const PARTY_ROLES: Record<Party, readonly Role[]> = {
  developer: ['developer'],
  registry: ['officer'],
  officers: ['officer'],
  bureau: ['bureau'],
  operators: ['admin'],
  assignee: ['officer'],
};

/** Kinds sent outside the procedure tables, and to whom: CAL-5 reminders, failed steps, webhook subscriptions. */
const OTHER_KINDS: Record<string, readonly Role[]> = {
  needs_attention: ['officer', 'admin'],
  deadline_reminder: ['developer', 'officer'],
  deadline_today: ['developer', 'officer'],
  webhook_disabled: ['developer', 'verifier', 'officer', 'bureau', 'exchange', 'emitter', 'admin'],
};

/** The kinds of notification a user of this role can receive, in catalogue order: what their preferences list. */
export function notificationKindsFor(role: Role): string[] {
  const procedures = [REGISTRATION_PROCEDURE, ISSUANCE_PROCEDURE] as unknown as Procedure[];
  const mine = new Set<string>();
  for (const p of procedures) for (const a of Object.values(p.actions)) for (const n of a.notify) if (PARTY_ROLES[n.to].includes(role)) mine.add(n.kind);
  for (const [kind, roles] of Object.entries(OTHER_KINDS)) if (roles.includes(role)) mine.add(kind);
  return NOTIFICATION_KIND_NAMES.filter((k) => mine.has(k));
}
