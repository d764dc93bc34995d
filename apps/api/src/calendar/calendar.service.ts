import { Injectable, Logger } from '@nestjs/common';
import { Actor, DomainError } from '../../../../libs/domain/src';
import { assertCalendarDay } from '../../../../libs/domain/src/calendar';
import { CalendarRepository } from '../../../../libs/persistence/src';
import { calendarChangedSignal, caseWorkflowId } from '../../../../libs/temporal/src';
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
    const [calendar, overrides, loadedYears] = await Promise.all([this.repo.load(), this.repo.listOverrides(), this.repo.loadedYears()]);
    return { calendarVersion: calendar.version, overrides, loadedYears };
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

  /**
   * CAL-4: every open case of every type with a running deadline recomputes it on the new calendar (moving
   * its timer, and updating its provisional flag and calendar version). Answers how many were signalled.
   */
  private async notifyOpenCases(): Promise<number> {
    const rows: { case_no: string; case_type: 'registration' | 'issuance' }[] = await this.db.query(
      `SELECT case_no, case_type FROM case_overview WHERE deadline_at IS NOT NULL AND NOT overdue ORDER BY deadline_at`,
    );
    let signalled = 0;
    for (let i = 0; i < rows.length; i += SIGNAL_BATCH) {
      const batch = await Promise.allSettled(
        rows.slice(i, i + SIGNAL_BATCH).map((r) => this.temporal.call((client) => client.workflow.getHandle(caseWorkflowId(r.case_type, r.case_no)).signal(calendarChangedSignal))),
      );
      batch.forEach((b, j) => (b.status === 'fulfilled' ? signalled++ : this.log.warn(`could not signal ${rows[i + j].case_no}: ${b.reason}`)));
    }
    return signalled;
  }
}

/** Signals sent at once: enough to finish 10 000 cases in seconds without flooding the frontend. */
const SIGNAL_BATCH = 50;
