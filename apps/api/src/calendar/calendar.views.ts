import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DAY_REASONS } from '../../../../libs/domain/src/calendar';
import { ApiCalendarDay, ApiDateTime } from '../common/api-properties';

/** The answers of the calendar endpoints (CAL-1…CAL-4). */

/** One calendar day of a period, counted or passed over, and why (CAL-1, CAL-2). */
export class ExplainedDayView {
  @ApiCalendarDay() date!: string;
  @ApiProperty() counted!: boolean;
  @ApiProperty({ enum: DAY_REASONS }) reason!: (typeof DAY_REASONS)[number];
  @ApiPropertyOptional({ example: 'National Day,国庆节', description: "The official schedule's name for it, or the admin's note" }) name?: string;
}

/** CAL-2: a period of N working days and how it was counted, day by day, so anyone can check it by hand. */
export class WorkingDayDeadlineView {
  @ApiDateTime({ example: '2026-09-28T02:00:00.000Z', description: 'The start instant given; its Beijing day is not counted' }) startedAt!: string;
  @ApiProperty({ type: 'integer', example: 10 }) workingDays!: number;
  @ApiDateTime({ example: '2026-10-16T16:00:00.000Z', description: '24:00 Beijing time of the last working day' }) closesAt!: string;
  @ApiDateTime({ example: '2026-10-17T00:00:00+08:00', description: 'closesAt as Beijing wall-clock time' }) closesAtLocal!: string;
  @ApiCalendarDay({ description: 'The N-th working day' }) lastWorkingDay!: string;
  @ApiProperty({ type: [String], format: 'date', description: 'The N working days counted, in order (days between them were holidays or weekends)' })
  countedDays!: string[];
  @ApiProperty({ example: 'chinese-days@1.5.7+ov:3f2a9c1b0d4e', description: 'CAL-3: the calendar data the count used' }) calendarVersion!: string;
  @ApiProperty({ description: 'CAL-4: a counted day is in a year without an official schedule (weekdays were counted)' }) provisional!: boolean;
  @ApiProperty({ type: [ExplainedDayView], description: 'Every day after the start day up to the last working day, counted or passed over, and why' })
  days!: ExplainedDayView[];
}

export class CalendarOverrideView {
  @ApiCalendarDay() date!: string;
  @ApiProperty({ enum: ['workday', 'holiday'] }) kind!: 'workday' | 'holiday';
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

export class CalendarOverridesView {
  @ApiProperty({ description: 'CAL-3: the version deadlines computed now carry' }) calendarVersion!: string;
  @ApiProperty({ type: [CalendarOverrideView], description: 'By date; they win over chinese-days' }) overrides!: CalendarOverrideView[];
  @ApiProperty({ type: [Number], example: [2027], description: "CAL-4: years the admin declared loaded (their schedule is in the overrides), in order" })
  loadedYears!: number[];
}

export class CalendarChangeView extends CalendarOverridesView {
  @ApiProperty({ type: 'integer', description: 'CAL-4: open cases told to recompute their running deadline' }) casesNotified!: number;
}
