import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { RegistrationAttestations, RegistrationStatus } from '../../../domain/src';

/** BJ-12: Class II until registered against a tier-1 methodology, then Class I. */
@Entity('projects')
export class ProjectEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'organisation_id' }) organisationId!: string;
  @Column('text') name!: string;
  @Column('text') jurisdiction!: string;
  @Column('text') location!: string;
  @Column('uuid', { name: 'methodology_version_id' }) methodologyVersionId!: string;
  @Column('text', { name: 'site_identifiers', array: true }) siteIdentifiers!: string[];
  @Column('date', { name: 'implementation_start_date' }) implementationStartDate!: string;
  @Column('date', { name: 'crediting_period_start' }) creditingPeriodStart!: string;
  @Column('date', { name: 'crediting_period_end' }) creditingPeriodEnd!: string;
  /** BJ-29: suspended projects get no new issuance applications and open cases hold before issuance. */
  @Column('text', { name: 'supervision_status' }) supervisionStatus!: 'active' | 'suspended' | 'cancelled';
  @Column('text', { name: 'project_class' }) projectClass!: 'I' | 'II';
  @Column('text', { name: 'registration_no', nullable: true }) registrationNo!: string | null;
  @Column('timestamptz', { name: 'registered_at', nullable: true }) registeredAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** The projection of a registration case; written by the workflow's activities only (after draft). */
@Entity('registration_cases')
export class RegistrationCaseEntity {
  @PrimaryColumn('text', { name: 'case_no' }) caseNo!: string;
  @Column('text', { name: 'workflow_id' }) workflowId!: string;
  @Column('uuid', { name: 'project_id' }) projectId!: string;
  @Column('uuid', { name: 'organisation_id' }) organisationId!: string;
  @Column('text') jurisdiction!: string;
  @Column('text') status!: RegistrationStatus;
  @Column('int') round!: number;
  @Column('uuid', { name: 'assigned_officer_id', nullable: true }) assignedOfficerId!: string | null;
  @Column('jsonb') attestations!: RegistrationAttestations;
  @Column('text', { name: 'deadline_kind', nullable: true }) deadlineKind!: string | null;
  @Column('timestamptz', { name: 'deadline_at', nullable: true }) deadlineAt!: Date | null;
  @Column('text', { name: 'deadline_local', nullable: true }) deadlineLocal!: string | null;
  @Column('text', { name: 'deadline_binds_on', nullable: true }) deadlineBindsOn!: string | null;
  @Column('text', { name: 'calendar_version', nullable: true }) calendarVersion!: string | null;
  @Column('boolean', { name: 'deadline_provisional' }) deadlineProvisional!: boolean;
  @Column('boolean') overdue!: boolean;
  @Column('boolean') escalated!: boolean;
  @Column('uuid', { name: 'created_by' }) createdBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** BJ-14: a live case holds its project's identifiers; a partial unique index allows one holder. */
@Entity('project_identifier_claims')
export class ProjectIdentifierClaimEntity {
  @PrimaryColumn('text') identifier!: string;
  @PrimaryColumn('text', { name: 'case_no' }) caseNo!: string;
  @Column('timestamptz', { name: 'released_at', nullable: true }) releasedAt!: Date | null;
}
