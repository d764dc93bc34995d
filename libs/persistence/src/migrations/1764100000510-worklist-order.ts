import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9 (scale): the worklist's page is read off an index in the worklist's own order — overdue first, then by
 * running deadline, then oldest — over the cases that are open (neither draft nor closed: closed cases are most rows
 * in time, and no worklist shows them). With 10 000 open cases the worklist read every open case of the desk's
 * statuses, joined each to its project, organisation and officer, and sorted them all to keep 500 (`npm run bench --
 * scale`: ~36 000 buffers, the SQL alone 50–70 ms here); with these PostgreSQL merges the two case tables' indexes
 * in order and stops at the page (~2 000 buffers). The status indexes stay for the queries that list by status.
 */
export class WorklistOrder1764100000510 implements MigrationInterface {
  name = 'WorklistOrder1764100000510';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX registration_cases_worklist_order ON registration_cases (overdue DESC, deadline_at ASC NULLS LAST, created_at ASC)
        WHERE status NOT IN ('draft', 'registered', 'rejected', 'lapsed', 'withdrawn', 'terminated');
      CREATE INDEX issuance_cases_worklist_order ON issuance_cases (overdue DESC, deadline_at ASC NULLS LAST, created_at ASC)
        WHERE status NOT IN ('draft', 'issued', 'rejected', 'lapsed', 'withdrawn', 'terminated');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX issuance_cases_worklist_order; DROP INDEX registration_cases_worklist_order;`);
  }
}
