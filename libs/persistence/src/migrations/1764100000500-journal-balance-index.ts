import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * LED-1's balance check at commit (`journal_entry_balanced`, one run per journal line) reads the entry's lines grouped
 * by block. PL/pgSQL keeps a generic plan for it, and with only `journal_lines (entry_id)` to choose from PostgreSQL
 * picked the block index for its order and filtered by entry: a scan of the whole journal per line, under the source
 * account's lock — 200 ms per commit at 23 000 lines in `npm run bench -- ledger`, growing with the journal. An index
 * on (entry_id, block_id) with the amount gives both the filter and the order, so every plan is a short range read.
 */
export class JournalBalanceIndex1764100000500 implements MigrationInterface {
  name = 'JournalBalanceIndex1764100000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX journal_lines_entry_block ON journal_lines (entry_id, block_id) INCLUDE (amount);
      DROP INDEX journal_lines_entry;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX journal_lines_entry ON journal_lines (entry_id);
      DROP INDEX journal_lines_entry_block;
    `);
  }
}
