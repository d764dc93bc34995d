import { Injectable } from '@nestjs/common';
import { DeadlineKind, DomainError, rulePack } from '../../../../libs/domain/src';
import { WorkingDayCalendar } from '../../../../libs/domain/src/calendar';
import { CalendarRepository } from '../../../../libs/persistence/src';
import { Clock } from '../common/clock';
import { CaseDeadlineView } from './case-overview.views';

/** The deadline columns every case row read from the projection carries. */
export interface DeadlineColumns {
  caseNo: string;
  jurisdiction: string;
  deadlineKind: string | null;
  deadlineAt: Date | string | null;
  deadlineLocal: string | null;
  calendarVersion: string | null;
  deadlineProvisional: boolean;
  deadlineStartedAt: Date | string | null;
  overdue: boolean;
}

const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * Deadlines for people (CAL-2, CAL-3): how many working days are left, and the count of a case's running
 * deadline day by day — which days counted, which were passed over and why — so a case officer or a
 * developer can check it by hand. The case's recorded deadline stays the authority; this recounts it on
 * today's calendar and says when the two differ (the case moves its deadline on the calendar signal, CAL-4).
 */
@Injectable()
export class CaseDeadlines {
  constructor(
    private readonly calendars: CalendarRepository,
    private readonly clock: Clock,
  ) {}

  /** Today's calendar and instant, loaded once per request and passed to `workingDaysLeft`. */
  async today(): Promise<{ calendar: WorkingDayCalendar; now: Date }> {
    return { calendar: await this.calendars.load(), now: this.clock.now() };
  }

  /** Working days from today (counted when a working day) to the deadline's last working day; null without a deadline. */
  workingDaysLeft(t: { calendar: WorkingDayCalendar; now: Date }, deadlineAt: Date | string | null): number | null {
    return deadlineAt === null ? null : t.calendar.workingDaysLeft(t.now, iso(deadlineAt));
  }

  /** The running deadline, counted again. NOT_FOUND when the case has none (or it was set before starts were kept). */
  async explain(c: DeadlineColumns): Promise<CaseDeadlineView> {
    if (!c.deadlineKind || !c.deadlineAt || !c.deadlineStartedAt || !c.calendarVersion) {
      throw new DomainError('NOT_FOUND', `Case ${c.caseNo} has no running deadline to explain.`);
    }
    const period = rulePack(c.jurisdiction).periods[c.deadlineKind as DeadlineKind];
    const t = await this.today();
    const recount = t.calendar.addWorkingDays(iso(c.deadlineStartedAt), period.workingDays);
    const closesAt = iso(c.deadlineAt);
    return {
      caseNo: c.caseNo,
      kind: c.deadlineKind,
      words: period.words,
      bindsOn: period.bindsOn,
      workingDays: period.workingDays,
      startedAt: recount.startedAt,
      closesAt,
      closesAtLocal: c.deadlineLocal ?? recount.closesAtLocal,
      lastWorkingDay: recount.lastWorkingDay,
      provisional: c.deadlineProvisional,
      calendarVersion: recount.calendarVersion,
      recordedCalendarVersion: c.calendarVersion,
      agreesWithRecorded: recount.closesAt === closesAt,
      days: recount.days,
      workingDaysLeft: t.calendar.workingDaysLeft(t.now, closesAt),
      overdue: c.overdue,
      rule: 'CAL-2',
    };
  }
}
