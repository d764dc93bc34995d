'use strict';
/**
 * The shared test stack for the jest `workflow` and `e2e` projects: ONE throw-away embedded PostgreSQL (migrated)
 * and, for e2e, ONE in-memory Temporal dev server with the case search attributes.
 *
 * Jest runs every selected project's globalSetup in the parent process before any test, and every globalTeardown
 * after all tests, so the stack is refcounted on globalThis.__STACK__: PostgreSQL starts once even when both
 * projects run, and everything stops when the last user releases it. What the tests need is exported through
 * process.env (DATABASE_URL, TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, JWT_SECRET), which jest workers inherit.
 *
 * The stack code itself is TypeScript (scripts/stack/*.ts, shared with `npm run up`), as is the migration
 * (libs/persistence). It is loaded through a small require hook on @swc/core with the same options as the jest
 * transform in jest.config.js (decorators + metadata), installed only while those modules are being required.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const DATA = path.join(ROOT, '.data');
const TAG = 'test-stack';
const log = (msg) => process.stderr.write(`[${TAG}] ${msg}\n`);

// ---------------------------------------------------------------------------------------------------------------
// TypeScript loading

const { swcLoader } = require('./swc-register');

/** require() a .ts module of this repo (and everything it imports) through swc. */
function requireTs(file) {
  const exts = require.extensions; // deprecated but still the hook point every CommonJS loader (ts-node, pirates) uses
  const previous = exts['.ts'];
  exts['.ts'] = swcLoader;
  try {
    return require(path.join(ROOT, file));
  } finally {
    if (previous) exts['.ts'] = previous;
    else delete exts['.ts'];
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Stack

/**
 * @param {{ temporal: boolean }} want
 * Starts (or joins) the shared stack and exports its settings into process.env.
 */
async function ensureStack(want) {
  const st = (globalThis.__STACK__ ??= { users: 0, pg: undefined, temporal: undefined, jwtSecret: undefined });
  st.users += 1;
  const started = Date.now();
  try {
    const { startEmbeddedPostgres } = requireTs('scripts/stack/embedded-postgres.ts');
    const { freePort } = requireTs('scripts/stack/util.ts');

    if (!st.pg) {
      st.pg = (async () => {
        cleanStaleTestDirs();
        const pg = await startEmbeddedPostgres({
          dataDir: path.join(DATA, `test-pg-${process.pid}`),
          port: await freePort(),
          database: 'registry_test',
          persistent: false,
        });
        try {
          const { runMigrations } = requireTs('libs/persistence/src/data-source.ts');
          const t = Date.now();
          const ran = await runMigrations(pg.url);
          log(`migrations applied in ${((Date.now() - t) / 1000).toFixed(1)}s: ${ran.join(', ') || '(none pending)'}`);
        } catch (e) {
          await pg.stop();
          throw e;
        }
        return pg;
      })();
    }
    if (want.temporal && !st.temporal) {
      st.temporal = (async () => {
        const { startTemporalDevServer } = requireTs('scripts/stack/temporal-dev-server.ts');
        return startTemporalDevServer({ port: await freePort(), uiPort: 0, headless: true, namespace: 'default' });
      })();
    }
    // Start both concurrently; await both so a failure of one still leaves the other in st for stopStack().
    const [pgRes, tRes] = await Promise.allSettled([st.pg, st.temporal]);
    if (pgRes.status === 'rejected') throw pgRes.reason;
    if (tRes.status === 'rejected') throw tRes.reason;

    st.jwtSecret ??= crypto.randomBytes(36).toString('base64url'); // 48 chars
    // Webhook targets: loopback only (the tests' receivers run on 127.0.0.1), so nothing a test or the contract fuzzer
    // registers is ever sent off the machine.
    process.env.WEBHOOK_TARGETS ??= 'loopback';
    process.env.DATABASE_URL = pgRes.value.url;
    process.env.JWT_SECRET = st.jwtSecret;
    if (tRes.value) {
      process.env.TEMPORAL_ADDRESS = tRes.value.address;
      process.env.TEMPORAL_NAMESPACE = 'default';
    }
    log(`ready in ${((Date.now() - started) / 1000).toFixed(1)}s (users: ${st.users})`);
    return st;
  } catch (e) {
    await releaseStack();
    throw e;
  }
}

/** Leaves the shared stack; the last user stops it (Temporal first, then PostgreSQL). */
async function releaseStack() {
  const st = globalThis.__STACK__;
  if (!st) return;
  st.users -= 1;
  if (st.users > 0) return;
  globalThis.__STACK__ = undefined;
  const settle = async (p) => {
    if (!p) return;
    try {
      const h = await p;
      await h.stop();
    } catch {
      /* failed to start: its start function already cleaned up */
    }
  };
  await settle(st.temporal);
  await settle(st.pg);
}

/**
 * .data/test-pg-<pid> directories of earlier runs that died before their teardown (Ctrl-C, crash): stop an
 * orphaned postgres still running on one (immediate shutdown), then delete the directory.
 */
function cleanStaleTestDirs() {
  let entries = [];
  try {
    entries = fs.readdirSync(DATA);
  } catch {
    return;
  }
  const { pidAlive } = requireTs('scripts/stack/util.ts');
  for (const name of entries) {
    const m = /^test-pg-(\d+)(\.initdb-\d+)?$/.exec(name);
    if (!m || Number(m[1]) === process.pid || pidAlive(Number(m[1]))) continue;
    const dir = path.join(DATA, name);
    try {
      const pmPid = Number(fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      if (pidAlive(pmPid)) {
        log(`stopping orphaned test PostgreSQL (pid ${pmPid}) of a dead run`);
        process.kill(pmPid, 'SIGQUIT');
        const until = Date.now() + 5000;
        while (pidAlive(pmPid) && Date.now() < until) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
      }
    } catch {
      /* no pid file */
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { ensureStack, releaseStack, requireTs };
