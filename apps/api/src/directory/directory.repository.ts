import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DirectoryEntryView } from './directory.views';

/** Who may be picked in a form, read from users and organisations. */
@Injectable()
export class DirectoryRepository {
  constructor(private readonly db: DataSource) {}

  /** Active, not deleted officers of the registry organisations of a jurisdiction, by name. */
  officers(jurisdiction: string): Promise<DirectoryEntryView[]> {
    return this.db.query(
      `SELECT u.id, u.name FROM users u JOIN organisations o ON o.id = u.organisation_id
       WHERE u.role = 'officer' AND u.active AND u.deleted_at IS NULL AND o.jurisdiction = $1 ORDER BY u.name, u.id`,
      [jurisdiction],
    );
  }

  /** Third-party verification organisations of a jurisdiction, by name (BJ-21). */
  verifiers(jurisdiction: string): Promise<DirectoryEntryView[]> {
    return this.db.query(`SELECT id, name FROM organisations WHERE kind = 'verifier' AND jurisdiction = $1 ORDER BY name, id`, [jurisdiction]);
  }

  async jurisdictionOf(organisationId: string): Promise<string> {
    const [o] = await this.db.query(`SELECT jurisdiction FROM organisations WHERE id = $1`, [organisationId]);
    return o?.jurisdiction ?? 'BJ';
  }
}
