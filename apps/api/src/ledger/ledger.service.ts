import { Injectable } from '@nestjs/common';
import { Actor, DomainError, parseSerial, REGISTRY_STAFF } from '../../../../libs/domain/src';
import { AccountRow, LedgerRepository } from '../../../../libs/persistence/src';
import { Clock } from '../common/clock';
import { IdempotencyContext, KeptAnswer } from '../idempotency/idempotency.interceptor';
import { TransferDto } from './ledger.dto';

/** Accounts, holdings, movements and transfers (LED-1…LED-4). The ledger repository holds every rule about moving credits. */
@Injectable()
export class LedgerService {
  constructor(private readonly ledger: LedgerRepository, private readonly clock: Clock) {}

  /** ROLE-1: an account of another organisation is indistinguishable from no account. */
  async account(actor: Actor, accountNo: string): Promise<AccountRow> {
    const a = await this.ledger.account(accountNo);
    if (!a || (!REGISTRY_STAFF.includes(actor.role) && a.organisationId !== actor.organisationId)) throw new DomainError('NOT_FOUND', `No account ${accountNo}.`);
    return a;
  }

  accounts(actor: Actor) {
    return this.ledger.accountsOf(REGISTRY_STAFF.includes(actor.role) ? null : actor.organisationId);
  }

  /** LED-1: a developer or emitter opens its holding account (ROLE-2 refuses staff organisations). */
  open(actor: Actor) {
    return this.ledger.openAccount(actor.organisationId, 'holding');
  }

  async holdings(actor: Actor, accountNo: string) {
    const a = await this.account(actor, accountNo);
    return { account: a, holdings: await this.ledger.holdings(a.id) };
  }

  async movements(actor: Actor, accountNo: string, q: { projectId?: string; limit?: number }) {
    const a = await this.account(actor, accountNo);
    return this.ledger.movements(a.id, q);
  }

  /**
   * ROLE-1: only the holder's own people move its credits (another organisation's account answers 404, as if there
   * were none); the same Idempotency-Key never moves them twice. One database round trip: `ledger_move` checks the
   * account's owner, claims the key, moves and keeps the answer in one transaction.
   */
  async transfer(actor: Actor, accountNo: string, dto: TransferDto, idem: IdempotencyContext) {
    const req = {
      // The request's Idempotency-Key, scoped to this caller and operation (the interceptor compared the whole request).
      idempotencyKey: `transfer/${accountNo}/${idem.scope}`,
      fromAccountNo: accountNo,
      toAccountNo: dto.toAccountNo,
      quantity: dto.quantity,
      filter: { projectId: dto.projectId, vintage: dto.vintage, blockPrefix: dto.blockPrefix },
      reason: dto.reason ?? `Transfer by ${actor.name}`,
      actor: { userId: actor.userId, name: actor.name },
      moverOrganisationId: actor.organisationId,
      at: this.clock.now(),
    };
    if (!idem.answer) return this.ledger.transfer(req);
    const outcome = await this.ledger.transferAnswered(req, idem.answer);
    return 'answered' in outcome ? new KeptAnswer(outcome.answered) : outcome.moved;
  }

  serial(serial: string) {
    const { prefix, serial: n } = parseSerial(serial);
    return this.ledger.serial(prefix, n);
  }

  audit() {
    return this.ledger.audit();
  }

  publicIssuances() {
    return this.ledger.publicIssuances();
  }
}
