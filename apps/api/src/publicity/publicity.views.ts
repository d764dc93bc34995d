import { ApiProperty } from '@nestjs/swagger';
import { DISMISSAL_REASONS } from '../../../../libs/domain/src';
import { ApiDateTime, ApiUuid } from '../common/api-properties';

/** What the public sees of publicity (BJ-15, BJ-30): notices and comments, never a commenter's contact. */

export class PublicNoticeView {
  @ApiUuid() id!: string;
  @ApiProperty({ example: 'BJ-REG-2026-000001' }) caseNo!: string;
  @ApiProperty({ type: 'integer', description: 'The case round this publicity belongs to' }) round!: number;
  @ApiProperty() title!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: 'open' | 'closed';
  @ApiDateTime() openedAt!: string;
  @ApiDateTime({ description: 'When comments stop being accepted' }) closesAt!: string;
  @ApiDateTime({ example: '2026-10-17T00:00:00+08:00', description: 'closesAt as Beijing wall-clock time (CAL-3)' }) closesAtLocal!: string;
  @ApiProperty({ description: 'CAL-3: the calendar the closing time was counted on' }) calendarVersion!: string;
  @ApiDateTime({ nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Comments that stood at the close; null while open' }) standingComments!: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'in_publicity', description: "The case's status now" }) caseStatus!: string | null;
}

export class PublicCommentView {
  @ApiUuid() id!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty() body!: string;
  @ApiDateTime() submittedAt!: string;
  @ApiProperty({ description: 'Dismissed by an officer (spam, off topic, duplicate): it does not stand' }) dismissed!: boolean;
  @ApiProperty({ type: String, enum: DISMISSAL_REASONS, nullable: true }) dismissedReason!: (typeof DISMISSAL_REASONS)[number] | null;
}

export class PublicNoticeWithCommentsView extends PublicNoticeView {
  @ApiProperty({ type: [PublicCommentView], description: 'Oldest first' }) comments!: PublicCommentView[];
}

/** A comment as received (BJ-15): it stands unless an officer dismisses it before the close. */
export class CommentReceiptView {
  @ApiUuid() id!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty() body!: string;
  @ApiDateTime() submittedAt!: string;
}
