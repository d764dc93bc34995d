import { randomUUID } from 'node:crypto';
import * as net from 'node:net';
import { DataSource, QueryRunner } from 'typeorm';
import { retryableFailureOf } from '../../apps/api/src/common/retryable-failure';
import { transientDatabaseError } from '../../libs/persistence/src/database-unavailability';
import { dataSourceOptions } from '../../libs/persistence/src/data-source';
import { eventually } from '../support/fixtures';

/**
 * Fault 9 against a real PostgreSQL: the errors an outage or a lost race really raises are told apart from the errors
 * of a bad request, and the configured timeouts bound how long a request waits. Each error below is provoked, not
 * constructed.
 */
describe('fault 9: database errors of an outage (PostgreSQL)', () => {
  let db: DataSource;
  const saved = { ...process.env };

  /**
   * A DataSource with our production options, under the given env overrides (timeouts are read from the env). As the
   * schema owner: the probes create tables and end other sessions, which the application's role may not.
   */
  async function dataSource(env: Record<string, string>, url?: string, max = 1): Promise<DataSource> {
    Object.assign(process.env, env);
    try {
      const options = dataSourceOptions(url, 'owner');
      return await new DataSource({ ...options, extra: { ...options.extra, max } } as typeof options).initialize();
    } finally {
      process.env = { ...saved };
    }
  }
  /** The error `work` rejects with (fails the test if it resolves). */
  async function errorOf(work: () => Promise<unknown>): Promise<unknown> {
    try {
      await work();
    } catch (e) {
      return e;
    }
    throw new Error('expected an error');
  }
  const httpCodeOf = (e: unknown) => retryableFailureOf(e)?.code;

  beforeAll(async () => {
    db = await dataSource({}, undefined, 4);
  });
  afterAll(() => db?.destroy());

  it('fault 9: a statement longer than DB_STATEMENT_TIMEOUT_MS is cancelled by the server (57014) → DATABASE_UNAVAILABLE', async () => {
    const quick = await dataSource({ DB_STATEMENT_TIMEOUT_MS: '200' });
    try {
      const started = performance.now();
      const e = await errorOf(() => quick.query('SELECT pg_sleep(5)'));
      expect(performance.now() - started).toBeLessThan(2000);
      expect(transientDatabaseError(e)).toEqual({ kind: 'unavailable', reason: expect.stringMatching(/^57014/) });
      expect(httpCodeOf(e)).toBe('DATABASE_UNAVAILABLE');
    } finally {
      await quick.destroy();
    }
  });

  it('fault 9: a connection whose server stops answering fails the query client side, and is replaced by a fresh one', async () => {
    const quick = await dataSource({ DB_STATEMENT_TIMEOUT_MS: '300' }); // query_timeout: 2.3 s; one pooled connection
    const [{ pid }] = await quick.query('SELECT pg_backend_pid() AS pid');
    process.kill(pid, 'SIGSTOP'); // its backend hangs: no statement_timeout can answer for it
    try {
      const started = performance.now();
      const e = await errorOf(() => quick.query('SELECT 1'));
      expect(performance.now() - started).toBeLessThan(4000);
      expect(transientDatabaseError(e)).toEqual({ kind: 'unavailable', reason: 'Query read timeout' });
      expect(httpCodeOf(e)).toBe('DATABASE_UNAVAILABLE');
      // The hung connection was closed, not lent out again: the pool's only slot answers on a new backend.
      const [{ pid: next }] = await quick.query('SELECT pg_backend_pid() AS pid');
      expect(next).not.toBe(pid);
    } finally {
      process.kill(pid, 'SIGCONT');
      await quick.destroy();
    }
  }, 15_000);

  it('fault 9: a connection terminated by the server (57P01, as in a shutdown) → DATABASE_UNAVAILABLE', async () => {
    const runner = db.createQueryRunner();
    try {
      const [{ pid }] = await runner.query('SELECT pg_backend_pid() AS pid');
      const sleeping = errorOf(() => runner.query('SELECT pg_sleep(5)'));
      const terminate = `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = $1 AND wait_event = 'PgSleep'`;
      await eventually(async () => (await db.query(terminate, [pid])).length > 0, 'the sleeping backend to be terminated');
      const e = await sleeping;
      expect(transientDatabaseError(e)?.kind).toBe('unavailable');
      expect(httpCodeOf(e)).toBe('DATABASE_UNAVAILABLE');
    } finally {
      await runner.release();
    }
  });

  it('fault 9: no server on the port (ECONNREFUSED) and a server that never answers (connect timeout) → DATABASE_UNAVAILABLE', async () => {
    const accepted: net.Socket[] = [];
    const blackHole = net.createServer((socket) => accepted.push(socket)); // accepts, then says nothing
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const port = (blackHole.address() as net.AddressInfo).port;
    try {
      const started = performance.now();
      const silent = await errorOf(() => dataSource({ DB_CONNECT_TIMEOUT_MS: '300' }, `postgres://registry:registry@127.0.0.1:${port}/registry`));
      expect(performance.now() - started).toBeLessThan(2000);
      expect(transientDatabaseError(silent)).toEqual({ kind: 'unavailable', reason: 'Connection terminated due to connection timeout' });
      expect(httpCodeOf(silent)).toBe('DATABASE_UNAVAILABLE');
    } finally {
      accepted.forEach((s) => s.destroy());
      await new Promise((resolve) => blackHole.close(resolve));
    }
    const refused = await errorOf(() => dataSource({}, `postgres://registry:registry@localhost:${port}/registry`));
    expect(transientDatabaseError(refused)).toEqual({ kind: 'unavailable', reason: 'ECONNREFUSED' });
    expect(httpCodeOf(refused)).toBe('DATABASE_UNAVAILABLE');
  });

  describe('lost races', () => {
    const table = `outage_probe_${randomUUID().slice(0, 8)}`;
    beforeAll(() => db.query(`CREATE TABLE ${table} (id int PRIMARY KEY, n int NOT NULL)`));
    afterAll(() => db.query(`DROP TABLE ${table}`));
    beforeEach(async () => {
      await db.query(`TRUNCATE ${table}`);
      await db.query(`INSERT INTO ${table} VALUES (1, 0), (2, 0)`);
    });

    /** Two transactions on their own connections; runs `steps` in order, collecting the first error. */
    async function race(isolation: 'READ COMMITTED' | 'SERIALIZABLE', steps: Array<[0 | 1, string]>): Promise<unknown> {
      const runners: QueryRunner[] = [db.createQueryRunner(), db.createQueryRunner()];
      try {
        await Promise.all(runners.map((q) => q.startTransaction(isolation)));
        const pending: Promise<unknown>[] = [];
        for (const [who, sql] of steps) {
          pending.push(runners[who].query(sql));
          await new Promise((resolve) => setTimeout(resolve, 100)); // let a blocking statement reach its lock wait
        }
        const failed = (await Promise.allSettled(pending)).find((s) => s.status === 'rejected');
        return failed?.status === 'rejected' ? failed.reason : undefined;
      } finally {
        for (const q of runners) {
          await q.rollbackTransaction().catch(() => undefined);
          await q.release();
        }
      }
    }

    it('fault 9: a deadlock (40P01) → TRY_AGAIN', async () => {
      const e = await race('READ COMMITTED', [
        [0, `UPDATE ${table} SET n = 1 WHERE id = 1`],
        [1, `UPDATE ${table} SET n = 1 WHERE id = 2`],
        [0, `UPDATE ${table} SET n = 2 WHERE id = 2`],
        [1, `UPDATE ${table} SET n = 2 WHERE id = 1`],
      ]);
      expect(transientDatabaseError(e)).toEqual({ kind: 'try-again', reason: '40P01' });
      expect(httpCodeOf(e)).toBe('TRY_AGAIN');
    }, 15_000);

    it('fault 9: a serialization failure (40001) → TRY_AGAIN', async () => {
      const e = await race('SERIALIZABLE', [
        [0, `SELECT sum(n) FROM ${table}`],
        [1, `SELECT sum(n) FROM ${table}`],
        [0, `UPDATE ${table} SET n = n + 1 WHERE id = 1`],
        [1, `UPDATE ${table} SET n = n + 1 WHERE id = 1`], // waits for the first transaction's row lock…
        [0, 'COMMIT'], // …which commits: the second cannot serialise
      ]);
      expect(transientDatabaseError(e)).toEqual({ kind: 'try-again', reason: '40001' });
      expect(httpCodeOf(e)).toBe('TRY_AGAIN');
    }, 15_000);
  });

  it.each([
    ['a unique violation (23505)', `INSERT INTO organisations (id, name, kind, jurisdiction) SELECT id, name, kind, jurisdiction FROM organisations LIMIT 1`],
    ['a data exception (22P02)', `SELECT 'not a number'::int`],
    ['an undefined table (42P01)', `SELECT * FROM no_such_table`],
  ])('fault 9: %s is not an outage: no 503', async (_, sql) => {
    await db.query(`INSERT INTO organisations (name, kind, jurisdiction) VALUES ($1, 'developer', 'BJ')`, [`Probe ${randomUUID()}`]);
    const e = await errorOf(() => db.query(sql));
    expect(transientDatabaseError(e)).toBeUndefined();
    expect(httpCodeOf(e)).toBeUndefined();
  });
});
