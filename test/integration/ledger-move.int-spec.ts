import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Actor, HeldRange, takeSerials, Tonnes } from '../../libs/domain/src';
import { dataSourceOptions } from '../../libs/persistence/src/data-source';
import { LedgerRepository, TransferRequest } from '../../libs/persistence/src/repositories/ledger.repository';
import { makeRegisteredProject, makeRegistry, makeSignOffReadyCase, Registry } from '../support/fixtures';

/**
 * The movement's SQL function `ledger_move` (one round trip per transfer) against a real PostgreSQL: it takes the
 * serials the domain's specification (takeSerials) says, filters by project, vintage and block, refuses without
 * writing anything, moves once per key, and under concurrency never overdraws an account nor deadlocks.
 */
describe('ledger_move: a movement in one round trip (PostgreSQL)', () => {
  let db: DataSource;
  let ledger: LedgerRepository;
  let r: Registry;

  beforeAll(async () => {
    db = await new DataSource({ ...dataSourceOptions(), extra: { max: 24 } }).initialize();
    ledger = new LedgerRepository(db);
    r = await makeRegistry(db);
  });
  afterAll(() => db?.destroy());

  const holder = async (name: string, kind: 'developer' | 'emitter' = 'developer') => r.user(await r.org(name, kind), kind, name);
  const accountOf = async (a: Actor) => (await ledger.openAccount(a.organisationId)).accountNo;
  async function issue(owner: Actor, quantity: string, projectId?: string, period?: { start: string; end: string }) {
    const project = projectId ?? (await makeRegisteredProject(db, r, owner)).projectId;
    const caseNo = await makeSignOffReadyCase(db, r, project, owner, period);
    const block = (await ledger.issue({ caseNo, quantity, signedOffBy: { userId: r.bureau.userId, name: r.bureau.name }, at: new Date().toISOString() }))!;
    return { ...block, projectId: project };
  }
  const request = (from: string, to: string, quantity: string, extra: Partial<TransferRequest> = {}): TransferRequest => ({
    idempotencyKey: randomUUID(), fromAccountNo: from, toAccountNo: to, quantity, reason: 'sale', actor: { userId: r.developer.userId, name: 'Dev' }, at: new Date(), ...extra,
  });
  const transfer = (from: string, to: string, quantity: string, extra: Partial<TransferRequest> = {}) => ledger.transfer(request(from, to, quantity, extra));
  /** An account's ranges now, as [prefix, from, to], in serial order. */
  const ranges = async (accountNo: string, m: { query(sql: string, params?: unknown[]): Promise<any> } = db): Promise<string[][]> =>
    (await m.query(
      `SELECT b.prefix, h.serial_from::text AS f, h.serial_to::text AS t FROM holdings h JOIN credit_blocks b ON b.id = h.block_id
       JOIN ledger_accounts a ON a.id = h.account_id WHERE a.account_no = $1 ORDER BY b.prefix, h.serial_from`, [accountNo],
    )).map((x: { prefix: string; f: string; t: string }) => [x.prefix, x.f, x.t]);
  /** Ranges as [prefix, from, to] in prefix then serial order (prefixes carry random tags: issuance order is not prefix order). */
  const sorted = (rs: string[][]) => [...rs].sort((a, b) => (a[0] === b[0] ? Number(a[1]) - Number(b[1]) : a[0]! < b[0]! ? -1 : 1));
  const written = async () => {
    const [c] = await db.query(`SELECT (SELECT count(*) FROM journal_entries)::int AS entries, (SELECT count(*) FROM journal_lines)::int AS lines,
      (SELECT count(*) FROM holdings)::int AS holdings, (SELECT count(*) FROM idempotency_keys)::int AS keys`);
    return c;
  };

  describe('LED-2: the serials takeSerials specifies (the same cases as its unit test)', () => {
    // The holder of serials.spec.ts: block 1 (older) 1–100 whole, block 2 (newer) 41–60 only.
    let seller: string;
    let buyer: string;
    let b1: string;
    let b2: string;
    let held: HeldRange[];
    beforeAll(async () => {
      const owner = await holder('Spec Seller');
      seller = await accountOf(owner);
      buyer = await accountOf(await holder('Spec Buyer', 'emitter'));
      b1 = (await issue(owner, '100')).prefix;
      const second = await issue(owner, '60', undefined);
      b2 = second.prefix;
      await transfer(seller, await accountOf(await holder('Spec Other', 'emitter')), '40', { filter: { blockPrefix: b2 } });
      held = await db.query(
        `SELECT h.id::text AS "holdingId", b.prefix AS "blockId", h.serial_from::text AS "serialFrom", h.serial_to::text AS "serialTo"
         FROM holdings h JOIN credit_blocks b ON b.id = h.block_id JOIN ledger_accounts a ON a.id = h.account_id
         WHERE a.account_no = $1 ORDER BY b.issued_at, b.prefix, h.serial_from`, [seller],
      );
      expect(held.map((h) => [h.blockId, h.serialFrom, h.serialTo])).toEqual([[b1, '1', '100'], [b2, '41', '60']]);
    });

    /** What ledger_move moves and leaves, in a transaction rolled back afterwards, so every case starts from the same holdings. */
    async function bySql(quantity: string) {
      const runner = db.createQueryRunner();
      await runner.startTransaction();
      try {
        const [{ outcome }] = await runner.query(
          `SELECT ledger_move(p_kind => 'transfer', p_key => $1, p_from_account_no => $2, p_to_account_no => $3, p_quantity => $4, p_reason => 'spec', p_occurred_at => now()) AS outcome`,
          [randomUUID(), seller, buyer, quantity],
        );
        return { moved: sorted(outcome.moved.ranges.map((x: { prefix: string; serialFrom: string; serialTo: string }) => [x.prefix, x.serialFrom, x.serialTo])), kept: await ranges(seller, runner) };
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    }
    function bySpec(quantity: string) {
      const takes = takeSerials(held, new Tonnes(quantity));
      const taken = new Set(takes.map((t) => t.holdingId));
      return {
        moved: sorted(takes.map((t) => [t.blockId, t.serialFrom, t.serialTo])),
        kept: sorted([
          ...held.filter((h) => !taken.has(h.holdingId)).map((h) => [h.blockId, h.serialFrom, h.serialTo]),
          ...takes.filter((t) => t.remainder).map((t) => [t.blockId, t.remainder!.serialFrom, t.remainder!.serialTo]),
        ]),
      };
    }

    it.each([
      ['a partial movement splits the range: the lower serials move, the upper stay', '30'],
      ['a movement larger than one range takes it whole and continues into the next block', '105'],
      ['taking exactly everything leaves nothing', '120'],
      ['one tonne', '1'],
    ])('LED-2: %s (%s t)', async (_, quantity) => {
      expect(await bySql(quantity)).toEqual(bySpec(quantity));
    });

    it('LED-3: more than is held is refused as the specification refuses it, and nothing is written', async () => {
      const before = await written();
      const spec = (() => {
        try {
          return takeSerials(held, new Tonnes('121'));
        } catch (e) {
          return e;
        }
      })();
      await expect(transfer(seller, buyer, '121')).rejects.toMatchObject({
        code: 'INSUFFICIENT_HOLDINGS', message: (spec as Error).message, details: { available: '120', requested: '121' },
      });
      expect(await written()).toEqual(before);
      expect(await ranges(seller)).toEqual(sorted([[b1, '1', '100'], [b2, '41', '60']]));
    });

    it('LED-2: a filter by block splits that block in the middle of the serials the account holds', async () => {
      expect((await bySql('5')).moved).toEqual([[b1, '1', '5']]);
      const t = await transfer(seller, buyer, '5', { filter: { blockPrefix: b2 } });
      expect(t.ranges).toEqual([{ prefix: b2, serialFrom: '41', serialTo: '45', quantity: '5' }]);
      expect(await ranges(seller)).toEqual(sorted([[b1, '1', '100'], [b2, '46', '60']]));
      expect(await ranges(buyer)).toEqual([[b2, '41', '45']]);
    });
  });

  it('LED-2: filters by project and by vintage take only matching credits, oldest first', async () => {
    const owner = await holder('Filter Seller');
    const from = await accountOf(owner);
    const to = await accountOf(await holder('Filter Buyer', 'emitter'));
    const v2025 = await issue(owner, '10');
    const v2026 = await issue(owner, '10', v2025.projectId, { start: '2026-01-01', end: '2026-12-31' });
    const other = await issue(owner, '10');
    expect((await transfer(from, to, '3', { filter: { vintage: 2026 } })).ranges).toEqual([{ prefix: v2026.prefix, serialFrom: '1', serialTo: '3', quantity: '3' }]);
    expect((await transfer(from, to, '12', { filter: { projectId: v2025.projectId } })).ranges).toEqual([
      { prefix: v2025.prefix, serialFrom: '1', serialTo: '10', quantity: '10' },
      { prefix: v2026.prefix, serialFrom: '4', serialTo: '5', quantity: '2' },
    ]);
    await expect(transfer(from, to, '6', { filter: { projectId: v2025.projectId } })).rejects.toMatchObject({ code: 'INSUFFICIENT_HOLDINGS', details: { available: '5' } });
    expect(await ranges(from)).toEqual(sorted([[v2026.prefix, '6', '10'], [other.prefix, '1', '10']]));
  });

  it('a refusal leaves nothing written: unknown account, the same account, a system account, a staff organisation, another organisation (ROLE-1/ROLE-2, LED-1)', async () => {
    const owner = await holder('Refused Seller');
    const from = (await issue(owner, '10')).accountNo;
    const to = await accountOf(await holder('Refused Buyer', 'emitter'));
    await db.query(`INSERT INTO ledger_accounts (account_no, kind, jurisdiction) VALUES ('BJ-SYS-CANCELLATION', 'cancellation', 'BJ') ON CONFLICT DO NOTHING`);
    // An emitter whose organisation later became a verifier: its holding account stays, but may no longer be credited (ROLE-2).
    const turned = await holder('Turned Verifier', 'emitter');
    const turnedAccount = await accountOf(turned);
    await db.query(`UPDATE organisations SET kind = 'verifier' WHERE id = $1`, [turned.organisationId]);
    const before = await written();
    const answer = { scope: randomUUID().replace(/-/g, '').padEnd(64, '0'), caller: owner.userId, operation: 'POST /accounts/:accountNo/transfers', fingerprint: 'f'.repeat(64), statusCode: 201 };
    const refusals: [Partial<TransferRequest>, string, RegExp][] = [
      [{ toAccountNo: 'BJ-ACC-NOPE' }, 'NOT_FOUND', /^No account BJ-ACC-NOPE to transfer to\.$/],
      [{ toAccountNo: from }, 'VALIDATION_FAILED', /two different accounts/],
      [{ toAccountNo: 'BJ-SYS-CANCELLATION' }, 'HOLDER_NOT_ALLOWED', /registry's own operations, not by transfer/],
      [{ toAccountNo: turnedAccount }, 'HOLDER_NOT_ALLOWED', /^ROLE-2: Turned Verifier.* is a verifier organisation/],
      [{ moverOrganisationId: r.otherDeveloper.organisationId }, 'NOT_FOUND', new RegExp(`^No account ${from}\\.$`)],
      [{ quantity: '11' }, 'INSUFFICIENT_HOLDINGS', /^LED-3/],
    ];
    for (const [change, code, message] of refusals) {
      await expect(ledger.transferAnswered({ ...request(from, to, '5'), ...change }, answer)).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
    }
    expect(await written()).toEqual(before); // no journal entry or line, no holding changed, and the claimed key rolled back too
    expect(await ranges(from)).toEqual([[expect.any(String), '1', '10']]);
  });

  it('idempotency: the same key twice, at once and again later, moves once and answers the same movement; the HTTP answer is kept with it', async () => {
    const owner = await holder('Key Seller');
    const from = (await issue(owner, '50')).accountNo;
    const to = await accountOf(await holder('Key Buyer', 'emitter'));
    const req = request(from, to, '7');
    const answer = { scope: randomUUID().replace(/-/g, '').padEnd(64, '0'), caller: owner.userId, operation: 'POST /accounts/:accountNo/transfers', fingerprint: 'a'.repeat(64), statusCode: 201 };
    const [a, b] = await Promise.all([ledger.transferAnswered(req, answer), ledger.transferAnswered(req, answer)]);
    const moved = 'moved' in a ? a.moved : 'moved' in b ? b.moved : undefined;
    expect(moved).toBeDefined();
    // The second waited for the first's transaction, then found the answer kept under the key (or the same movement).
    for (const x of [a, b]) expect('moved' in x ? x.moved : x.answered).toEqual('moved' in x ? moved : { kind: 'replay', statusCode: 201, response: moved });
    expect(await ledger.transferAnswered(req, answer)).toEqual({ answered: { kind: 'replay', statusCode: 201, response: moved } });
    expect(await ledger.transferAnswered(req, { ...answer, fingerprint: 'b'.repeat(64) })).toEqual({ answered: { kind: 'mismatch' } });
    // Without the HTTP key, the journal's key alone: the same movement again, another one refused.
    expect(await ledger.transfer(req)).toEqual(moved);
    await expect(ledger.transfer({ ...req, quantity: '8' })).rejects.toMatchObject({ code: 'DUPLICATE', message: expect.stringContaining(`(7 t from ${from} to ${to})`) });
    expect(await ranges(to)).toEqual([[expect.any(String), '1', '7']]);
  });

  it('LED-3: 20 concurrent transfers out of one account that together exceed its holding: exactly those that fit move, none overdraws', async () => {
    const owner = await holder('Crowd Seller');
    const from = (await issue(owner, '100')).accountNo;
    const buyers = await Promise.all(Array.from({ length: 20 }, async (_, i) => accountOf(await holder(`Crowd Buyer ${i}`, 'emitter'))));
    // 20 × 7 t = 140 t asked of 100 t: whatever the order, 14 fit (98 t) and 6 are refused.
    const outcomes = await Promise.allSettled(buyers.map((to) => transfer(from, to, '7')));
    const moved = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused.map((o) => o.reason.code)).toEqual(Array(6).fill('INSUFFICIENT_HOLDINGS'));
    expect(moved).toHaveLength(14);
    expect(await ranges(from)).toEqual([[expect.any(String), '99', '100']]);
    const received = (await Promise.all(buyers.map((b) => ranges(b)))).flat();
    expect(received.map(([, f, t]) => Number(t) - Number(f) + 1).reduce((s, n) => s + n, 0)).toBe(98);
    expect((await ledger.audit()).violations).toEqual([]);
  });

  it('LED-3: A→B and B→A at the same time, many times over, never deadlock and lose nothing', async () => {
    const a = await holder('Swap A');
    const b = await holder('Swap B');
    const accountA = (await issue(a, '500')).accountNo;
    const accountB = (await issue(b, '500')).accountNo;
    const rounds = Array.from({ length: 40 }, (_, i) => i);
    const results = await Promise.allSettled(rounds.flatMap((i) => [transfer(accountA, accountB, String(1 + (i % 9))), transfer(accountB, accountA, String(1 + ((i * 7) % 9)))]));
    expect(results.filter((x) => x.status === 'rejected').map((x) => (x as PromiseRejectedResult).reason)).toEqual([]);
    const total = async (acc: string) => (await ranges(acc)).reduce((s: number, [, f, t]: string[]) => s + Number(t) - Number(f) + 1, 0);
    expect((await total(accountA)) + (await total(accountB))).toBe(1000);
    expect((await ledger.audit()).violations).toEqual([]);
  });

  it('LED-1: the balance check at commit reads only its own entry\'s lines, whatever plan PL/pgSQL keeps for it', async () => {
    // journal_entry_balanced's query, as PL/pgSQL runs it after a few calls: one generic plan for any entry.
    const plan = await db.transaction(async (m) => {
      await m.query(`SET LOCAL plan_cache_mode = force_generic_plan`);
      await m.query(`PREPARE balanced(bigint) AS SELECT 1 FROM journal_lines WHERE entry_id = $1 GROUP BY block_id HAVING sum(amount) <> 0`);
      const [{ 'QUERY PLAN': p }] = await m.query(`EXPLAIN (FORMAT JSON) EXECUTE balanced(1)`);
      await m.query(`DEALLOCATE balanced`);
      return JSON.stringify(p);
    });
    // A range read of the entry in (entry_id, block_id) order, not the whole journal read in block order and filtered.
    expect(plan).toContain('"Index Name":"journal_lines_entry_block"');
    expect(plan).toMatch(/"Index Cond":"\(journal_lines\.entry_id = \$1\)"|"Index Cond":"\(entry_id = \$1\)"/);
  });
});
