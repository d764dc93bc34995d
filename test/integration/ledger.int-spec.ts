import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '../../libs/domain/src';
import { dataSourceOptions } from '../../libs/persistence/src/data-source';
import { LedgerRepository } from '../../libs/persistence/src/repositories/ledger.repository';
import { makeRegisteredProject, makeRegistry, makeSignOffReadyCase, Registry } from '../support/fixtures';

/** The registry ledger against a real PostgreSQL: serial blocks, transfers, ROLE-2, idempotency and LED-3 under concurrency. */
describe('registry ledger (PostgreSQL)', () => {
  let db: DataSource;
  let ledger: LedgerRepository;
  let r: Registry;

  beforeAll(async () => {
    db = await new DataSource({ ...dataSourceOptions(), extra: { max: 16 } }).initialize();
    ledger = new LedgerRepository(db);
    r = await makeRegistry(db);
  });
  afterAll(() => db?.destroy());

  const signer = () => ({ userId: r.bureau.userId, name: r.bureau.name });
  async function issued(owner: Actor, quantity: string) {
    const { projectId, registrationNo } = await makeRegisteredProject(db, r, owner);
    const caseNo = await makeSignOffReadyCase(db, r, projectId, owner);
    const block = await ledger.issue({ caseNo, quantity, signedOffBy: signer(), at: new Date().toISOString() });
    return { caseNo, projectId, registrationNo, block: block! };
  }
  const transfer = (from: string, to: string, quantity: string, key = randomUUID()) =>
    ledger.transfer({ idempotencyKey: key, fromAccountNo: from, toAccountNo: to, quantity, reason: 'sale', actor: { userId: r.developer.userId, name: 'Dev Chen' }, at: new Date() });

  it('LED-2: an issuance is one block with a readable prefix (jurisdiction, project, vintage, sequence), held whole by the developer', async () => {
    const { block, registrationNo, caseNo } = await issued(r.developer, '100');
    expect(block).toMatchObject({ prefix: `${registrationNo}-V2025-01`, serialFrom: '1', serialTo: '100', quantity: '100' });
    const account = (await ledger.account(block.accountNo))!;
    expect(account.organisationId).toBe(r.developer.organisationId);
    const [c] = await db.query(`SELECT status, issued_tco2e::text AS issued, block_id FROM issuance_cases WHERE case_no = $1`, [caseNo]);
    expect(c).toEqual({ status: 'issued', issued: '100', block_id: block.blockId });
  });

  it('LED-2: a partial transfer splits the block: the buyer holds 1–30, the developer keeps 31–100; both see the movement', async () => {
    const seller = await r.user(await r.org('Seller', 'developer'), 'developer', 'Seller');
    const buyer = await r.user(await r.org('Buyer', 'emitter'), 'emitter', 'Buyer');
    const { block } = await issued(seller, '100');
    const to = await ledger.openAccount(buyer.organisationId);
    const t = await transfer(block.accountNo, to.accountNo, '30');
    expect(t.ranges).toEqual([{ prefix: block.prefix, serialFrom: '1', serialTo: '30', quantity: '30' }]);
    const from = (await ledger.account(block.accountNo))!;
    expect((await ledger.holdings(from.id))[0]).toMatchObject({ blockPrefix: block.prefix, vintage: 2025, quantity: '70', ranges: [{ serialFrom: '31', serialTo: '100', quantity: '70' }] });
    expect((await ledger.holdings(to.id))[0]).toMatchObject({ quantity: '30', ranges: [{ serialFrom: '1', serialTo: '30' }] });
    expect(await ledger.movements(to.id)).toEqual([expect.objectContaining({ kind: 'transfer', direction: 'in', quantity: '30', counterpartyAccountNo: from.accountNo })]);
    const out = await ledger.movements(from.id);
    expect(out.map((m: { kind: string; direction: string; quantity: string }) => [m.kind, m.direction, m.quantity])).toEqual([['transfer', 'out', '30'], ['issuance', 'in', '100']]);
    expect(await ledger.serial(block.prefix, '30')).toMatchObject({ heldBy: { accountNo: to.accountNo } });
    expect(await ledger.serial(block.prefix, '31')).toMatchObject({ heldBy: { accountNo: from.accountNo } });
  });

  it('LED-3: more than the account holds is refused and nothing moves', async () => {
    const { block } = await issued(await r.user(await r.org('Small', 'developer'), 'developer', 'Small'), '5');
    const to = await ledger.openAccount(r.otherDeveloper.organisationId);
    await expect(transfer(block.accountNo, to.accountNo, '6')).rejects.toMatchObject({ code: 'INSUFFICIENT_HOLDINGS' });
    expect((await ledger.holdings((await ledger.account(block.accountNo))!.id))[0].quantity).toBe('5');
  });

  it.each(['verifier', 'registry', 'bureau'] as const)('ROLE-2: the ledger refuses to open or credit an account of a %s organisation', async (kind) => {
    const staff = await r.org(`Staff ${kind}`, kind);
    await expect(ledger.openAccount(staff)).rejects.toMatchObject({ code: 'HOLDER_NOT_ALLOWED', message: expect.stringMatching(/^ROLE-2:/) });
    // …and the schema refuses it too, whoever writes.
    await expect(db.query(`INSERT INTO ledger_accounts (account_no, kind, organisation_id, jurisdiction) VALUES ($1, 'holding', $2, 'BJ')`, [`X-${randomUUID()}`, staff]))
      .rejects.toThrow(/ROLE-2/);
  });

  it('idempotency: the same Idempotency-Key moves credits once; reused for a different transfer it is refused', async () => {
    const { block } = await issued(await r.user(await r.org('Idem', 'developer'), 'developer', 'Idem'), '50');
    const to = await ledger.openAccount(r.otherDeveloper.organisationId);
    const key = randomUUID();
    const [a, b] = await Promise.all([transfer(block.accountNo, to.accountNo, '10', key), transfer(block.accountNo, to.accountNo, '10', key)]);
    expect(a.entryId).toBe(b.entryId);
    await expect(transfer(block.accountNo, to.accountNo, '11', key)).rejects.toMatchObject({ code: 'DUPLICATE' });
    expect((await ledger.holdings((await ledger.account(block.accountNo))!.id))[0].quantity).toBe('40');
  });

  it('LED-2 idempotent issuance: retried and concurrent duplicates of one case issue one block, and the database refuses a second', async () => {
    const owner = await r.user(await r.org('Retry', 'developer'), 'developer', 'Retry');
    const { projectId } = await makeRegisteredProject(db, r, owner);
    const caseNo = await makeSignOffReadyCase(db, r, projectId, owner);
    const at = new Date().toISOString();
    const results = await Promise.all(Array.from({ length: 6 }, () => ledger.issue({ caseNo, quantity: '100', signedOffBy: signer(), at })));
    const again = await ledger.issue({ caseNo, quantity: '100', signedOffBy: signer(), at });
    expect(new Set([...results, again].map((b) => b!.blockId)).size).toBe(1);
    const [{ blocks, entries }] = await db.query(
      `SELECT (SELECT count(*)::int FROM credit_blocks WHERE issuance_case_no = $1) AS blocks, (SELECT count(*)::int FROM journal_entries WHERE case_no = $1) AS entries`, [caseNo]);
    expect({ blocks, entries }).toEqual({ blocks: 1, entries: 1 });
    await expect(db.query(`INSERT INTO credit_blocks (prefix, project_id, issuance_case_no, vintage, issuance_seq, quantity, issued_at) VALUES ('X', $1, $2, 2025, 9, 1, now())`, [projectId, caseNo]))
      .rejects.toThrow(/credit_blocks_issuance_case_no_key/);
  });

  it('BJ-29: a suspended project’s issuance is held, not issued', async () => {
    const owner = await r.user(await r.org('Suspended', 'developer'), 'developer', 'Suspended');
    const { projectId } = await makeRegisteredProject(db, r, owner);
    const caseNo = await makeSignOffReadyCase(db, r, projectId, owner);
    await db.query(`UPDATE projects SET supervision_status = 'suspended' WHERE id = $1`, [projectId]);
    await expect(ledger.issue({ caseNo, quantity: '10', signedOffBy: signer(), at: new Date().toISOString() })).rejects.toMatchObject({ code: 'WRONG_STATE', message: expect.stringMatching(/^BJ-29/) });
  });

  it('LED-1: the journal is append-only and an entry that does not balance never commits', async () => {
    await expect(db.query(`UPDATE journal_lines SET amount = amount WHERE id = (SELECT min(id) FROM journal_lines)`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM journal_entries WHERE id = (SELECT min(id) FROM journal_entries)`)).rejects.toThrow(/append-only/);
    const [{ block_id, account_id }] = await db.query(`SELECT block_id, account_id FROM holdings LIMIT 1`);
    await expect(db.transaction(async (m) => {
      const [{ id }] = await m.query(`INSERT INTO journal_entries (idempotency_key, kind, reason, occurred_at) VALUES ($1, 'transfer', 'x', now()) RETURNING id`, [randomUUID()]);
      await m.query(`INSERT INTO journal_lines (entry_id, account_id, block_id, serial_from, serial_to, amount) VALUES ($1, $2, $3, 1, 1, 1)`, [id, account_id, block_id]);
    })).rejects.toThrow(/does not balance/);
  });

  it('LED-3: 1 000 concurrent transfers over 8 accounts: no negative holding, issued = held + cancelled per block, and a journal replay reproduces every balance', async () => {
    const owners = await Promise.all(Array.from({ length: 8 }, async (_, i) => r.user(await r.org(`Trader ${i}`, i % 2 ? 'emitter' : 'developer'), i % 2 ? 'emitter' : 'developer', `Trader ${i}`)));
    const accounts: string[] = [];
    for (const o of owners) accounts.push((await ledger.openAccount(o.organisationId)).accountNo);
    for (const o of owners.filter((o) => o.role === 'developer')) await issued(o, '1000');
    const totalBefore = await totalHeld(accounts);

    const rnd = seededRandom(20261121); // a deterministic plan, so a failure can be replayed
    const plan = Array.from({ length: 1000 }, () => {
      const from = rnd(8);
      return { from: accounts[from], to: accounts[(from + 1 + rnd(7)) % 8], quantity: String(1 + rnd(120)) };
    });
    const outcomes = { moved: 0, refused: 0 };
    const queue = [...plan];
    await Promise.all(Array.from({ length: 24 }, async () => {
      for (let t = queue.shift(); t; t = queue.shift()) {
        try {
          await transfer(t.from, t.to, t.quantity);
          outcomes.moved += 1;
        } catch (e) {
          if ((e as { code?: string }).code !== 'INSUFFICIENT_HOLDINGS') throw e;
          outcomes.refused += 1;
        }
      }
    }));

    expect(outcomes.moved + outcomes.refused).toBe(1000);
    expect(outcomes.moved).toBeGreaterThan(500);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM holdings WHERE serial_to < serial_from`);
    expect(n).toBe(0);
    for (const a of accounts) expect(BigInt((await ledger.accountsOf((await ledger.account(a))!.organisationId))[0].balance) >= 0n).toBe(true);
    expect(await totalHeld(accounts)).toBe(totalBefore);
    const audit = await ledger.audit();
    expect(audit.violations).toEqual([]);
    expect(audit.entries).toBeGreaterThanOrEqual(outcomes.moved);
  }, 120_000);

  async function totalHeld(accountNos: string[]): Promise<string> {
    const [{ total }] = await db.query(
      `SELECT COALESCE(sum(h.serial_to - h.serial_from + 1), 0)::text AS total FROM holdings h JOIN ledger_accounts a ON a.id = h.account_id WHERE a.account_no = ANY($1)`, [accountNos]);
    return total;
  }
});

/** mulberry32: a small deterministic PRNG (32-bit integer arithmetic, exact in JS). */
function seededRandom(seed: number) {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296 * n) | 0;
  };
}
