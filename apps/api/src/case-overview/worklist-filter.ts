import { Actor, procedureOf, statusesWaitingFor } from '../../../../libs/domain/src';
import { WorklistFilter } from './case-overview.repository';
import { WorklistQuery } from './worklist.dto';

/**
 * What a worklist request asks for, as the repository's filter: by default the statuses in which the procedure waits
 * for the caller's side (the registry for officers and admins, the bureau for bureau users) and, for officers, their
 * own and unclaimed cases; `q` narrows it. Shared by the endpoint and `npm run bench -- scale` (which explains the SQL).
 */
export function worklistFilter(actor: Actor, q: WorklistQuery): WorklistFilter {
  const party = actor.role === 'bureau' ? 'bureau' : 'registry';
  const statuses: WorklistFilter['statuses'] = {};
  for (const type of ['registration', 'issuance'] as const) {
    if (q.caseType && q.caseType !== type) continue;
    const procedure = procedureOf('BJ', type);
    statuses[type] = q.status ? (procedure.statuses[q.status] ? [q.status] : []) : statusesWaitingFor(procedure, party);
  }
  const assigned = q.assigned ?? (actor.role === 'officer' ? 'me-or-none' : 'any');
  const officer = assigned === 'any' ? null : { id: actor.userId, mine: assigned !== 'none', unclaimed: assigned !== 'me' };
  return { statuses, officer, overdue: q.overdue, needsAttention: q.needsAttention, dueBefore: q.dueBefore };
}
