import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export const SESSION_REVOCATION_REASONS = ['logout', 'logout_everywhere', 'password_changed', 'refresh_token_reused', 'access_ended'] as const;
export type SessionRevocationReason = (typeof SESSION_REVOCATION_REASONS)[number];

/** One login: a family of refresh tokens, each replacing the one before (ROLE-1). */
@Entity('login_sessions')
export class LoginSessionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'user_id' }) userId!: string;
  @Column('int', { name: 'token_version' }) tokenVersion!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  @Column('text', { name: 'revoked_reason', nullable: true }) revokedReason!: SessionRevocationReason | null;
}

/** A refresh token, known only by its SHA-256 digest; used once. */
@Entity('refresh_tokens')
export class RefreshTokenEntity {
  @PrimaryColumn('text', { name: 'token_digest' }) tokenDigest!: string;
  @Column('uuid', { name: 'session_id' }) sessionId!: string;
  @Column('timestamptz', { name: 'issued_at' }) issuedAt!: Date;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt!: Date;
  @Column('timestamptz', { name: 'used_at', nullable: true }) usedAt!: Date | null;
}

/** The one-time code by which a new user sets their own password (digest only, 72 h). */
@Entity('user_invitations')
export class UserInvitationEntity {
  @PrimaryColumn('text', { name: 'code_digest' }) codeDigest!: string;
  @Column('uuid', { name: 'user_id' }) userId!: string;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt!: Date;
  @Column('timestamptz', { name: 'accepted_at', nullable: true }) acceptedAt!: Date | null;
  @Column('timestamptz', { name: 'withdrawn_at', nullable: true }) withdrawnAt!: Date | null;
}
