import { ApiProperty } from '@nestjs/swagger';
import { ApiDateTime, ApiUuid } from '../common/api-properties';

/** An inbox notification: a step that needs the reader's action, or news of their case. */
export class NotificationView {
  @ApiUuid() id!: string;
  @ApiProperty({ type: String, nullable: true, example: 'BJ-REG-2026-000001', description: 'The case it is about, if any' }) caseNo!: string | null;
  @ApiProperty({ example: 'review_request_supplement', description: 'What happened (the procedure table names it)' }) kind!: string;
  @ApiProperty() message!: string;
  @ApiDateTime() createdAt!: string;
  @ApiDateTime({ nullable: true, description: 'Null while unread' }) readAt!: string | null;
}
