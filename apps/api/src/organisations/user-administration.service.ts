import { Inject, Injectable } from '@nestjs/common';
import { Actor, assertRoleSuitsOrganisation, DomainError, Role } from '../../../../libs/domain/src';
import { AUTH_CONFIG, AuthConfig } from '../auth/auth-config';
import { newOpaqueSecret } from '../auth/opaque-secret';
import { UserStateCache } from '../auth/user-state.cache';
import { UserChange, UsersRepository, UserRecord } from '../auth/users.repository';
import type { Invitation } from './organisations.service';

export interface UserPatch {
  name?: string;
  role?: Role;
  organisationId?: string;
  active?: boolean;
}

/**
 * Platform administration of users (admin role). Every change that must end access — deactivation, deletion,
 * a new role or organisation — ends it in the same transaction (token_version bumped, sessions revoked), so
 * the user's next request is refused (ROLE-1). Nothing here ever answers with a token or a password.
 */
@Injectable()
export class UserAdministrationService {
  constructor(
    private readonly users: UsersRepository,
    private readonly userStates: UserStateCache,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  list(organisationId?: string): Promise<UserRecord[]> {
    return this.users.list(organisationId);
  }

  async update(admin: Actor, userId: string, patch: UserPatch): Promise<UserRecord> {
    const targetKind = patch.organisationId ? await this.users.organisationKind(patch.organisationId) : undefined;
    if (patch.organisationId && !targetKind) throw new DomainError('NOT_FOUND', 'No such organisation.', { field: 'organisationId' });
    const updated = await this.users.change(userId, (current): UserChange => {
      assertLive(current);
      const role = patch.role ?? current.role;
      const moves = patch.organisationId !== undefined && patch.organisationId !== current.organisationId;
      if (patch.role !== undefined || moves) assertRoleSuitsOrganisation(targetKind ?? current.organisationKind, role);
      const deactivates = patch.active === false && current.active;
      const reassigned = role !== current.role || moves;
      if (admin.userId === userId && (deactivates || reassigned)) {
        throw new DomainError('FORBIDDEN', 'Administrators cannot deactivate, re-role or move their own account; ask another administrator.');
      }
      return { set: patch, endAccess: deactivates || reassigned ? 'access_ended' : null };
    });
    return this.changed(userId, updated);
  }

  /** Soft delete (BJ-31): the row stays for the record, the user can no longer act; any open invitation is withdrawn. */
  async delete(admin: Actor, userId: string): Promise<UserRecord> {
    if (admin.userId === userId) throw new DomainError('FORBIDDEN', 'Administrators cannot delete their own account; ask another administrator.');
    const deleted = await this.users.change(userId, (current): UserChange => {
      if (current.deletedAt) return { set: {}, endAccess: null }; // deleting twice changes nothing
      return { set: { active: false, deleted: true }, endAccess: 'access_ended' };
    });
    return this.changed(userId, deleted);
  }

  /**
   * A new invitation for a user who has never set a password (the earlier code stops working). Refused for a
   * user with a password: an invitation sets a password, and no administrator may set another person's.
   */
  async reinvite(admin: Actor, userId: string): Promise<Invitation> {
    const invitation = newOpaqueSecret();
    const r = await this.users.reissueInvitation(userId, invitation.digest, this.config.invitationTtlSeconds, admin.userId);
    if (!r) throw new DomainError('NOT_FOUND', 'No such user.');
    if (r === 'not_invitable') {
      throw new DomainError('WRONG_STATE', 'Only an active user who has not set a password yet can be invited again; the person changes their own password.');
    }
    return { code: invitation.secret, expiresAt: r.expiresAt };
  }

  private changed(userId: string, view: UserRecord | undefined): UserRecord {
    if (!view) throw new DomainError('NOT_FOUND', 'No such user.');
    this.userStates.forget(userId);
    return view;
  }
}

function assertLive(u: UserRecord): void {
  if (u.deletedAt) throw new DomainError('WRONG_STATE', 'This user has been deleted; a deleted user cannot be changed.');
}
