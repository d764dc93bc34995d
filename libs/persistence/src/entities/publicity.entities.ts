import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** BJ-15 / BJ-30: one notice per publicity round of a case. */
@Entity('publicity_notices')
export class PublicityNoticeEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text', { name: 'case_no' }) caseNo!: string;
  @Column('int') round!: number;
  @Column('text', { name: 'idempotency_key' }) idempotencyKey!: string;
  @Column('text') title!: string;
  @Column('text') summary!: string;
  @Column('timestamptz', { name: 'opened_at' }) openedAt!: Date;
  @Column('timestamptz', { name: 'closes_at' }) closesAt!: Date;
  @Column('text', { name: 'calendar_version' }) calendarVersion!: string;
  @Column('text') status!: 'open' | 'closed';
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt!: Date | null;
  @Column('int', { name: 'standing_comments', nullable: true }) standingComments!: number | null;
}

/** A public comment. The contact is personal data: stored, never disclosed (BJ-31). */
@Entity('publicity_comments')
export class PublicityCommentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'notice_id' }) noticeId!: string;
  @Column('text') body!: string;
  @Column('text', { name: 'author_name' }) authorName!: string;
  @Column('text', { name: 'author_contact', nullable: true }) authorContact!: string | null;
  @Column('timestamptz', { name: 'submitted_at' }) submittedAt!: Date;
  @Column('timestamptz', { name: 'dismissed_at', nullable: true }) dismissedAt!: Date | null;
  @Column('text', { name: 'dismissed_reason', nullable: true }) dismissedReason!: string | null;
  @Column('text', { name: 'dismissed_note', nullable: true }) dismissedNote!: string | null;
  @Column('uuid', { name: 'dismissed_by', nullable: true }) dismissedBy!: string | null;
}
