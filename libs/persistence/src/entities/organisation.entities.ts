import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrganisationKind, Role } from '../../../domain/src';

export type { OrganisationKind };

@Entity('organisations')
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text') kind!: OrganisationKind;
  @Column('text') jurisdiction!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'organisation_id' }) organisationId!: string;
  @Column('text') role!: Role;
  @Column('text') name!: string;
  @Column('text') email!: string;
  @Column('boolean') active!: boolean;
  /** argon2id (PHC string); NULL until the person sets a password through their invitation. */
  @Column('text', { name: 'password_hash', nullable: true }) passwordHash!: string | null;
  @Column('timestamptz', { name: 'password_set_at', nullable: true }) passwordSetAt!: Date | null;
  /** Carried in access tokens; bumped whenever access must end, so older tokens stop working (ROLE-1). */
  @Column('int', { name: 'token_version' }) tokenVersion!: number;
  /** Soft delete (BJ-31): the row stays, the user can no longer act. */
  @Column('timestamptz', { name: 'deleted_at', nullable: true }) deletedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
