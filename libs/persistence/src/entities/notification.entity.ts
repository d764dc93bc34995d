import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The in-app inbox: one row per step that needs someone's action; its deliveries (e-mail …) are notification_deliveries. */
@Entity('notifications')
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text', { name: 'idempotency_key' }) idempotencyKey!: string;
  @Column('uuid', { name: 'recipient_user_id', nullable: true }) recipientUserId!: string | null;
  @Column('uuid', { name: 'recipient_organisation_id', nullable: true }) recipientOrganisationId!: string | null;
  @Column('text', { name: 'recipient_role', nullable: true }) recipientRole!: string | null;
  @Column('text', { name: 'case_no', nullable: true }) caseNo!: string | null;
  @Column('text') kind!: string;
  @Column('text') message!: string;
  /** The deadline it is about (issue 10), so a later e-mail still names it. */
  @Column('timestamptz', { name: 'deadline_at', nullable: true }) deadlineAt!: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'read_at', nullable: true }) readAt!: Date | null;
}
