-- The ledger bench's baseline (npm run bench -- ledger; scripts/bench/pgbench.ts runs it): ONE double-entry transfer
-- of credits, as a DBA would write it in plain SQL for pgbench, on the registry's own tables (ledger_accounts,
-- credit_blocks, holdings, journal_entries, journal_lines) with every constraint and trigger they have: the exclusion
-- constraint that holds a serial once, the deferred trigger that refuses an unbalanced entry at commit, the foreign
-- keys, the append-only triggers. It calls none of the service's functions.
--
-- Variables (pgbench -D): accounts = '{BJ-ACC-…,…}', the bench's holding accounts as a text[] literal; n = how many.
-- Per transaction, at random: a source account, a different destination account, and 1–50 whole tonnes.
--
-- Statements (6 round trips, pgbench -M prepared):
--   1. BEGIN
--   2. Lock the source account FOR NO KEY UPDATE (movements out of one account queue here; KEY SHARE from the foreign
--      keys of transfers INTO it does not conflict) and check the destination: a holding account of a developer or
--      an emitter (ROLE-2).
--   3. Pick the source's holdings oldest block first, lowest serials first (a running sum over holdings ⋈ credit_blocks
--      ordered by issued_at, prefix, serial_from), the last one split so the total is exactly the quantity; when the
--      account holds less, nothing (a refusal: the entry is not written). Insert the journal entry and its lines: per
--      range taken, a debit of the source and a credit of the destination.
--   4. The source's holdings: delete the ranges taken whole; the split range keeps its upper serials.
--   5. The destination's holdings: the ranges credited, from the journal lines.
--   6. COMMIT (the deferred balance trigger runs here).
-- What the service does besides (the HTTP request, its token and validation, ROLE-1's owner check, the
-- Idempotency-Key's row, the audit log's row) is not in the baseline: those are the service's cost.

\set from random(1, :n)
\set to 1 + (:from + random(0, :n - 2)) % :n
\set quantity random(1, 50)

BEGIN;

SELECT f.id AS from_id, t.id AS to_id
FROM ledger_accounts f, ledger_accounts t JOIN organisations o ON o.id = t.organisation_id
WHERE f.account_no = (:accounts::text[])[:from] AND t.account_no = (:accounts::text[])[:to]
  AND t.kind = 'holding' AND o.kind IN ('developer', 'emitter')
FOR NO KEY UPDATE OF f
\gset

WITH held AS (
  SELECT h.block_id, h.serial_from, h.serial_to,
         sum(h.serial_to - h.serial_from + 1) OVER (ORDER BY b.issued_at, b.prefix, h.serial_from) AS upto,
         sum(h.serial_to - h.serial_from + 1) OVER () AS available
  FROM holdings h JOIN credit_blocks b ON b.id = h.block_id
  WHERE h.account_id = :from_id::uuid
), taken AS (
  SELECT block_id, serial_from, CASE WHEN upto <= :quantity THEN serial_to ELSE serial_to - (upto - :quantity) END AS serial_to
  FROM held
  WHERE upto - (serial_to - serial_from + 1) < :quantity AND available >= :quantity
), entry AS (
  INSERT INTO journal_entries (idempotency_key, kind, reason, actor_name, occurred_at)
  SELECT 'pgbench/' || gen_random_uuid(), 'transfer', 'pgbench: the same transfer in plain SQL', 'pgbench', now()
  WHERE EXISTS (SELECT 1 FROM taken)
  RETURNING id
), lines AS (
  INSERT INTO journal_lines (entry_id, account_id, block_id, serial_from, serial_to, amount)
  SELECT entry.id, side.account_id, taken.block_id, taken.serial_from, taken.serial_to, side.sign * (taken.serial_to - taken.serial_from + 1)
  FROM entry, taken, (VALUES (:from_id::uuid, -1), (:to_id::uuid, 1)) AS side(account_id, sign)
  RETURNING entry_id
)
SELECT coalesce(max(entry_id), 0) AS entry_id FROM lines
\gset

WITH taken AS (
  SELECT block_id, serial_from, serial_to FROM journal_lines WHERE entry_id = :entry_id AND amount < 0
), whole AS (
  DELETE FROM holdings h USING taken t
  WHERE h.account_id = :from_id::uuid AND h.block_id = t.block_id AND h.serial_from = t.serial_from AND h.serial_to = t.serial_to
)
UPDATE holdings h SET serial_from = t.serial_to + 1 FROM taken t
WHERE h.account_id = :from_id::uuid AND h.block_id = t.block_id AND h.serial_from = t.serial_from AND h.serial_to > t.serial_to;

INSERT INTO holdings (account_id, block_id, serial_from, serial_to)
SELECT account_id, block_id, serial_from, serial_to FROM journal_lines WHERE entry_id = :entry_id AND amount > 0;

COMMIT;
