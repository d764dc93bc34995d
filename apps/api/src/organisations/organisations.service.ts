import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, assertRoleSuitsOrganisation, DomainError, Role } from '../../../../libs/domain/src';
import type { OrganisationKind } from '../../../../libs/persistence/src';
import { AUTH_CONFIG, AuthConfig } from '../auth/auth-config';
import { newOpaqueSecret } from '../auth/opaque-secret';
import { normaliseEmail, UsersRepository, UserRecord } from '../auth/users.repository';

/** A one-time code for the new user to set their own password (POST /auth/invitations/accept). Shown once. */
export interface Invitation {
  code: string;
  expiresAt: Date;
}

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly db: DataSource,
    private readonly users: UsersRepository,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  async createOrganisation(name: string, kind: OrganisationKind, jurisdiction = 'BJ') {
    const [row] = await this.db.query(
      `INSERT INTO organisations (name, kind, jurisdiction) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id, name, kind, jurisdiction`,
      [name, kind, jurisdiction],
    );
    if (row.kind !== kind) throw new DomainError('DUPLICATE', `Organisation ${name} exists as a ${row.kind}.`);
    return row as { id: string; name: string; kind: OrganisationKind; jurisdiction: string };
  }

  /**
   * Creates a user without a password and a one-time invitation by which the person sets one (ROLE-1: no
   * administrator ever holds a token or password of another user). An existing e-mail is DUPLICATE and
   * changes nothing. `createdBy` is the administrator (null: the demo seed).
   */
  async createUser(organisationId: string, role: Role, name: string, email: string, createdBy: Actor | null): Promise<{ user: UserRecord; invitation: Invitation }> {
    const kind = await this.users.organisationKind(organisationId);
    if (!kind) throw new DomainError('NOT_FOUND', 'No such organisation.');
    assertRoleSuitsOrganisation(kind, role);
    const invitation = newOpaqueSecret();
    const created = await this.users.createWithInvitation({
      organisationId,
      role,
      name,
      email: normaliseEmail(email),
      createdBy: createdBy?.userId ?? null,
      invitationDigest: invitation.digest,
      invitationTtlSeconds: this.config.invitationTtlSeconds,
    });
    if (!created) throw new DomainError('DUPLICATE', `A user with the e-mail address ${normaliseEmail(email)} already exists.`, { field: 'email' });
    return { user: created.user, invitation: { code: invitation.secret, expiresAt: created.invitationExpiresAt } };
  }

  listOrganisations() {
    return this.db.query(`SELECT id, name, kind, jurisdiction FROM organisations ORDER BY kind, name`);
  }
}
