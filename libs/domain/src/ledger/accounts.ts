import { OrganisationKind } from '../access/roles';
import { DomainError } from '../errors';

/**
 * LED-1: accounts belong to organisations (holding accounts of developers and emitters, the exchange's
 * custody account) or to the registry itself (system accounts). Issuance is the source of every block;
 * cancellation and clawback are where credits end (BJ-25, BJ-32).
 */
export const ACCOUNT_KINDS = ['holding', 'custody', 'issuance', 'cancellation', 'clawback'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/** Who may own an account of each kind. */
const OWNERS: Record<AccountKind, readonly OrganisationKind[] | 'registry'> = {
  holding: ['developer', 'emitter'],
  custody: ['exchange'],
  issuance: 'registry',
  cancellation: 'registry',
  clawback: 'registry',
};

/**
 * ROLE-2: staff of the bureau, the registry, the exchange and verifiers cannot hold or trade credits;
 * the ledger refuses to open such an account (the exchange's custody account excepted). The schema keeps the
 * same rule (`ledger_owner_may_hold`: the accounts' trigger, and `ledger_move` when it credits an account);
 * this copy answers an application's request with a clear refusal before anything is written.
 */
export function assertMayHoldCredits(accountKind: AccountKind, owner: { name: string; kind: OrganisationKind } | null): void {
  const allowed = OWNERS[accountKind];
  if (allowed === 'registry') {
    if (owner === null) return;
    throw new DomainError('HOLDER_NOT_ALLOWED', `A ${accountKind} account belongs to the registry, not to ${owner.name}.`);
  }
  if (owner && allowed.includes(owner.kind)) return;
  throw new DomainError(
    'HOLDER_NOT_ALLOWED',
    owner
      ? `ROLE-2: ${owner.name} is a ${owner.kind} organisation; staff of the bureau, registry, exchange and verifiers cannot hold or trade credits.`
      : `A ${accountKind} account must belong to an organisation.`,
    { accountKind, ownerKind: owner?.kind ?? null },
  );
}
