import { createHash } from 'node:crypto';
// CAL-1: the official schedule comes from chinese-days. We read its shipped JSON rather than calling
// isWorkday()/getDayDetail(): those parse 'YYYY-MM-DD' as UTC midnight but then read the weekday and date
// with *local* getters, so their answer depends on the process time zone (in America/New_York
// getDayDetail('2026-10-10').date is '2026-10-09'). The JSON is the same data with no clock involved.
import officialData from 'chinese-days/dist/chinese-days.json';
import { version as chineseDaysVersion } from 'chinese-days/package.json';
import type { DeadlineReminder } from '../cases/reminders';
import { CalendarError } from './calendar-errors';

export type DayKind = 'workday' | 'holiday';

/** A row of the admin-editable table, used when the State Council publishes a new year (CAL-1). */
export interface CalendarOverride {
  date: string; // 'YYYY-MM-DD'
  kind: DayKind;
  note?: string;
}

export interface CalendarData {
  overrides: CalendarOverride[];
  /** Years the admin declares complete in the override table, so they are no longer provisional (CAL-4). */
  loadedYears: number[];
}

/** Why a calendar day counts as a working day or not (CAL-1), for anyone checking a deadline by hand. */
export const DAY_REASONS = [
  'workday', // Monday–Friday
  'adjusted_workday', // 调休上班: a weekend day worked in exchange for a holiday
  'weekend',
  'statutory_holiday', // including weekdays given in lieu
  'override_workday', // the admin's table says it is worked
  'override_holiday', // the admin's table says it is a holiday
] as const;
export type DayReason = (typeof DAY_REASONS)[number];

export interface ExplainedDay {
  date: string;
  counted: boolean;
  reason: DayReason;
  /** The holiday or adjusted day's name from the official schedule ("National Day,国庆节"), or the admin's note. */
  name?: string;
}

export interface WorkingDayDeadline {
  startedAt: string; // ISO instant given (normalised to toISOString())
  workingDays: number; // N
  closesAt: string; // ISO instant, e.g. '2026-10-16T16:00:00.000Z'
  closesAtLocal: string; // '2026-10-17T00:00:00+08:00'
  lastWorkingDay: string; // '2026-10-16' (the N-th working day)
  countedDays: string[]; // the N dates counted
  calendarVersion: string;
  provisional: boolean; // CAL-4: some counted day is in a year with no official schedule
  /** Every calendar day after the start day up to the last working day, counted or passed over, and why (CAL-2). */
  days: ExplainedDay[];
}

/** CAL-5 reminders go out at this hour, Beijing time. */
export const REMINDER_HOUR = 9;

// Mainland China has used a fixed UTC+8 with no DST since 1991, so a constant offset is exact here.
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Sanity bound so a typo (e.g. 1e9) cannot spin the day loop; real periods are tens of days. */
export const MAX_WORKING_DAYS = 3650;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
// An instant must carry its offset: a bare date or local time would be read in the server's zone.
const INSTANT_RE = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

const OFFICIAL_HOLIDAYS: ReadonlyMap<string, string> = new Map(Object.entries(officialData.holidays as Record<string, string>));
const OFFICIAL_WORKDAYS: ReadonlyMap<string, string> = new Map(Object.entries(officialData.workdays as Record<string, string>));
/** "National Day,国庆节,3" → "National Day,国庆节" (the trailing figure is the holiday's length). */
const holidayName = (raw: string | undefined) => raw?.split(',').slice(0, 2).join(',');

/** Years for which chinese-days ships a published schedule (CAL-4); 2004–2026 in chinese-days 1.5.7. */
export const OFFICIAL_SCHEDULE_YEARS: readonly number[] = [
  ...new Set([...OFFICIAL_HOLIDAYS.keys(), ...OFFICIAL_WORKDAYS.keys()].map((d) => Number(d.slice(0, 4)))),
].sort((a, b) => a - b);
const OFFICIAL_YEAR_SET: ReadonlySet<number> = new Set(OFFICIAL_SCHEDULE_YEARS);

/** UTC-midnight epoch ms of a strict, real 'YYYY-MM-DD' (rejects '2026-02-30', '2026-9-1'). */
function parseDay(date: string): number {
  const m = typeof date === 'string' ? DATE_RE.exec(date) : null;
  if (m) {
    const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    if (formatDay(ms) === date) return ms;
  }
  throw new CalendarError('CALENDAR_INVALID_DATE', `Not a valid date (expected YYYY-MM-DD): ${String(date)}`);
}

function formatDay(utcMs: number): string {
  return new Date(utcMs).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return formatDay(parseDay(date) + days * DAY_MS);
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** 00:00 Asia/Shanghai of a local day, as a UTC ISO instant. */
function shanghaiMidnight(date: string): string {
  return new Date(parseDay(date) - SHANGHAI_OFFSET_MS).toISOString();
}

function toInstant(start: Date | string): Date {
  if (start instanceof Date) {
    if (!Number.isNaN(start.getTime())) return start;
  } else if (typeof start === 'string') {
    const m = INSTANT_RE.exec(start);
    // Date.parse rolls '2026-02-30' over to March, so the date part is checked separately.
    if (m && !Number.isNaN(Date.parse(start))) {
      parseDay(m[1]);
      return new Date(start);
    }
  }
  throw new CalendarError('CALENDAR_INVALID_DATE', `Not a valid ISO instant with offset: ${String(start)}`);
}

function assertPeriod(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORKING_DAYS) {
    throw new CalendarError(
      'CALENDAR_INVALID_PERIOD',
      `A working-day period must be an integer from 1 to ${MAX_WORKING_DAYS}; got ${String(n)}.`,
    );
  }
}

/** An instant as Asia/Shanghai wall-clock time, shown to every party (CAL-3): '2026-10-17T00:00:00+08:00'. */
export function shanghaiDateTime(instant: Date): string {
  const t = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(t)) throw new CalendarError('CALENDAR_INVALID_DATE', `Not a valid instant: ${String(instant)}`);
  return `${new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** Throws CALENDAR_INVALID_DATE unless `date` is a real calendar day written 'YYYY-MM-DD'. */
export function assertCalendarDay(date: string): void {
  parseDay(date);
}

/** The Asia/Shanghai calendar date of an instant, 'YYYY-MM-DD' (CAL-2: 2026-09-27T17:30Z is Sep 28). */
export function shanghaiDate(instant: Date): string {
  const t = instant instanceof Date ? instant.getTime() : Number.NaN;
  const day = Number.isNaN(t) ? '' : formatDay(t + SHANGHAI_OFFSET_MS);
  if (!DATE_RE.test(day)) throw new CalendarError('CALENDAR_INVALID_DATE', `Not a valid instant: ${String(instant)}`);
  return day;
}

export class WorkingDayCalendar {
  private readonly overrides: ReadonlyMap<string, DayKind>;
  private readonly notes: ReadonlyMap<string, string>;
  private readonly loadedYears: ReadonlySet<number>;
  private readonly calendarVersion: string;

  constructor(data: CalendarData = { overrides: [], loadedYears: [] }) {
    const overrides = new Map<string, DayKind>();
    const notes = new Map<string, string>();
    for (const row of data.overrides) {
      if (row.note) notes.set(row.date, row.note);
      parseDay(row.date);
      if (row.kind !== 'workday' && row.kind !== 'holiday') {
        throw new CalendarError('CALENDAR_INVALID_DATE', `Override ${row.date} has unknown kind ${String(row.kind)}.`);
      }
      // Two rows saying opposite things about one day is an admin error, not something to resolve silently.
      if (overrides.has(row.date) && overrides.get(row.date) !== row.kind) {
        throw new CalendarError('CALENDAR_INVALID_DATE', `Conflicting overrides for ${row.date}.`);
      }
      overrides.set(row.date, row.kind);
    }
    for (const year of data.loadedYears) {
      if (!Number.isInteger(year) || year < 1000 || year > 9999) {
        throw new CalendarError('CALENDAR_INVALID_DATE', `Not a valid loaded year: ${String(year)}`);
      }
    }
    this.overrides = overrides;
    this.notes = notes;
    this.loadedYears = new Set(data.loadedYears);

    // CAL-3: deadlines store the calendar they were computed with. The package version pins the official
    // data; the hash covers what the admin can change. Rows and years are sorted and de-duplicated so the
    // version does not depend on input order. Notes are left out: they never change a result.
    const canonical = JSON.stringify({
      overrides: [...overrides.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      loadedYears: [...this.loadedYears].sort((a, b) => a - b),
    });
    const hash = createHash('sha256').update(canonical).digest('hex').slice(0, 12);
    this.calendarVersion = `chinese-days@${chineseDaysVersion}+ov:${hash}`;
  }

  /** CAL-3: changes whenever the official package or the admin data changes; deterministic. */
  get version(): string {
    return this.calendarVersion;
  }

  /** CAL-1: is this 'YYYY-MM-DD' a working day in mainland China? */
  isWorkingDay(date: string): boolean {
    return this.explainDay(date).counted;
  }

  /** CAL-1: whether this day is a working day, and why. */
  explainDay(date: string): ExplainedDay {
    const ms = parseDay(date);
    const override = this.overrides.get(date);
    // The admin table wins over the package (corrections, new years).
    if (override) return { date, counted: override === 'workday', reason: override === 'workday' ? 'override_workday' : 'override_holiday', name: this.notes.get(date) };
    if (OFFICIAL_WORKDAYS.has(date)) return { date, counted: true, reason: 'adjusted_workday', name: holidayName(OFFICIAL_WORKDAYS.get(date)) };
    if (OFFICIAL_HOLIDAYS.has(date)) return { date, counted: false, reason: 'statutory_holiday', name: holidayName(OFFICIAL_HOLIDAYS.get(date)) };
    const weekday = new Date(ms).getUTCDay();
    return weekday !== 0 && weekday !== 6 ? { date, counted: true, reason: 'workday' } : { date, counted: false, reason: 'weekend' };
  }

  /** CAL-4: true if chinese-days ships the year's schedule or the admin declared it loaded. */
  hasOfficialSchedule(year: number): boolean {
    return OFFICIAL_YEAR_SET.has(year) || this.loadedYears.has(year);
  }

  /**
   * CAL-2 (民法典 Art. 201, 203): the start day is not counted; the period ends at 24:00 Asia/Shanghai of the
   * N-th working day after the start date, i.e. 00:00 of the following calendar day.
   */
  addWorkingDays(start: Date | string, n: number): WorkingDayDeadline {
    assertPeriod(n);
    const startedAt = toInstant(start);
    const countedDays: string[] = [];
    const days: ExplainedDay[] = [];
    let day = shanghaiDate(startedAt);
    while (countedDays.length < n) {
      day = addDays(day, 1);
      const explained = this.explainDay(day);
      days.push(explained);
      if (explained.counted) countedDays.push(day);
    }
    const lastWorkingDay = countedDays[countedDays.length - 1]!;
    const closingDay = addDays(lastWorkingDay, 1);
    return {
      startedAt: startedAt.toISOString(),
      workingDays: n,
      closesAt: shanghaiMidnight(closingDay),
      closesAtLocal: `${closingDay}T00:00:00+08:00`,
      lastWorkingDay,
      countedDays,
      calendarVersion: this.version,
      // CAL-4: without a published schedule we counted plain weekdays, which a later schedule may move.
      provisional: countedDays.some((d) => !this.hasOfficialSchedule(yearOf(d))),
      days,
    };
  }

  /**
   * How many working days a person still has before a deadline closing at `closesAt` (24:00 of its last working
   * day, CAL-2): today counts when it is a working day. 0 once the deadline has passed.
   */
  workingDaysLeft(now: Date, closesAt: string): number {
    const lastDay = addDays(shanghaiDate(toInstant(closesAt)), -1);
    let left = 0;
    if (toInstant(closesAt).getTime() <= now.getTime()) return 0;
    for (let day = shanghaiDate(now); day <= lastDay; day = addDays(day, 1)) {
      if (this.isWorkingDay(day)) left++;
      if (left > MAX_WORKING_DAYS) break;
    }
    return left;
  }

  /**
   * CAL-5: when a deadline closing at `closesAt` (24:00 of its last working day) is reminded of — at 09:00 Beijing time,
   * the start of office hours, on the 3rd working day before its last working day and on the last working day itself
   * (the day it passes). Publicity example: the last day is Fri 2026-10-16, so Tue 2026-10-13 09:00 and Fri 09:00.
   */
  remindersFor(closesAt: string): DeadlineReminder[] {
    const lastDay = shanghaiDate(new Date(toInstant(closesAt).getTime() - 1));
    const at = (midnight: string) => new Date(Date.parse(midnight) + REMINDER_HOUR * 3_600_000).toISOString();
    return [
      { which: 'three_working_days', at: at(this.workingDaysBefore(lastDay, 3)) },
      { which: 'due_today', at: at(shanghaiMidnight(lastDay)) },
    ];
  }

  /**
   * CAL-5: 00:00 Asia/Shanghai (as a UTC ISO instant) of the n-th working day strictly before
   * `deadlineLocalDay` — pass the deadline's `lastWorkingDay`, the day at whose end the period closes.
   * E.g. 3 working days before '2026-10-16' is the start of 2026-10-13.
   */
  workingDaysBefore(deadlineLocalDay: string, n: number): string {
    assertPeriod(n);
    let day = deadlineLocalDay;
    parseDay(day);
    for (let found = 0; found < n; ) {
      day = addDays(day, -1);
      if (this.isWorkingDay(day)) found++;
    }
    return shanghaiMidnight(day);
  }
}
