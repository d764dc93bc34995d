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
 * the ledger refuses to open or credit such an account (the exchange's custody account excepted).
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

/**
 * LED-1, ROLE-2: a holder's transfer goes to another holder's account. Credits enter the exchange's custody
 * and the registry's own accounts (issuance, cancellation, clawback) only through the registry's operations
 * — a trading hand-off, a use that cancels them, a clawback — never by a holder's transfer.
 */
export function assertTransferDestination(account: { accountNo: string; kind: AccountKind }): void {
  if (account.kind === 'holding') return;
  throw new DomainError(
    'HOLDER_NOT_ALLOWED',
    `${account.accountNo} is a${account.kind === 'issuance' ? 'n' : ''} ${account.kind} account; credits move there only through the registry's own operations, not by transfer.`,
    { accountKind: account.kind },
  );
}
