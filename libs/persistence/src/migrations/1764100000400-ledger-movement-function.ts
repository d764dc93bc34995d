import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9, the ledger near PostgreSQL's own speed: a movement of credits out of an account (LED-2, LED-3) is ONE
 * call of `ledger_move`, one database round trip, instead of about 13 statements sent one by one while the source
 * account's row lock was held. The rules move with it, so they live here once (the TypeScript copy is gone):
 *
 * - `ledger_movement_kinds`: which account kinds a movement kind takes credits from and gives them to. `transfer`
 *   is holder to holder; the exchange hand-off, cancellation and clawback add a row (and their journal kind).
 * - `ledger_owner_may_hold`: ROLE-2, who may own an account of a kind; the account trigger and `ledger_move` (at
 *   credit time) ask the same function.
 * - `idempotency_claim` / `idempotency_complete`: the Idempotency-Key store's claim and answer (issue 7), used by
 *   the API's interceptor and, inside the movement's own transaction, by `ledger_move`.
 * - `ledger_move`: lock the source FOR NO KEY UPDATE, take the lowest serials of the oldest matching block first
 *   (splitting a range: the lower serials move, the upper stay), write the journal entry and its lines, update the
 *   holdings; refusals raise SQLSTATE LD000 with the domain code in DETAIL, so a refusal leaves nothing written.
 *
 * Every constraint of the ledger's tables stays as it was: the functions write through them.
 */
export class LedgerMovementFunction1764100000400 implements MigrationInterface {
  name = 'LedgerMovementFunction1764100000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ledger_movement_kinds (
        kind text PRIMARY KEY,
        -- The account kinds credits leave from and arrive in by this movement (LED-1).
        source_account_kinds text[] NOT NULL CHECK (cardinality(source_account_kinds) > 0),
        destination_account_kinds text[] NOT NULL CHECK (cardinality(destination_account_kinds) > 0),
        CHECK (source_account_kinds <@ ARRAY['holding','custody','issuance','cancellation','clawback']
           AND destination_account_kinds <@ ARRAY['holding','custody','issuance','cancellation','clawback'])
      );
      -- LED-1, ROLE-2: a holder's transfer goes to another holder's account, never into custody or a system account.
      INSERT INTO ledger_movement_kinds (kind, source_account_kinds, destination_account_kinds) VALUES ('transfer', '{holding}', '{holding}');

      -- ROLE-2: developers and emitters hold credits, the exchange holds them in custody; staff organisations never.
      CREATE FUNCTION ledger_owner_may_hold(account_kind text, owner_kind text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
        SELECT (account_kind = 'holding' AND owner_kind IN ('developer','emitter')) OR (account_kind = 'custody' AND owner_kind = 'exchange')
      $$;
      CREATE OR REPLACE FUNCTION ledger_account_owner_allowed() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE owner_kind text;
        BEGIN
          IF NEW.organisation_id IS NULL THEN RETURN NEW; END IF;
          SELECT kind INTO owner_kind FROM organisations WHERE id = NEW.organisation_id;
          IF ledger_owner_may_hold(NEW.kind, owner_kind) THEN RETURN NEW; END IF;
          RAISE EXCEPTION 'ROLE-2: a % organisation cannot hold a % account', owner_kind, NEW.kind USING ERRCODE = 'check_violation';
        END $$;

      -- A refusal the caller shows as a domain error: SQLSTATE LD000, the code and details as JSON in DETAIL.
      CREATE FUNCTION ledger_refuse(p_code text, p_message text, p_details jsonb DEFAULT NULL) RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION USING ERRCODE = 'LD000', MESSAGE = p_message, DETAIL = jsonb_build_object('code', p_code, 'details', p_details)::text;
        END $$;

      -- Issue 7's Idempotency-Key claim: 'proceed' (the key is ours until the answer is kept or locked_until passes),
      -- 'replay' (the kept answer), 'mismatch' (the key was used for another request) or 'in_progress'.
      CREATE FUNCTION idempotency_claim(p_scope text, p_caller text, p_operation text, p_fingerprint text, p_lock_seconds int DEFAULT 60)
      RETURNS jsonb LANGUAGE plpgsql AS $$
        DECLARE
          v_attempt int;
          r record;
        BEGIN
          INSERT INTO idempotency_keys (scope, caller, operation, fingerprint, state, locked_until)
          VALUES (p_scope, p_caller, p_operation, p_fingerprint, 'in_progress', now() + make_interval(secs => p_lock_seconds))
          ON CONFLICT (scope) DO NOTHING RETURNING attempt INTO v_attempt;
          IF v_attempt IS NOT NULL THEN RETURN jsonb_build_object('kind', 'proceed', 'attempt', v_attempt); END IF;
          SELECT fingerprint, state, attempt, status_code, response, locked_until > now() AS locked INTO r
          FROM idempotency_keys WHERE scope = p_scope FOR UPDATE;
          IF r.fingerprint <> p_fingerprint THEN RETURN jsonb_build_object('kind', 'mismatch'); END IF;
          IF r.state = 'done' THEN RETURN jsonb_build_object('kind', 'replay', 'statusCode', r.status_code, 'response', r.response); END IF;
          IF r.locked THEN RETURN jsonb_build_object('kind', 'in_progress'); END IF;
          UPDATE idempotency_keys SET locked_until = now() + make_interval(secs => p_lock_seconds), updated_at = now() WHERE scope = p_scope;
          RETURN jsonb_build_object('kind', 'proceed', 'attempt', r.attempt);
        END $$;
      CREATE FUNCTION idempotency_complete(p_scope text, p_status_code int, p_response jsonb) RETURNS void LANGUAGE sql AS $$
        UPDATE idempotency_keys SET state = 'done', status_code = p_status_code, response = p_response, locked_until = NULL, updated_at = now()
        WHERE scope = p_scope
      $$;

      -- A movement as its answer reads it, from the journal: the same shape whether it has just been made or is replayed.
      CREATE FUNCTION ledger_movement_result(p_entry_id bigint) RETURNS jsonb LANGUAGE sql STABLE AS $$
        WITH line AS (SELECT account_id, block_id, serial_from, serial_to, amount FROM journal_lines WHERE entry_id = p_entry_id)
        SELECT jsonb_build_object(
          'entryId', e.id::text, 'idempotencyKey', e.idempotency_key,
          'fromAccountNo', (SELECT a.account_no FROM line JOIN ledger_accounts a ON a.id = line.account_id WHERE line.amount < 0 LIMIT 1),
          'toAccountNo', (SELECT a.account_no FROM line JOIN ledger_accounts a ON a.id = line.account_id WHERE line.amount > 0 LIMIT 1),
          'quantity', (SELECT sum(amount) FROM line WHERE amount > 0)::text,
          'ranges', (SELECT jsonb_agg(jsonb_build_object('prefix', b.prefix, 'serialFrom', line.serial_from::text, 'serialTo', line.serial_to::text,
                                                         'quantity', line.amount::text) ORDER BY b.prefix, line.serial_from)
                     FROM line JOIN credit_blocks b ON b.id = line.block_id WHERE line.amount > 0),
          'occurredAt', to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
        FROM journal_entries e WHERE e.id = p_entry_id
      $$;

      /*
       * One movement of whole tonnes out of an account, in the caller's transaction (one statement when called alone).
       * Returns {"moved": <movement>} or, when p_answer is given and the Idempotency-Key already has an answer or is
       * taken, {"answered": <idempotency_claim's verdict>} having written nothing.
       *   p_kind             a row of ledger_movement_kinds (and a journal_entries kind)
       *   p_key              the journal's idempotency key: the same key moves once, and answers that movement again
       *   p_mover_organisation_id  ROLE-1: the organisation that must own the source (NULL: the registry's own operation)
       *   p_project_id, p_vintage, p_block_prefix  which credits (NULL: any), lowest serials of the oldest block first
       *   p_answer           {scope, caller, operation, fingerprint, statusCode}: the HTTP request's Idempotency-Key,
       *                      claimed and answered in this same transaction (NULL: none)
       */
      CREATE FUNCTION ledger_move(
        p_kind text, p_key text, p_from_account_no text, p_to_account_no text, p_quantity bigint, p_reason text, p_occurred_at timestamptz,
        p_actor_user_id uuid DEFAULT NULL, p_actor_name text DEFAULT NULL, p_case_no text DEFAULT NULL, p_mover_organisation_id uuid DEFAULT NULL,
        p_project_id uuid DEFAULT NULL, p_vintage int DEFAULT NULL, p_block_prefix text DEFAULT NULL, p_answer jsonb DEFAULT NULL
      ) RETURNS jsonb LANGUAGE plpgsql AS $$
        DECLARE
          v_claim jsonb;
          v_rule ledger_movement_kinds;
          v_from record;
          v_to record;
          v_entry bigint;
          v_result jsonb;
          v_available bigint;
          v_blocks uuid[];
          v_froms bigint[];
          v_takes bigint[];
          v_whole bigint[];
          v_split bigint;
          v_split_taken_to bigint;
        BEGIN
          IF p_answer IS NOT NULL THEN
            v_claim := idempotency_claim(p_answer->>'scope', p_answer->>'caller', p_answer->>'operation', p_answer->>'fingerprint');
            IF v_claim->>'kind' <> 'proceed' THEN RETURN jsonb_build_object('answered', v_claim); END IF;
          END IF;
          SELECT * INTO v_rule FROM ledger_movement_kinds WHERE kind = p_kind;
          IF NOT FOUND THEN RAISE EXCEPTION 'ledger_move: no movement kind %', p_kind; END IF;
          IF p_quantity IS NULL OR p_quantity < 1 THEN
            PERFORM ledger_refuse('VALIDATION_FAILED', 'quantity must be a positive whole number of tonnes.', jsonb_build_object('field', 'quantity'));
          END IF;

          -- LED-3: movements out of one account are serialised by its row lock (no overdraft, no lost update). NO KEY
          -- UPDATE, not UPDATE: the foreign-key checks of a movement INTO this account take KEY SHARE, which UPDATE
          -- would block (A→B and B→A at once would deadlock). This is the only lock a movement takes.
          SELECT id, account_no, kind, organisation_id INTO v_from FROM ledger_accounts WHERE account_no = p_from_account_no FOR NO KEY UPDATE;
          -- ROLE-1: another organisation's account is indistinguishable from no account.
          IF NOT FOUND OR (p_mover_organisation_id IS NOT NULL AND v_from.organisation_id IS DISTINCT FROM p_mover_organisation_id) THEN
            PERFORM ledger_refuse('NOT_FOUND', format('No account %s.', p_from_account_no));
          END IF;

          -- The same key moves once: a movement already made under it is answered again (below).
          SELECT id INTO v_entry FROM journal_entries WHERE idempotency_key = p_key;
          IF v_entry IS NULL THEN
            SELECT a.id, a.account_no, a.kind, o.name AS owner_name, o.kind AS owner_kind INTO v_to
            FROM ledger_accounts a LEFT JOIN organisations o ON o.id = a.organisation_id WHERE a.account_no = p_to_account_no;
            IF NOT FOUND THEN PERFORM ledger_refuse('NOT_FOUND', format('No account %s to %s to.', p_to_account_no, p_kind)); END IF;
            IF v_to.id = v_from.id THEN PERFORM ledger_refuse('VALIDATION_FAILED', format('A %s needs two different accounts.', p_kind)); END IF;
            IF NOT v_from.kind = ANY (v_rule.source_account_kinds) THEN
              PERFORM ledger_refuse('HOLDER_NOT_ALLOWED', format('%s is a %s account; credits do not leave it by %s.', v_from.account_no, v_from.kind, p_kind),
                jsonb_build_object('accountKind', v_from.kind));
            END IF;
            -- LED-1: credits enter custody and the registry's own accounts only through the registry's own operations.
            IF NOT v_to.kind = ANY (v_rule.destination_account_kinds) THEN
              PERFORM ledger_refuse('HOLDER_NOT_ALLOWED', format('%s is a%s %s account; credits move there only through the registry''s own operations, not by %s.',
                v_to.account_no, CASE WHEN v_to.kind = 'issuance' THEN 'n' ELSE '' END, v_to.kind, p_kind), jsonb_build_object('accountKind', v_to.kind));
            END IF;
            -- ROLE-2 at credit time: the owner may still hold credits of this account kind.
            IF v_to.owner_kind IS NOT NULL AND NOT ledger_owner_may_hold(v_to.kind, v_to.owner_kind) THEN
              PERFORM ledger_refuse('HOLDER_NOT_ALLOWED', format('ROLE-2: %s is a %s organisation; staff of the bureau, registry, exchange and verifiers cannot hold or trade credits.',
                v_to.owner_name, v_to.owner_kind), jsonb_build_object('accountKind', v_to.kind, 'ownerKind', v_to.owner_kind));
            END IF;

            -- LED-2: the lowest serials of the oldest matching block first; the last range taken may be split.
            SELECT coalesce(max(available), 0), array_agg(block_id ORDER BY upto), array_agg(serial_from ORDER BY upto),
                   array_agg(CASE WHEN upto <= p_quantity THEN serial_to ELSE serial_to - (upto - p_quantity) END ORDER BY upto),
                   array_agg(id) FILTER (WHERE upto <= p_quantity), max(id) FILTER (WHERE upto > p_quantity),
                   max(serial_to - (upto - p_quantity)) FILTER (WHERE upto > p_quantity)
            INTO v_available, v_blocks, v_froms, v_takes, v_whole, v_split, v_split_taken_to
            FROM (
              SELECT h.id, h.block_id, h.serial_from, h.serial_to,
                     sum(h.serial_to - h.serial_from + 1) OVER (ORDER BY b.issued_at, b.prefix, h.serial_from) AS upto,
                     sum(h.serial_to - h.serial_from + 1) OVER () AS available
              FROM holdings h JOIN credit_blocks b ON b.id = h.block_id
              WHERE h.account_id = v_from.id AND (p_project_id IS NULL OR b.project_id = p_project_id)
                AND (p_vintage IS NULL OR b.vintage = p_vintage) AND (p_block_prefix IS NULL OR b.prefix = p_block_prefix)
            ) held
            WHERE upto - (serial_to - serial_from + 1) < p_quantity;
            -- LED-3: no negative holding.
            IF v_available < p_quantity THEN
              PERFORM ledger_refuse('INSUFFICIENT_HOLDINGS', format('LED-3: the account holds %s matching credits; %s were asked for.', v_available, p_quantity),
                jsonb_build_object('available', v_available::text, 'requested', p_quantity::text));
            END IF;

            -- The entry's id is drawn after the holdings were read, so the journal's order is the order in which
            -- serials changed hands (LED-3's replay relies on it). A racing movement under the same key out of
            -- another account waits here for it to commit, then this one answers with that movement.
            INSERT INTO journal_entries (idempotency_key, kind, reason, case_no, actor_user_id, actor_name, occurred_at)
            VALUES (p_key, p_kind, p_reason, p_case_no, p_actor_user_id, p_actor_name, p_occurred_at)
            ON CONFLICT (idempotency_key) DO NOTHING RETURNING id INTO v_entry;
            IF v_entry IS NOT NULL THEN
              -- The source's ranges first (taken whole, or the upper serials kept), then the destination's: a serial is
              -- held once at every moment, as the exclusion constraint on holdings checks row by row.
              -- By primary key: a join to the arrays could be planned as a scan of holdings.
              DELETE FROM holdings WHERE id = ANY (v_whole);
              IF v_split IS NOT NULL THEN UPDATE holdings SET serial_from = v_split_taken_to + 1 WHERE id = v_split; END IF;
              INSERT INTO holdings (account_id, block_id, serial_from, serial_to) SELECT v_to.id, t.block_id, t.serial_from, t.taken_to
              FROM unnest(v_blocks, v_froms, v_takes) AS t(block_id, serial_from, taken_to);
              -- LED-1 double entry: per range a debit of the source and a credit of the destination.
              INSERT INTO journal_lines (entry_id, account_id, block_id, serial_from, serial_to, amount)
              SELECT v_entry, side.account_id, t.block_id, t.serial_from, t.taken_to, side.sign * (t.taken_to - t.serial_from + 1)
              FROM unnest(v_blocks, v_froms, v_takes) WITH ORDINALITY AS t(block_id, serial_from, taken_to, n)
              CROSS JOIN (VALUES (v_from.id, -1), (v_to.id, 1)) AS side(account_id, sign)
              ORDER BY t.n, side.sign;
              v_result := ledger_movement_result(v_entry);
            ELSE
              SELECT id INTO v_entry FROM journal_entries WHERE idempotency_key = p_key;
            END IF;
          END IF;

          IF v_result IS NULL THEN
            -- Made before under this key: the same movement answers as it did; another one is refused.
            SELECT ledger_movement_result(e.id) INTO v_result FROM journal_entries e WHERE e.id = v_entry AND e.kind = p_kind;
            IF v_result IS NULL OR v_result->>'fromAccountNo' <> p_from_account_no OR v_result->>'toAccountNo' <> p_to_account_no
               OR (v_result->>'quantity')::bigint <> p_quantity THEN
              PERFORM ledger_refuse('DUPLICATE', format('Idempotency-Key %s was already used for a different %s%s.', p_key, p_kind,
                CASE WHEN v_result IS NULL THEN '' ELSE format(' (%s t from %s to %s)', v_result->>'quantity', v_result->>'fromAccountNo', v_result->>'toAccountNo') END));
            END IF;
          END IF;

          IF p_answer IS NOT NULL THEN PERFORM idempotency_complete(p_answer->>'scope', (p_answer->>'statusCode')::int, v_result); END IF;
          RETURN jsonb_build_object('moved', v_result);
        END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION ledger_move(text, text, text, text, bigint, text, timestamptz, uuid, text, text, uuid, uuid, int, text, jsonb);
      DROP FUNCTION ledger_movement_result(bigint);
      DROP FUNCTION idempotency_complete(text, int, jsonb);
      DROP FUNCTION idempotency_claim(text, text, text, text, int);
      DROP FUNCTION ledger_refuse(text, text, jsonb);
      CREATE OR REPLACE FUNCTION ledger_account_owner_allowed() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE owner_kind text;
        BEGIN
          IF NEW.organisation_id IS NULL THEN RETURN NEW; END IF;
          SELECT kind INTO owner_kind FROM organisations WHERE id = NEW.organisation_id;
          IF (NEW.kind = 'holding' AND owner_kind IN ('developer','emitter')) OR (NEW.kind = 'custody' AND owner_kind = 'exchange') THEN
            RETURN NEW;
          END IF;
          RAISE EXCEPTION 'ROLE-2: a % organisation cannot hold a % account', owner_kind, NEW.kind USING ERRCODE = 'check_violation';
        END $$;
      DROP FUNCTION ledger_owner_may_hold(text, text);
      DROP TABLE ledger_movement_kinds;
    `);
  }
}
