import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface MethodologyVersionInput {
  code: string;
  title: string;
  version: string;
  tier: 1 | 2;
  applicabilityConditions: string;
  projectBoundary: string;
  accountingMethod: string;
  monitoringMethod: string;
  creditingPeriodRules: string;
}

/** BJ-7, BJ-9: methodologies and their published versions (a revision is a new version of the same code). */
@Injectable()
export class MethodologiesRepository {
  constructor(private readonly db: DataSource) {}

  listVersions() {
    return this.db.query(
      `SELECT v.id, m.code, m.title, v.version, v.tier, v.status, v.applicability_conditions AS "applicabilityConditions",
              v.project_boundary AS "projectBoundary", v.accounting_method AS "accountingMethod", v.monitoring_method AS "monitoringMethod",
              v.crediting_period_rules AS "creditingPeriodRules", v.published_at AS "publishedAt"
       FROM methodology_versions v JOIN methodologies m ON m.id = v.methodology_id ORDER BY m.code, v.published_at`,
    );
  }

  /** Records a published version; returns null when that code and version already exist. */
  publishVersion(d: MethodologyVersionInput, publishedBy: string): Promise<{ id: string; version: string; tier: number; status: string; publishedAt: Date } | null> {
    return this.db.transaction(async (m) => {
      const [{ id: methodologyId }] = await m.query(
        `INSERT INTO methodologies (code, title, jurisdiction) VALUES ($1, $2, 'BJ')
         ON CONFLICT (code) DO UPDATE SET title = EXCLUDED.title RETURNING id`,
        [d.code, d.title],
      );
      const rows = await m.query(
        `INSERT INTO methodology_versions (methodology_id, version, tier, status, applicability_conditions, project_boundary, accounting_method,
           monitoring_method, crediting_period_rules, published_at, published_by)
         VALUES ($1, $2, $3, 'published', $4, $5, $6, $7, $8, now(), $9) ON CONFLICT (methodology_id, version) DO NOTHING
         RETURNING id, version, tier, status, published_at AS "publishedAt"`,
        [methodologyId, d.version, d.tier, d.applicabilityConditions, d.projectBoundary, d.accountingMethod, d.monitoringMethod, d.creditingPeriodRules, publishedBy],
      );
      return rows[0] ?? null;
    });
  }

  async versionId(code: string, version: string): Promise<string | null> {
    const rows = await this.db.query(
      `SELECT v.id FROM methodology_versions v JOIN methodologies m ON m.id = v.methodology_id WHERE m.code = $1 AND v.version = $2`,
      [code, version],
    );
    return rows[0]?.id ?? null;
  }
}
