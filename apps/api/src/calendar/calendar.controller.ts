import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { Actor } from '../../../../libs/domain/src';
import { CurrentActor, Public, Roles } from '../auth/actor.decorators';
import { RateLimit } from '../rate-limits/rate-limit.decorator';
import { CalendarService } from './calendar.service';
import { CalendarChangeView, CalendarOverridesView, WorkingDayDeadlineView } from './calendar.views';

export class DeadlineQuery {
  @ApiProperty({ example: '2026-09-28T10:00:00+08:00', description: 'Start instant (ISO 8601 with offset); its day is not counted (CAL-2)' })
  @IsISO8601({ strict: true }) from!: string;
  @ApiProperty({ example: 10 }) @Type(() => Number) @IsInt() @Min(1) @Max(3650) workingDays!: number;
}

export class OverrideDto {
  @ApiProperty({ enum: ['workday', 'holiday'] }) @IsIn(['workday', 'holiday']) kind!: 'workday' | 'holiday';
  @ApiPropertyOptional({ example: '国务院办公厅 2027 年部分节假日安排' }) @IsOptional() @IsString() @MaxLength(500) note?: string;
}

/** CAL-1…CAL-4: the working-day calendar, its admin overrides, and "N working days after D closes when?". */
@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('deadline')
  @Public()
  @RateLimit('public')
  @ApiOkResponse({ type: WorkingDayDeadlineView })
  @ApiOperation({ summary: 'When does a period of N working days starting at D close? (CAL-2)' })
  deadline(@Query() q: DeadlineQuery) {
    return this.calendar.deadline(q.from, q.workingDays);
  }

  @Get('overrides')
  @Public()
  @RateLimit('public')
  @ApiOkResponse({ type: CalendarOverridesView })
  @ApiOperation({ summary: 'Admin overrides on top of chinese-days, the loaded years and the current calendar version' })
  overrides() {
    return this.calendar.overrides();
  }

  @Put('overrides/:date')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiParam({ name: 'date', format: 'date', example: '2027-02-06', description: 'The calendar day, YYYY-MM-DD' })
  @ApiOkResponse({ type: CalendarChangeView })
  @ApiOperation({ summary: 'Set a day as workday or holiday; open cases recompute their deadlines (CAL-4)' })
  setOverride(@CurrentActor() actor: Actor, @Param('date') date: string, @Body() dto: OverrideDto) {
    return this.calendar.setOverride(actor, date, dto.kind, dto.note);
  }

  @Post('years/:year')
  @HttpCode(200)
  @Roles('admin')
  @ApiBearerAuth()
  @ApiParam({ name: 'year', schema: { type: 'integer', minimum: 2000, maximum: 2200 }, example: 2027 })
  @ApiOkResponse({ type: CalendarChangeView })
  @ApiOperation({ summary: "Declare a year's official schedule loaded; provisional deadlines are recomputed (CAL-4)" })
  loadYear(@Param('year') year: string) {
    return this.calendar.loadYear(Number(year));
  }
}
