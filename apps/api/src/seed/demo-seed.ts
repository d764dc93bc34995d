import { DataSource } from 'typeorm';
import type { Role } from '../../../../libs/domain/src';
import { OrganisationsService } from '../organisations/organisations.service';

export interface SeededUser {
  role: Role;
  name: string;
  email: string;
  userId: string;
  organisationId: string;
  organisation: string;
  token: string;
}
export interface DemoSeed {
  users: SeededUser[];
  methodologyVersions: { tier1: string; tier2: string };
}

/**
 * Demo organisations and users, one or more per role, and two published methodology versions
 * (tier 1 and tier 2). Idempotent: running it again finds what exists and issues fresh tokens.
 */
export async function seedDemo(orgs: OrganisationsService, db: DataSource): Promise<DemoSeed> {
  const plan: { org: string; kind: Parameters<OrganisationsService['createOrganisation']>[1]; users: [Role, string, string][] }[] = [
    { org: '碳普惠平台运营 Platform Ops', kind: 'platform', users: [['admin', '平台管理员 Admin', 'admin@registry.example']] },
    { org: '北京市应对气候变化管理事务中心', kind: 'registry', users: [['officer', '王审核 Officer Wang', 'wang@registry.example'], ['officer', '李审核 Officer Li', 'li@registry.example']] },
    { org: '北京市生态环境局', kind: 'bureau', users: [['bureau', '赵处长 Bureau Zhao', 'zhao@bureau.example']] },
    { org: '北京绿能光伏有限公司', kind: 'developer', users: [['developer', '陈开发 Dev Chen', 'chen@greenpv.example']] },
    { org: '京西低碳出行科技有限公司', kind: 'developer', users: [['developer', '周开发 Dev Zhou', 'zhou@lowcarbon.example']] },
    { org: '中环联合认证中心', kind: 'verifier', users: [['verifier', '孙核查 Verifier Sun', 'sun@verifier.example']] },
  ];
  const users: SeededUser[] = [];
  for (const p of plan) {
    const org = await orgs.createOrganisation(p.org, p.kind);
    for (const [role, name, email] of p.users) {
      const { user, token } = await orgs.createUser(org.id, role, name, email);
      users.push({ role, name, email, userId: user.userId, organisationId: org.id, organisation: org.name, token });
    }
  }
  const bureau = users.find((u) => u.role === 'bureau')!;
  const tier1 = await methodologyVersion(db, bureau.userId, 'BJ-TPH-M-PV', '分布式光伏发电碳普惠方法学', '1.0', 1);
  const tier2 = await methodologyVersion(db, bureau.userId, 'BJ-TPH-M-CYCLE', '共享单车骑行碳普惠方法学', '1.0', 2);
  return { users, methodologyVersions: { tier1, tier2 } };
}

async function methodologyVersion(db: DataSource, publishedBy: string, code: string, title: string, version: string, tier: 1 | 2): Promise<string> {
  const [{ id: methodologyId }] = await db.query(
    `INSERT INTO methodologies (code, title, jurisdiction) VALUES ($1, $2, 'BJ') ON CONFLICT (code) DO UPDATE SET title = EXCLUDED.title RETURNING id`,
    [code, title],
  );
  await db.query(
    `INSERT INTO methodology_versions (methodology_id, version, tier, status, applicability_conditions, project_boundary, accounting_method,
       monitoring_method, crediting_period_rules, published_at, published_by)
     VALUES ($1, $2, $3, 'published', $4, $5, $6, $7, $8, now(), $9) ON CONFLICT (methodology_id, version) DO NOTHING`,
    [methodologyId, version, tier, 'Applicability: see published text.', 'Boundary: the installation and grid connection.',
      'Baseline grid emission factor × net generation.', 'Metered net generation, monthly.', '10-year crediting period, renewable once.', publishedBy],
  );
  const [{ id }] = await db.query(`SELECT id FROM methodology_versions WHERE methodology_id = $1 AND version = $2`, [methodologyId, version]);
  return id;
}
