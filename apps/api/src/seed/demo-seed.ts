import type { INestApplicationContext } from '@nestjs/common';
import type { Actor, Role } from '../../../../libs/domain/src';
import { AUTH_CONFIG, AuthConfig } from '../auth/auth-config';
import { AuthService } from '../auth/auth.service';
import { PasswordHasher } from '../auth/password-hasher';
import { TokenService } from '../auth/token.service';
import { UsersRepository } from '../auth/users.repository';
import { MethodologiesRepository } from '../methodologies/methodologies.repository';
import { OrganisationsService } from '../organisations/organisations.service';

/** The password the seed gives every demo user that has none yet (printed by `npm run seed`, README quick start). */
export const DEMO_PASSWORD = 'tanpuhui-demo-2026';

export interface SeededUser {
  role: Role;
  name: string;
  email: string;
  userId: string;
  organisationId: string;
  organisation: string;
  /** DEMO_PASSWORD, or null when the person had already set a password of their own (left unchanged). */
  password: string | null;
  /** A bearer token issued directly (no login), valid SEED_TOKEN_TTL (default 12 h), revoked like any other. */
  token: string;
}
export interface DemoSeed {
  users: SeededUser[];
  methodologyVersions: { tier1: string; tier2: string };
}

type Context = Pick<INestApplicationContext, 'get'>;

/**
 * Demo organisations and users (registry, bureau, developers, a third-party verifier, an emitter that buys
 * credits), one or more per role, and two published methodology versions (tier 1 and tier 2).
 * Idempotent: running it again finds what exists and issues fresh tokens.
 */
export async function seedDemo(app: Context): Promise<DemoSeed> {
  const orgs = app.get(OrganisationsService);
  const plan: { org: string; kind: Parameters<OrganisationsService['createOrganisation']>[1]; users: [Role, string, string][] }[] = [
    { org: '碳普惠平台运营 Platform Ops', kind: 'platform', users: [['admin', '平台管理员 Admin', 'admin@registry.example']] },
    { org: '北京市应对气候变化管理事务中心', kind: 'registry', users: [['officer', '王审核 Officer Wang', 'wang@registry.example'], ['officer', '李审核 Officer Li', 'li@registry.example']] },
    { org: '北京市生态环境局', kind: 'bureau', users: [['bureau', '赵处长 Bureau Zhao', 'zhao@bureau.example']] },
    { org: '北京绿能光伏有限公司', kind: 'developer', users: [['developer', '陈开发 Dev Chen', 'chen@greenpv.example']] },
    { org: '京西低碳出行科技有限公司', kind: 'developer', users: [['developer', '周开发 Dev Zhou', 'zhou@lowcarbon.example']] },
    { org: '中环联合认证中心', kind: 'verifier', users: [['verifier', '孙核查 Verifier Sun', 'sun@verifier.example']] },
    // An emitter buys credits (LED-1): the demo transfers part of an issued block to it.
    { org: '北京城东热力有限公司', kind: 'emitter', users: [['emitter', '刘排放 Emitter Liu', 'liu@chengdongheat.example']] },
  ];
  const users: SeededUser[] = [];
  for (const p of plan) {
    const org = await orgs.createOrganisation(p.org, p.kind);
    for (const [role, name, email] of p.users) {
      const { actor, password, token } = await seedUser(app, org.id, role, name, email);
      users.push({ role, name: actor.name, email, userId: actor.userId, organisationId: org.id, organisation: org.name, password, token });
    }
  }
  const bureau = users.find((u) => u.role === 'bureau')!;
  const methodologies = app.get(MethodologiesRepository);
  const tier1 = await methodologyVersion(methodologies, bureau.userId, 'BJ-TPH-M-PV', '分布式光伏发电碳普惠方法学', '1.0', 1);
  const tier2 = await methodologyVersion(methodologies, bureau.userId, 'BJ-TPH-M-CYCLE', '共享单车骑行碳普惠方法学', '1.0', 2);
  return { users, methodologyVersions: { tier1, tier2 } };
}

/**
 * A demo (or bench) user with DEMO_PASSWORD and a bearer token. A new user is created the way an administrator
 * creates one and accepts its invitation the way the person would; an existing user keeps its password if it
 * has one. The token is issued directly for scripts (SEED_TOKEN_TTL) and is checked like any other: deactivating
 * the user ends it.
 */
export async function seedUser(app: Context, organisationId: string, role: Role, name: string, email: string) {
  const users = app.get(UsersRepository);
  const hasher = app.get(PasswordHasher);
  const existing = await users.findForLogin(email);
  if (!existing) {
    const { invitation } = await app.get(OrganisationsService).createUser(organisationId, role, name, email, null);
    await app.get(AuthService).acceptInvitation(invitation.code, DEMO_PASSWORD);
  } else if (existing.actor.organisationId !== organisationId || existing.actor.role !== role) {
    throw new Error(`${email} exists as a ${existing.actor.role} of another organisation; the demo seed will not move it.`);
  } else if (!existing.passwordHash) {
    await users.setPassword(existing.actor.userId, await hasher.hash(DEMO_PASSWORD), 'password_changed');
  }
  const user = (await users.findForLogin(email))!;
  const password = (await hasher.verify(user.passwordHash, DEMO_PASSWORD)) ? DEMO_PASSWORD : null;
  return { actor: user.actor, password, token: seedToken(app, user.actor, user.tokenVersion) };
}

/** A bearer token for scripts, valid SEED_TOKEN_TTL (default 12 h); `tokenVersion` is the user's current one. */
export function seedToken(app: Context, actor: Actor, tokenVersion: number): string {
  return app.get(TokenService).issue(actor, { tokenVersion, ttlSeconds: app.get<AuthConfig>(AUTH_CONFIG).seedTokenTtlSeconds });
}

/** Publishes (or finds) a demo methodology version through the same repository the bureau's endpoint uses. */
async function methodologyVersion(repo: MethodologiesRepository, publishedBy: string, code: string, title: string, version: string, tier: 1 | 2): Promise<string> {
  await repo.publishVersion(
    { code, title, version, tier, applicabilityConditions: 'Applicability: see published text.', projectBoundary: 'Boundary: the installation and grid connection.',
      accountingMethod: 'Baseline grid emission factor × net generation.', monitoringMethod: 'Metered net generation, monthly.',
      creditingPeriodRules: '10-year crediting period, renewable once.' },
    publishedBy,
  );
  return (await repo.versionId(code, version))!;
}
