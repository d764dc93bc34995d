import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ExplainedDayView } from '../calendar/calendar.views';
import { DEADLINE_KINDS, ISSUANCE_STATUSES, REGISTRATION_STATUSES } from '../../../../libs/domain/src';

const STATUSES = [...new Set([...REGISTRATION_STATUSES, ...ISSUANCE_STATUSES])];

/** A case on a worklist: whose it is, what it is about, and its running deadline. */
export class WorklistItemView {
  @ApiProperty({ example: 'BJ-REG-2026-000123' }) caseNo!: string;
  @ApiProperty({ enum: ['registration', 'issuance'] }) caseType!: 'registration' | 'issuance';
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty() round!: number;
  @ApiProperty() organisationName!: string;
  @ApiProperty() projectName!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Once the project is registered (BJ-16)' }) registrationNo!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) assignedOfficerId!: string | null;
  @ApiProperty({ type: String, nullable: true }) assignedOfficerName!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: DEADLINE_KINDS }) deadlineKind!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) deadlineAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-10-17T00:00:00+08:00', description: 'The deadline in Beijing time (CAL-3)' }) deadlineLocal!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['developer', 'registry'] }) deadlineBindsOn!: string | null;
  @ApiProperty({ description: 'Computed on weekdays only: its year has no official schedule yet (CAL-4)' }) deadlineProvisional!: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'Working days from today (counted if a working day) to the last working day of the period; 0 once passed' })
  workingDaysLeft!: number | null;
  @ApiProperty({ description: 'A registry deadline passed (BJ-16, BJ-23)' }) overdue!: boolean;
  @ApiProperty({ description: 'Escalated to the bureau' }) escalated!: boolean;
  @ApiProperty({ description: 'A step failed for a reason other than a rule; operators have been told' }) needsAttention!: boolean;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

/** A case's running deadline, counted again day by day so anyone can check it by hand (CAL-2, CAL-3). */
export class CaseDeadlineView {
  @ApiProperty() caseNo!: string;
  @ApiProperty({ enum: DEADLINE_KINDS }) kind!: string;
  @ApiProperty({ example: 'publicity (公示) closes' }) words!: string;
  @ApiProperty({ enum: ['developer', 'registry'] }) bindsOn!: string;
  @ApiProperty({ example: 10 }) workingDays!: number;
  @ApiProperty({ format: 'date-time', description: 'The instant the period started; its day is not counted (CAL-2)' }) startedAt!: string;
  @ApiProperty({ format: 'date-time' }) closesAt!: string;
  @ApiProperty({ example: '2026-10-17T00:00:00+08:00' }) closesAtLocal!: string;
  @ApiProperty({ example: '2026-10-16', description: 'The N-th working day: the period ends at 24:00 Beijing time of it' }) lastWorkingDay!: string;
  @ApiProperty() provisional!: boolean;
  @ApiProperty({ description: 'The calendar the count below uses (today’s)' }) calendarVersion!: string;
  @ApiProperty({ description: 'The calendar the case’s deadline was computed on (CAL-3)' }) recordedCalendarVersion!: string;
  @ApiProperty({ description: 'False when the calendar has changed since and the case has not yet moved its deadline (CAL-4)' }) agreesWithRecorded!: boolean;
  @ApiProperty({ type: [ExplainedDayView] }) days!: ExplainedDayView[];
  @ApiProperty() workingDaysLeft!: number;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ example: 'CAL-2', description: 'The rule: the start day is not counted; the period ends at 24:00 Asia/Shanghai of the N-th working day after it' }) rule!: 'CAL-2';
}
