import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, MaxLength, ValidateIf } from 'class-validator';
import { ApiUuid } from '../common/api-properties';

export const DELIVERY_CHOICES = ['inbox', 'email', 'digest'] as const;
export type DeliveryChoice = (typeof DELIVERY_CHOICES)[number];

/** How one kind of notification reaches me (issue 10). */
export class NotificationPreferenceView {
  @ApiProperty({ example: 'review_request_supplement' }) kind!: string;
  @ApiProperty({ example: '需补充材料' }) titleZh!: string;
  @ApiProperty({ example: 'Supplement requested' }) titleEn!: string;
  @ApiProperty({ enum: DELIVERY_CHOICES, description: 'inbox: the inbox only; email: the inbox and an e-mail at once; digest: the inbox and one daily e-mail (08:00 Beijing time) with everything of the day' })
  delivery!: DeliveryChoice;
  @ApiProperty({ enum: DELIVERY_CHOICES, description: 'What applies without a choice: e-mail for what needs action (BJ-15, BJ-16, BJ-23), else the inbox' })
  defaultDelivery!: DeliveryChoice;
  @ApiProperty({ description: 'Whether the user chose (false: the default applies)' }) chosen!: boolean;
}

export class NotificationPreferencesView {
  @ApiProperty({ example: 'chen@greenpv.example', description: 'Where e-mails go (the sign-in address)' }) email!: string;
  @ApiProperty({ type: String, nullable: true, example: 'projects@greenpv.example', description: "The organisation's shared mailbox (set by an administrator), which also gets what is e-mailed by default" })
  sharedMailbox!: string | null;
  @ApiProperty({ type: [NotificationPreferenceView], description: 'Every kind this user can receive' }) kinds!: NotificationPreferenceView[];
}

export class SetNotificationPreferenceDto {
  @ApiProperty({ enum: DELIVERY_CHOICES }) @IsIn(DELIVERY_CHOICES) delivery!: DeliveryChoice;
}

export class SharedMailboxDto {
  @ApiProperty({ type: String, nullable: true, example: 'projects@greenpv.example', description: 'null removes it' })
  @IsOptional() @ValidateIf((_o, v) => v !== null) @IsEmail() @MaxLength(254) address!: string | null;
}

export class SharedMailboxView {
  @ApiUuid() organisationId!: string;
  @ApiProperty({ type: String, nullable: true }) sharedMailbox!: string | null;
}
