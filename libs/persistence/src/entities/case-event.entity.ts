import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The case timeline: append-only (a trigger refuses UPDATE and DELETE, BJ-31). */
@Entity('case_events')
export class CaseEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('text', { name: 'case_no' }) caseNo!: string;
  @Column('text', { name: 'idempotency_key' }) idempotencyKey!: string;
  @Column('text') type!: string;
  @Column('text', { nullable: true }) status!: string | null;
  @Column('int', { nullable: true }) round!: number | null;
  @Column('uuid', { name: 'actor_user_id', nullable: true }) actorUserId!: string | null;
  @Column('text', { name: 'actor_name', nullable: true }) actorName!: string | null;
  @Column('text', { name: 'actor_role', nullable: true }) actorRole!: string | null;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt!: Date;
  @Column('jsonb') data!: Record<string, unknown>;
}
