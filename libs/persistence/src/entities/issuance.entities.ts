import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { IssuanceStatus, Tonnes } from '../../../domain/src';
import { tonnesColumn } from './tonnes.transformer';

/** Every case number, once, whatever its type: the timeline, publicity and documents reference it. */
@Entity('cases')
export class CaseEntity {
  @PrimaryColumn('text', { name: 'case_no' }) caseNo!: string;
  @Column('text', { name: 'case_type' }) caseType!: 'registration' | 'issuance';
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** The projection of an issuance case (BJ-21…BJ-23); written by the workflow's activities only (after draft). */
@Entity('issuance_cases')
export class IssuanceCaseEntity {
  @PrimaryColumn('text', { name: 'case_no' }) caseNo!: string;
  @Column('text', { name: 'workflow_id' }) workflowId!: string;
  @Column('uuid', { name: 'project_id' }) projectId!: string;
  @Column('uuid', { name: 'organisation_id' }) organisationId!: string;
  @Column('uuid', { name: 'verifier_organisation_id', nullable: true }) verifierOrganisationId!: string | null;
  @Column('text') jurisdiction!: string;
  @Column('date', { name: 'period_start' }) periodStart!: string;
  @Column('date', { name: 'period_end' }) periodEnd!: string;
  @Column('int') vintage!: number;
  @Column('numeric', { name: 'claimed_tco2e', transformer: tonnesColumn }) claimedTco2e!: Tonnes;
  @Column('numeric', { name: 'audited_tco2e', nullable: true, transformer: tonnesColumn }) auditedTco2e!: Tonnes | null;
  @Column('numeric', { name: 'issued_tco2e', nullable: true, transformer: tonnesColumn }) issuedTco2e!: Tonnes | null;
  @Column('uuid', { name: 'block_id', nullable: true }) blockId!: string | null;
  @Column('text') status!: IssuanceStatus;
  @Column('int') round!: number;
  @Column('uuid', { name: 'assigned_officer_id', nullable: true }) assignedOfficerId!: string | null;
  @Column('uuid', { name: 'reviewed_by', array: true }) reviewedBy!: string[];
  @Column('uuid', { name: 'signed_off_by', nullable: true }) signedOffBy!: string | null;
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
