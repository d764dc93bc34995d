import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  AccountKind, assertMayHoldCredits, blockPrefix, DomainError, DomainErrorCode, holdingKey, Interval, normalise, OrganisationKind, parseWholeTonnes, replayJournal,
  ReplayLine, rulePack,
} from '../../../domain/src';
import type { AnswerKey, IdempotencyClaim } from '../idempotency-claim';
import { sqlState } from '../sql-state';
import { nextCounter } from './case-projection.repository';

export interface AccountRow {
  id: string;
  accountNo: string;
  kind: AccountKind;
  organisationId: string | null;
  organisationName: string | null;
  jurisdiction: string;
}

export interface IssuedBlock {
  blockId: string;
  prefix: string;
  serialFrom: string;
  serialTo: string;
  quantity: string;
  accountNo: string;
}

export interface TransferRequest {
  /** The caller's key (Idempotency-Key): the same key never moves credits twice. */
  idempotencyKey: string;
  fromAccountNo: string;
  toAccountNo: string;
  /** Whole tonnes, as a string. */
  quantity: string;
  /** Which credits: by project, vintage or block; lowest serials of the oldest block first. */
  filter?: { projectId?: string; vintage?: number; blockPrefix?: string };
  reason: string;
  actor: { userId: string; name: string };
  /** ROLE-1: the organisation on whose behalf the movement is asked; it must own the source account (unset: the registry's own operation). */
  moverOrganisationId?: string;
  at: Date;
}

export interface MovedRange {
  prefix: string;
  serialFrom: string;
  serialTo: string;
  quantity: string;
}

export interface TransferResult {
  entryId: string;
  idempotencyKey: string;
  fromAccountNo: string;
  toAccountNo: string;
  quantity: string;
  ranges: MovedRange[];
  /** ISO 8601, UTC, milliseconds. */
  occurredAt: string;
}

const ACCOUNT = `a.id, a.account_no AS "accountNo", a.kind, a.organisation_id AS "organisationId", o.name AS "organisationName", a.jurisdiction`;

/**
 * The registry ledger (LED-1…LED-4). Every movement is one transaction that writes an append-only,
 * double-entry journal entry and updates the holdings it derives, under a row lock on the *source*
 * account only: movements out of one account are serialised (no overdraft, no lost update), movements
 * between different accounts run in parallel, and no two transactions wait on each other in a cycle. The
 * lock is FOR NO KEY UPDATE: the foreign-key checks of a concurrent transfer *into* the account take
 * KEY SHARE, which FOR UPDATE would block (A→B and B→A would deadlock).
 * Balances are derived from the holdings (sum of range sizes), so there is no balance column to race on.
 */
@Injectable()
export class LedgerRepository {
  constructor(private readonly db: DataSource) {}

  // --- Accounts (LED-1, ROLE-2) -------------------------------------------------------------------

  /** The organisation's account of this kind, opened on first use; ROLE-2 refuses staff organisations. */
  async openAccount(organisationId: string, kind: AccountKind = 'holding', m: EntityManager = this.db.manager): Promise<AccountRow> {
    const found = await this.accountOf(m, organisationId, kind);
    if (found) return found;
    const [owner] = await m.query(`SELECT name, kind, jurisdiction FROM organisations WHERE id = $1`, [organisationId]);
    if (!owner) throw new DomainError('NOT_FOUND', `No organisation ${organisationId}.`);
    assertMayHoldCredits(kind, { name: owner.name, kind: owner.kind as OrganisationKind });
    const seq = await nextCounter(m, `${owner.jurisdiction}-ACC`, 0);
    await m.query(
      `INSERT INTO ledger_accounts (account_no, kind, organisation_id, jurisdiction) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organisation_id, kind) WHERE organisation_id IS NOT NULL DO NOTHING`,
      [rulePack(owner.jurisdiction).numbers.accountNumber(seq), kind, organisationId, owner.jurisdiction],
    );
    return (await this.accountOf(m, organisationId, kind))!;
  }

  private async accountOf(m: EntityManager, organisationId: string, kind: AccountKind): Promise<AccountRow | undefined> {
    const [row] = await m.query(`SELECT ${ACCOUNT} FROM ledger_accounts a LEFT JOIN organisations o ON o.id = a.organisation_id WHERE a.organisation_id = $1 AND a.kind = $2`, [organisationId, kind]);
    return row;
  }

  /** The registry's own account of a kind (issuance source, cancellation, clawback) for a jurisdiction. */
  private async systemAccount(m: EntityManager, jurisdiction: string, kind: AccountKind): Promise<string> {
    await m.query(
      `INSERT INTO ledger_accounts (account_no, kind, jurisdiction) VALUES ($1, $2, $3)
       ON CONFLICT (jurisdiction, kind) WHERE organisation_id IS NULL DO NOTHING`,
      [`${jurisdiction}-SYS-${kind.toUpperCase()}`, kind, jurisdiction],
    );
    const [row] = await m.query(`SELECT id FROM ledger_accounts WHERE jurisdiction = $1 AND kind = $2 AND organisation_id IS NULL`, [jurisdiction, kind]);
    return row.id as string;
  }

  async account(accountNo: string): Promise<AccountRow | null> {
    const [row] = await this.db.query(`SELECT ${ACCOUNT} FROM ledger_accounts a LEFT JOIN organisations o ON o.id = a.organisation_id WHERE a.account_no = $1`, [accountNo]);
    return row ?? null;
  }

  /** An organisation's accounts with their balances (derived from the holdings). */
  accountsOf(organisationId: string | null): Promise<(AccountRow & { balance: string })[]> {
    return this.db.query(
      `SELECT ${ACCOUNT}, COALESCE((SELECT sum(h.serial_to - h.serial_from + 1) FROM holdings h WHERE h.account_id = a.id), 0)::text AS balance
       FROM ledger_accounts a LEFT JOIN organisations o ON o.id = a.organisation_id
       WHERE ($1::uuid IS NULL OR a.organisation_id = $1) ORDER BY a.account_no`,
      [organisationId],
    );
  }

  // --- Issuance (BJ-23, LED-2) --------------------------------------------------------------------

  /**
   * Issues an issuance case's credits into the developer's holding account as one serial block, and
   * marks the case issued, in one transaction. Idempotent per case: the block is unique per case in the
   * schema, so a retried activity, a worker killed mid-way or a duplicated Update finds the block
   * already there (or, if racing, loses on the unique index and reads it) and issues nothing more.
   * A quantity of 0 (BJ-23: excess ≥ audited) issues no block.
   */
  async issue(req: { caseNo: string; quantity: string; signedOffBy: { userId: string; name: string }; at: string }): Promise<IssuedBlock | null> {
    try {
      return await this.db.transaction((m) => this.issueIn(m, req));
    } catch (e) {
      if (isUniqueViolation(e)) return this.db.transaction((m) => this.issueIn(m, req)); // a racing duplicate won: read its block
      throw e;
    }
  }

  private async issueIn(m: EntityManager, req: { caseNo: string; quantity: string; signedOffBy: { userId: string; name: string }; at: string }): Promise<IssuedBlock | null> {
    const [c] = await m.query(
      `SELECT c.status, c.organisation_id, c.project_id, c.vintage, c.jurisdiction, p.registration_no, p.supervision_status
       FROM issuance_cases c JOIN projects p ON p.id = c.project_id WHERE c.case_no = $1 FOR NO KEY UPDATE OF c, p`,
      [req.caseNo],
    );
    if (!c) throw new DomainError('NOT_FOUND', `No issuance case ${req.caseNo}.`);
    // Checked under the case's row lock, so a concurrent duplicate waits, then finds what the first issued.
    if (c.status === 'issued') return this.blockOfCase(m, req.caseNo);
    if (c.supervision_status !== 'active') {
      throw new DomainError('WRONG_STATE', `BJ-29: the project is ${c.supervision_status}; issuance is held until it is restored.`, { supervisionStatus: c.supervision_status });
    }
    const quantity = req.quantity === '0' ? null : parseWholeTonnes(req.quantity, 'quantity').toFixed();
    let block: IssuedBlock | null = null;
    if (quantity) {
      const account = await this.openAccount(c.organisation_id, 'holding', m);
      const source = await this.systemAccount(m, c.jurisdiction, 'issuance');
      const [{ seq }] = await m.query(`SELECT count(*)::int + 1 AS seq FROM credit_blocks WHERE project_id = $1`, [c.project_id]);
      const prefix = blockPrefix(c.registration_no, c.vintage, seq);
      const [{ id: blockId }] = await m.query(
        `INSERT INTO credit_blocks (prefix, project_id, issuance_case_no, vintage, issuance_seq, quantity, issued_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [prefix, c.project_id, req.caseNo, c.vintage, seq, quantity, req.at],
      );
      const entryId = await this.insertEntry(m, {
        key: `issuance/${req.caseNo}`, kind: 'issuance', caseNo: req.caseNo, actor: req.signedOffBy, at: req.at,
        reason: `BJ-23: ${quantity} t issued for ${req.caseNo}, signed off by ${req.signedOffBy.name}`,
      });
      await this.insertLines(m, entryId, [
        { accountId: source, blockId, serialFrom: '1', serialTo: quantity, amount: `-${quantity}` },
        { accountId: account.id, blockId, serialFrom: '1', serialTo: quantity, amount: quantity },
      ]);
      await m.query(`INSERT INTO holdings (account_id, block_id, serial_from, serial_to) VALUES ($1, $2, 1, $3)`, [account.id, blockId, quantity]);
      block = { blockId, prefix, serialFrom: '1', serialTo: quantity, quantity, accountNo: account.accountNo };
    }
    await m.query(
      `UPDATE issuance_cases SET status = 'issued', issued_tco2e = $2, block_id = $3, signed_off_by = $4, deadline_kind = NULL, deadline_at = NULL,
         deadline_local = NULL, deadline_binds_on = NULL, calendar_version = NULL, deadline_provisional = false, updated_at = now()
       WHERE case_no = $1`,
      [req.caseNo, req.quantity, block?.blockId ?? null, req.signedOffBy.userId],
    );
    return block;
  }

  private async blockOfCase(m: EntityManager, caseNo: string): Promise<IssuedBlock | null> {
    const [b] = await m.query(
      `SELECT b.id AS "blockId", b.prefix, '1' AS "serialFrom", b.quantity::text AS "serialTo", b.quantity::text AS quantity, a.account_no AS "accountNo"
       FROM credit_blocks b JOIN journal_entries e ON e.idempotency_key = 'issuance/' || b.issuance_case_no
       JOIN journal_lines l ON l.entry_id = e.id AND l.amount > 0 JOIN ledger_accounts a ON a.id = l.account_id
       WHERE b.issuance_case_no = $1`,
      [caseNo],
    );
    return b ?? null;
  }

  // --- Movements: transfers now; the exchange hand-off, cancellation and clawback later (LED-2, LED-3, ROLE-1/2) --

  /** A holder's transfer to another holder's account (LED-2: lowest serials of the oldest block first). */
  async transfer(req: TransferRequest): Promise<TransferResult> {
    const outcome = await this.move('transfer', req);
    if ('answered' in outcome) throw new Error('a movement without an answer key was answered from the idempotency store');
    return outcome.moved;
  }

  /**
   * The same, with the HTTP request's Idempotency-Key claimed and its answer kept in the movement's own transaction
   * (one round trip for all three); or the store's verdict on the key, with nothing moved.
   */
  transferAnswered(req: TransferRequest, answer: AnswerKey): Promise<{ moved: TransferResult } | { answered: Exclude<IdempotencyClaim, { kind: 'proceed' }> }> {
    return this.move('transfer', req, answer);
  }

  /**
   * Every rule of a movement — the lock, ROLE-1/ROLE-2, which serials move, the journal and the holdings — is the SQL
   * function `ledger_move` (migration 1764100000400), one statement; its refusals (SQLSTATE LD000) come back as
   * domain errors, and nothing of a refused movement is written.
   */
  private async move(kind: 'transfer', req: TransferRequest, answer?: AnswerKey) {
    const quantity = parseWholeTonnes(req.quantity, 'quantity');
    try {
      const [{ outcome }] = await this.db.query(
        `SELECT ledger_move(p_kind => $1, p_key => $2, p_from_account_no => $3, p_to_account_no => $4, p_quantity => $5::bigint, p_reason => $6,
                p_occurred_at => $7, p_actor_user_id => $8, p_actor_name => $9, p_mover_organisation_id => $10, p_project_id => $11,
                p_vintage => $12, p_block_prefix => $13, p_answer => $14::jsonb) AS outcome`,
        [
          kind, req.idempotencyKey, req.fromAccountNo, req.toAccountNo, quantity.toFixed(), req.reason, req.at, req.actor.userId, req.actor.name,
          req.moverOrganisationId ?? null, req.filter?.projectId ?? null, req.filter?.vintage ?? null, req.filter?.blockPrefix ?? null,
          answer ? JSON.stringify(answer) : null,
        ],
      );
      return outcome as { moved: TransferResult } | { answered: Exclude<IdempotencyClaim, { kind: 'proceed' }> };
    } catch (e) {
      throw ledgerRefusal(e) ?? e;
    }
  }

  private async insertEntry(m: EntityManager, e: { key: string; kind: string; caseNo: string | null; actor: { userId: string; name: string }; at: string; reason: string }): Promise<string> {
    const [{ id }] = await m.query(
      `INSERT INTO journal_entries (idempotency_key, kind, reason, case_no, actor_user_id, actor_name, occurred_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::text`,
      [e.key, e.kind, e.reason, e.caseNo, e.actor.userId, e.actor.name, e.at],
    );
    return id as string;
  }

  private async insertLines(m: EntityManager, entryId: string, lines: Omit<ReplayLine, 'entryId'>[]): Promise<void> {
    await m.query(
      `INSERT INTO journal_lines (entry_id, account_id, block_id, serial_from, serial_to, amount)
       SELECT $1, unnest($2::uuid[]), unnest($3::uuid[]), unnest($4::bigint[]), unnest($5::bigint[]), unnest($6::bigint[])`,
      [entryId, lines.map((l) => l.accountId), lines.map((l) => l.blockId), lines.map((l) => l.serialFrom), lines.map((l) => l.serialTo), lines.map((l) => l.amount)],
    );
  }

  // --- Reading the ledger (LED-4, BJ-30) ----------------------------------------------------------

  /** Holdings by project, vintage and block, with contiguous serials shown as one range. */
  async holdings(accountId: string) {
    const rows: { projectId: string; registrationNo: string; projectName: string; vintage: number; prefix: string; serialFrom: string; serialTo: string }[] = await this.db.query(
      `SELECT p.id AS "projectId", p.registration_no AS "registrationNo", p.name AS "projectName", b.vintage, b.prefix,
              h.serial_from::text AS "serialFrom", h.serial_to::text AS "serialTo"
       FROM holdings h JOIN credit_blocks b ON b.id = h.block_id JOIN projects p ON p.id = b.project_id
       WHERE h.account_id = $1 ORDER BY p.registration_no, b.vintage, b.prefix, h.serial_from`,
      [accountId],
    );
    const blocks = new Map<string, { projectId: string; registrationNo: string; projectName: string; vintage: number; prefix: string; ranges: Interval[] }>();
    for (const r of rows) {
      const b = blocks.get(r.prefix) ?? { ...r, ranges: [] };
      b.ranges.push([BigInt(r.serialFrom), BigInt(r.serialTo)]);
      blocks.set(r.prefix, b);
    }
    return [...blocks.values()].map(({ ranges, ...b }) => {
      const merged = normalise(ranges);
      return {
        projectId: b.projectId, registrationNo: b.registrationNo, projectName: b.projectName, vintage: b.vintage, blockPrefix: b.prefix,
        quantity: merged.reduce((s, [f, t]) => s + t - f + 1n, 0n).toString(),
        ranges: merged.map(([f, t]) => ({ serialFrom: f.toString(), serialTo: t.toString(), quantity: (t - f + 1n).toString() })),
      };
    });
  }

  /** Every movement of an account, newest first, each with its counterparty and serial range (LED-4). */
  movements(accountId: string, filter: { projectId?: string; limit?: number } = {}) {
    return this.db.query(
      `SELECT e.id::text AS "entryId", e.kind, e.reason, e.case_no AS "caseNo", e.occurred_at AS "occurredAt", e.actor_name AS "actorName",
              CASE WHEN l.amount > 0 THEN 'in' ELSE 'out' END AS direction, abs(l.amount)::text AS quantity,
              b.prefix AS "blockPrefix", b.vintage, p.registration_no AS "registrationNo",
              l.serial_from::text AS "serialFrom", l.serial_to::text AS "serialTo", cp.account_no AS "counterpartyAccountNo"
       FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id JOIN credit_blocks b ON b.id = l.block_id JOIN projects p ON p.id = b.project_id
       LEFT JOIN LATERAL (
         SELECT a.account_no FROM journal_lines o JOIN ledger_accounts a ON a.id = o.account_id
         WHERE o.entry_id = l.entry_id AND o.block_id = l.block_id AND o.serial_from = l.serial_from AND sign(o.amount) <> sign(l.amount) LIMIT 1
       ) cp ON true
       WHERE l.account_id = $1 AND ($2::uuid IS NULL OR b.project_id = $2)
       ORDER BY e.id DESC, l.id LIMIT $3`,
      [accountId, filter.projectId ?? null, Math.min(filter.limit ?? 200, 1000)],
    );
  }

  /** Who holds one serial now, and every movement it made (LED-2, LED-4). */
  async serial(prefix: string, serial: string) {
    const [block] = await this.db.query(`SELECT id, quantity::text FROM credit_blocks WHERE prefix = $1`, [prefix]);
    if (!block || BigInt(serial) < 1n || BigInt(serial) > BigInt(block.quantity)) throw new DomainError('NOT_FOUND', `No serial ${serial} in block ${prefix}.`);
    const [holder] = await this.db.query(
      `SELECT a.account_no AS "accountNo", a.kind, o.name AS "organisationName" FROM holdings h JOIN ledger_accounts a ON a.id = h.account_id
       LEFT JOIN organisations o ON o.id = a.organisation_id WHERE h.block_id = $1 AND $2::bigint BETWEEN h.serial_from AND h.serial_to`,
      [block.id, serial],
    );
    const history = await this.db.query(
      `SELECT e.id::text AS "entryId", e.kind, e.reason, e.occurred_at AS "occurredAt", a.account_no AS "accountNo",
              CASE WHEN l.amount > 0 THEN 'in' ELSE 'out' END AS direction
       FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id JOIN ledger_accounts a ON a.id = l.account_id
       WHERE l.block_id = $1 AND $2::bigint BETWEEN l.serial_from AND l.serial_to ORDER BY e.id, l.amount`,
      [block.id, serial],
    );
    return { blockPrefix: prefix, serial, heldBy: holder ?? null, history };
  }

  /** BJ-30: issued reductions per project, with their serial blocks. Public. */
  publicIssuances() {
    return this.db.query(
      `SELECT p.registration_no AS "registrationNo", p.name AS "projectName", o.name AS "developerName", p.supervision_status AS "projectStatus",
              sum(b.quantity)::text AS "issuedTco2e",
              json_agg(json_build_object('blockPrefix', b.prefix, 'vintage', b.vintage, 'quantity', b.quantity::text, 'serialFrom', '1',
                'serialTo', b.quantity::text, 'caseNo', c.case_no, 'periodStart', to_char(c.period_start, 'YYYY-MM-DD'),
                'periodEnd', to_char(c.period_end, 'YYYY-MM-DD'), 'issuedAt', b.issued_at) ORDER BY b.issuance_seq) AS blocks
       FROM credit_blocks b JOIN projects p ON p.id = b.project_id JOIN organisations o ON o.id = p.organisation_id
       JOIN issuance_cases c ON c.case_no = b.issuance_case_no
       GROUP BY p.id, o.name ORDER BY p.registration_no`,
    );
  }

  // --- LED-3: the ledger checks itself -------------------------------------------------------------

  /**
   * Replays the whole journal and compares with the holdings; checks issued = held + cancelled for every
   * block. An empty `violations` list is the invariant; operators can run it at any time.
   */
  async audit(): Promise<{ blocks: number; entries: number; violations: string[] }> {
    return this.db.transaction('REPEATABLE READ', async (m) => {
      const lines: ReplayLine[] = await m.query(
        `SELECT entry_id::text AS "entryId", account_id AS "accountId", block_id AS "blockId", serial_from::text AS "serialFrom",
                serial_to::text AS "serialTo", amount::text AS amount FROM journal_lines ORDER BY entry_id, amount, id`,
      );
      const sources = new Set<string>((await m.query(`SELECT id FROM ledger_accounts WHERE kind = 'issuance'`)).map((r: { id: string }) => r.id));
      const { holdings: replayed, violations } = replayJournal(lines, sources);
      const stored = new Map<string, Interval[]>();
      for (const h of await m.query(`SELECT account_id AS "accountId", block_id AS "blockId", serial_from::text AS f, serial_to::text AS t FROM holdings`)) {
        const key = holdingKey(h.accountId, h.blockId);
        stored.set(key, [...(stored.get(key) ?? []), [BigInt(h.f), BigInt(h.t)]]);
      }
      for (const key of new Set([...replayed.keys(), ...stored.keys()])) {
        const a = JSON.stringify(normalise(replayed.get(key) ?? []), big);
        const b = JSON.stringify(normalise(stored.get(key) ?? []), big);
        if (a !== b) violations.push(`holdings of ${key} are ${b} but the journal replays to ${a}`);
      }
      const blocks = await m.query(
        `SELECT b.prefix, b.quantity::text AS issued,
                COALESCE(sum(h.serial_to - h.serial_from + 1) FILTER (WHERE a.kind <> 'cancellation'), 0)::text AS held,
                COALESCE(sum(h.serial_to - h.serial_from + 1) FILTER (WHERE a.kind = 'cancellation'), 0)::text AS cancelled
         FROM credit_blocks b LEFT JOIN holdings h ON h.block_id = b.id LEFT JOIN ledger_accounts a ON a.id = h.account_id GROUP BY b.id`,
      );
      for (const b of blocks) {
        if (BigInt(b.issued) !== BigInt(b.held) + BigInt(b.cancelled)) violations.push(`block ${b.prefix}: issued ${b.issued} ≠ held ${b.held} + cancelled ${b.cancelled}`);
      }
      const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM journal_entries`);
      return { blocks: blocks.length, entries: n as number, violations };
    });
  }
}

const big = (_: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);

function isUniqueViolation(e: unknown): boolean {
  return sqlState(e) === '23505';
}

/** A refusal of `ledger_refuse` (SQLSTATE LD000: the domain code and details as JSON in DETAIL) as the domain error it is. */
function ledgerRefusal(e: unknown): DomainError | undefined {
  if (sqlState(e) !== 'LD000') return undefined;
  const err = e as { message: string; detail?: string; driverError?: { message: string; detail?: string } };
  const { code, details } = JSON.parse(err.driverError?.detail ?? err.detail ?? '{}') as { code: DomainErrorCode; details: Record<string, unknown> | null };
  return new DomainError(code, err.driverError?.message ?? err.message, details ?? undefined);
}
