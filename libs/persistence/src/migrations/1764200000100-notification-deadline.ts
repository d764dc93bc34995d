import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10: a notification keeps the deadline it is about (the case's running deadline after the step, or the one a
 * CAL-5 reminder is for), so an e-mail sent later still names it — the case may have moved on by then.
 */
export class NotificationDeadline1764200000100 implements MigrationInterface {
  name = 'NotificationDeadline1764200000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ADD COLUMN deadline_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications DROP COLUMN deadline_at`);
  }
}
