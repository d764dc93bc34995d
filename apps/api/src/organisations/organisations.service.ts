import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, DomainError, Role } from '../../../../libs/domain/src';
import type { OrganisationKind } from '../../../../libs/persistence/src';
import { TokenService } from '../auth/token.service';

/** Which roles each kind of organisation may have (a developer user cannot sit in the bureau). */
const ROLES_BY_KIND: Record<OrganisationKind, Role[]> = {
  developer: ['developer'],
  verifier: ['verifier'],
  registry: ['officer'],
  bureau: ['bureau'],
  exchange: ['exchange'],
  emitter: ['emitter'],
  platform: ['admin'],
};

@Injectable()
export class OrganisationsService {
  constructor(private readonly db: DataSource, private readonly tokens: TokenService) {}

  async createOrganisation(name: string, kind: OrganisationKind, jurisdiction = 'BJ') {
    const [row] = await this.db.query(
      `INSERT INTO organisations (name, kind, jurisdiction) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id, name, kind, jurisdiction`,
      [name, kind, jurisdiction],
    );
    if (row.kind !== kind) throw new DomainError('DUPLICATE', `Organisation ${name} exists as a ${row.kind}.`);
    return row as { id: string; name: string; kind: OrganisationKind; jurisdiction: string };
  }

  /** Creates (or finds, by e-mail) a user and issues a bearer token for it. */
  async createUser(organisationId: string, role: Role, name: string, email: string): Promise<{ user: Actor & { email: string }; token: string }> {
    const [org] = await this.db.query(`SELECT kind FROM organisations WHERE id = $1`, [organisationId]);
    if (!org) throw new DomainError('NOT_FOUND', 'No such organisation.');
    if (!ROLES_BY_KIND[org.kind as OrganisationKind].includes(role)) throw new DomainError('VALIDATION_FAILED', `A ${org.kind} organisation cannot have ${role} users.`);
    const [u] = await this.db.query(
      `INSERT INTO users (organisation_id, role, name, email) VALUES ($1, $2, $3, $4)
       ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name RETURNING id, organisation_id, role, name, email`,
      [organisationId, role, name, email.toLowerCase()],
    );
    if (u.organisation_id !== organisationId || u.role !== role) throw new DomainError('DUPLICATE', `${email} already belongs to another organisation or role.`);
    const user = { userId: u.id, organisationId, role, name: u.name, email: u.email };
    return { user, token: this.tokens.issue(user) };
  }

  listOrganisations() {
    return this.db.query(`SELECT id, name, kind, jurisdiction FROM organisations ORDER BY kind, name`);
  }
}
