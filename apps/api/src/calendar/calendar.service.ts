import { Injectable, Logger } from '@nestjs/common';
import { Actor, DomainError } from '../../../../libs/domain/src';
import { assertCalendarDay } from '../../../../libs/domain/src/calendar';
import { CalendarRepository } from '../../../../libs/persistence/src';
import { calendarChangedSignal, registrationWorkflowId } from '../../../../libs/temporal/src';
import { DataSource } from 'typeorm';
import { TemporalClientService } from '../temporal/temporal-client.service';

@Injectable()
export class CalendarService {
  private readonly log = new Logger('Calendar');

  constructor(
    private readonly repo: CalendarRepository,
    private readonly db: DataSource,
    private readonly temporal: TemporalClientService,
  ) {}

  async deadline(from: string, workingDays: number) {
    return (await this.repo.load()).addWorkingDays(from, workingDays);
  }

  async overrides() {
    const calendar = await this.repo.load();
    return { calendarVersion: calendar.version, overrides: await this.repo.listOverrides() };
  }

  async setOverride(actor: Actor, date: string, kind: 'workday' | 'holiday', note?: string) {
    assertCalendarDay(date); // CAL-1: a real YYYY-MM-DD day, else 400
    await this.repo.upsertOverride({ date, kind, note }, actor.userId);
    return { ...(await this.overrides()), casesNotified: await this.notifyOpenCases() };
  }

  async loadYear(year: number) {
    if (!Number.isInteger(year) || year < 2000 || year > 2200) throw new DomainError('VALIDATION_FAILED', 'year must be an integer between 2000 and 2200.');
    await this.repo.markYearLoaded(year);
    return { ...(await this.overrides()), casesNotified: await this.notifyOpenCases() };
  }

  /** CAL-4: open cases with a running deadline recompute it on the new calendar (and move their timers). */
  private async notifyOpenCases(): Promise<number> {
    const rows: { case_no: string }[] = await this.db.query(`SELECT case_no FROM registration_cases WHERE deadline_at IS NOT NULL AND NOT overdue`);
    for (const r of rows) {
      await this.temporal
        .call((client) => client.workflow.getHandle(registrationWorkflowId(r.case_no)).signal(calendarChangedSignal))
        .catch((e) => this.log.warn(`could not signal ${r.case_no}: ${e}`));
    }
    return rows.length;
  }
}
