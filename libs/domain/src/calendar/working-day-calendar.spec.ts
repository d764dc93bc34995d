import { isWorkday } from 'chinese-days';
import { version as chineseDaysVersion } from 'chinese-days/package.json';
import {
  CalendarError,
  OFFICIAL_SCHEDULE_YEARS,
  WorkingDayCalendar,
  shanghaiDate,
  type CalendarData,
  type CalendarErrorCode,
} from './index';

const plain = new WorkingDayCalendar();

function expectCalendarError(fn: () => unknown, code: CalendarErrorCode): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(CalendarError);
  expect(caught).toBeInstanceOf(Error);
  expect((caught as CalendarError).code).toBe(code);
}

describe('WorkingDayCalendar', () => {
  describe('CAL-1: official mainland-China calendar', () => {
    // Every row checked against chinese-days' dist/chinese-days.json for 2026.
    it.each([
      ['2026-09-30', true, 'ordinary Wednesday'],
      ['2026-10-17', false, 'ordinary Saturday'],
      ['2026-10-11', false, 'ordinary Sunday'],
      ['2026-10-01', false, 'National Day (Thursday)'],
      ['2026-10-07', false, 'National Day holiday weekday (Wednesday)'],
      ['2026-09-25', false, 'Mid-autumn Festival (Friday)'],
      ['2026-01-01', false, "New Year's Day (Thursday)"],
      ['2026-10-10', true, '调休 working Saturday for National Day'],
      ['2026-09-20', true, '调休 working Sunday for National Day'],
      ['2026-02-14', true, '调休 working Saturday for Spring Festival'],
      ['2026-05-09', true, '调休 working Saturday for Labour Day'],
    ])('CAL-1: %s is working day = %s (%s)', (date, expected) => {
      expect(plain.isWorkingDay(date)).toBe(expected);
    });

    // chinese-days builds its own lookup tables with local-time getters, so west of UTC (e.g. TZ=America/New_York)
    // the whole table slides a day (it calls Wed 2026-09-30 National Day). Our calendar reads the JSON and does
    // not care about TZ; the test run pins TZ=Asia/Shanghai (jest.config.js) so the library is a valid oracle.
    it('CAL-1: agrees with chinese-days isWorkday() for every day of every covered year', () => {
      const first = OFFICIAL_SCHEDULE_YEARS[0]!;
      const last = OFFICIAL_SCHEDULE_YEARS[OFFICIAL_SCHEDULE_YEARS.length - 1]!;
      const mismatches: string[] = [];
      for (let t = Date.UTC(first, 0, 1); t < Date.UTC(last + 1, 0, 1); t += 86_400_000) {
        const day = new Date(t).toISOString().slice(0, 10);
        // chinese-days reads Dates with local getters, so hand it local midnight of the same calendar day.
        const local = new Date(new Date(t).getUTCFullYear(), new Date(t).getUTCMonth(), new Date(t).getUTCDate());
        if (plain.isWorkingDay(day) !== isWorkday(local)) mismatches.push(day);
      }
      expect(mismatches).toEqual([]);
    });

    it('CAL-1/CAL-4: chinese-days covers a contiguous run of years from 2004 through at least 2026', () => {
      const first = OFFICIAL_SCHEDULE_YEARS[0]!;
      expect(first).toBe(2004);
      expect(OFFICIAL_SCHEDULE_YEARS).toContain(2026);
      expect(OFFICIAL_SCHEDULE_YEARS).toEqual(OFFICIAL_SCHEDULE_YEARS.map((_, i) => first + i));
    });
  });

  describe('CAL-2: start day not counted; closes 24:00 Asia/Shanghai of the N-th working day', () => {
    it('CAL-2: publicity opened Mon 2026-09-28 closes 2026-10-17T00:00+08:00 (National Day 2026)', () => {
      const deadline = plain.addWorkingDays(new Date('2026-09-28T02:00:00+08:00'), 10);
      expect(deadline).toEqual({
        startedAt: '2026-09-27T18:00:00.000Z',
        workingDays: 10,
        closesAt: '2026-10-16T16:00:00.000Z',
        closesAtLocal: '2026-10-17T00:00:00+08:00',
        lastWorkingDay: '2026-10-16',
        countedDays: [
          '2026-09-29',
          '2026-09-30',
          '2026-10-08',
          '2026-10-09',
          '2026-10-10', // 调休 working Saturday
          '2026-10-12',
          '2026-10-13',
          '2026-10-14',
          '2026-10-15',
          '2026-10-16',
        ],
        calendarVersion: plain.version,
        provisional: false,
        days: expect.any(Array), // explained day by day below
      });
    });

    it.each([
      ['00:00 Shanghai on Mon 2026-09-28', '2026-09-27T16:00:00.000Z', '2026-10-16T16:00:00.000Z'],
      ['23:59 Shanghai on Mon 2026-09-28', '2026-09-28T15:59:59.999Z', '2026-10-16T16:00:00.000Z'],
      ['a late-UTC instant already Mon 2026-09-28 in Shanghai', '2026-09-27T17:30:00Z', '2026-10-16T16:00:00.000Z'],
      ['the same instant written with +08:00', '2026-09-28T01:30:00+08:00', '2026-10-16T16:00:00.000Z'],
      // One millisecond earlier is still Sun Sep 27 in Shanghai, so Mon Sep 28 becomes the first counted day.
      ['23:59:59.999 Shanghai on Sun 2026-09-27', '2026-09-27T15:59:59.999Z', '2026-10-15T16:00:00.000Z'],
    ])('CAL-2: 10 working days from %s (%s) close at %s', (_label, start, closesAt) => {
      expect(plain.addWorkingDays(start, 10).closesAt).toBe(closesAt);
    });

    it.each([
      ['Fri 2026-09-11', '2026-09-11T09:00:00+08:00', '2026-09-14', '2026-09-14T16:00:00.000Z'],
      ['Fri 2026-10-09 (next day is a 调休 working Saturday)', '2026-10-09T09:00:00+08:00', '2026-10-10', '2026-10-10T16:00:00.000Z'],
      ['Sat 2026-10-10 (start day not counted even if worked)', '2026-10-10T09:00:00+08:00', '2026-10-12', '2026-10-12T16:00:00.000Z'],
      ['Wed 2026-09-30, over the National Day holiday', '2026-09-30T09:00:00+08:00', '2026-10-08', '2026-10-08T16:00:00.000Z'],
    ])('CAL-2: n=1 from %s (%s) ends 24:00 Shanghai of %s', (_label, start, lastWorkingDay, closesAt) => {
      const deadline = plain.addWorkingDays(start, 1);
      expect(deadline.lastWorkingDay).toBe(lastWorkingDay);
      expect(deadline.countedDays).toEqual([lastWorkingDay]);
      expect(deadline.closesAt).toBe(closesAt);
    });

    it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 1_000_000])(
      'CAL-2: period of %p working days is rejected with CALENDAR_INVALID_PERIOD',
      (n) => {
        expectCalendarError(() => plain.addWorkingDays('2026-09-28T09:00:00+08:00', n), 'CALENDAR_INVALID_PERIOD');
        expectCalendarError(() => plain.workingDaysBefore('2026-10-16', n), 'CALENDAR_INVALID_PERIOD');
      },
    );

    it.each([
      ['not a date'],
      ['2026-09-28'], // a bare date has no offset, so it is not an instant
      ['2026-09-28T09:00:00'], // local time without offset
      ['2026-02-30T09:00:00Z'], // Date.parse would roll this over to March
      ['2026-09-28T24:00:00Z'],
      [new Date(Number.NaN)],
    ])('CAL-2: start %p is rejected with CALENDAR_INVALID_DATE', (start) => {
      expectCalendarError(() => plain.addWorkingDays(start, 10), 'CALENDAR_INVALID_DATE');
    });
  });

  describe('CAL-1/CAL-3: admin overrides change the result and the version', () => {
    const start = '2026-09-28T09:00:00+08:00';

    it.each<[string, string, CalendarData]>([
      ['no overrides', '2026-10-16', { overrides: [], loadedYears: [] }],
      [
        'Mon 2026-10-12 declared a holiday',
        '2026-10-19',
        { overrides: [{ date: '2026-10-12', kind: 'holiday', note: 'test' }], loadedYears: [] },
      ],
      [
        'Sun 2026-10-11 declared a working day',
        '2026-10-15',
        { overrides: [{ date: '2026-10-11', kind: 'workday', note: 'test' }], loadedYears: [] },
      ],
      [
        'the 调休 Saturday 2026-10-10 declared a holiday',
        '2026-10-19',
        { overrides: [{ date: '2026-10-10', kind: 'holiday' }], loadedYears: [] },
      ],
    ])('CAL-1: with %s, 10 working days from Mon 2026-09-28 end on %s', (_label, lastWorkingDay, data) => {
      expect(new WorkingDayCalendar(data).addWorkingDays(start, 10).lastWorkingDay).toBe(lastWorkingDay);
    });

    it('CAL-3: version names the chinese-days release and a short hash of the admin data', () => {
      expect(plain.version).toMatch(new RegExp(`^chinese-days@${chineseDaysVersion.replace(/\./g, '\\.')}\\+ov:[0-9a-f]{12}$`));
    });

    it('CAL-3: version is deterministic and ignores input order, duplicates and notes', () => {
      const a = new WorkingDayCalendar({
        overrides: [
          { date: '2027-01-01', kind: 'holiday', note: '元旦' },
          { date: '2026-10-12', kind: 'holiday' },
        ],
        loadedYears: [2027, 2028],
      });
      const b = new WorkingDayCalendar({
        overrides: [
          { date: '2026-10-12', kind: 'holiday', note: 'different note' },
          { date: '2027-01-01', kind: 'holiday' },
          { date: '2027-01-01', kind: 'holiday' },
        ],
        loadedYears: [2028, 2027, 2027],
      });
      expect(a.version).toBe(b.version);
      expect(new WorkingDayCalendar().version).toBe(plain.version);
      expect(new WorkingDayCalendar({ overrides: [], loadedYears: [] }).version).toBe(plain.version);
    });

    it.each<[string, CalendarData]>([
      ['a holiday override', { overrides: [{ date: '2026-10-12', kind: 'holiday' }], loadedYears: [] }],
      ['a workday override', { overrides: [{ date: '2026-10-11', kind: 'workday' }], loadedYears: [] }],
      ['the same date with the other kind', { overrides: [{ date: '2026-10-12', kind: 'workday' }], loadedYears: [] }],
      ['a loaded year', { overrides: [], loadedYears: [2099] }],
    ])('CAL-3: %s changes the version, and the deadline carries it', (_label, data) => {
      const calendar = new WorkingDayCalendar(data);
      expect(calendar.version).not.toBe(plain.version);
      expect(calendar.addWorkingDays(start, 10).calendarVersion).toBe(calendar.version);
    });

    it('CAL-3: a holiday and a workday override on the same date give different versions', () => {
      const holiday = new WorkingDayCalendar({ overrides: [{ date: '2026-10-12', kind: 'holiday' }], loadedYears: [] });
      const workday = new WorkingDayCalendar({ overrides: [{ date: '2026-10-12', kind: 'workday' }], loadedYears: [] });
      expect(holiday.version).not.toBe(workday.version);
    });

    it.each<[string, CalendarData]>([
      ['a malformed override date', { overrides: [{ date: '2026-9-1', kind: 'holiday' }], loadedYears: [] }],
      ['a non-existent override date', { overrides: [{ date: '2026-02-29', kind: 'holiday' }], loadedYears: [] }],
      [
        'conflicting overrides for one date',
        {
          overrides: [
            { date: '2026-10-12', kind: 'holiday' },
            { date: '2026-10-12', kind: 'workday' },
          ],
          loadedYears: [],
        },
      ],
      ['an unknown kind', { overrides: [{ date: '2026-10-12', kind: 'rest' as never }], loadedYears: [] }],
      ['a non-integer loaded year', { overrides: [], loadedYears: [2027.5] }],
    ])('CAL-1: %s is rejected with CALENDAR_INVALID_DATE', (_label, data) => {
      expectCalendarError(() => new WorkingDayCalendar(data), 'CALENDAR_INVALID_DATE');
    });
  });

  describe('CAL-4: years without an official schedule are provisional', () => {
    it.each([
      [2004, true],
      [2026, true],
      [2003, false],
      [2099, false],
    ])('CAL-4: hasOfficialSchedule(%i) = %s without admin data', (year, expected) => {
      expect(plain.hasOfficialSchedule(year)).toBe(expected);
    });

    it.each([
      { from: 'Fri 2099-03-06', loadedYears: [], countedDays: ['2099-03-09', '2099-03-10', '2099-03-11'], provisional: true },
      { from: 'Fri 2099-03-06', loadedYears: [2099], countedDays: ['2099-03-09', '2099-03-10', '2099-03-11'], provisional: false },
      { from: 'Wed 2099-12-30', loadedYears: [2099], countedDays: ['2099-12-31', '2100-01-01', '2100-01-04'], provisional: true },
      { from: 'Wed 2099-12-30', loadedYears: [2099, 2100], countedDays: ['2099-12-31', '2100-01-01', '2100-01-04'], provisional: false },
    ])(
      'CAL-4: 3 working days from $from with loadedYears $loadedYears count weekdays, provisional=$provisional',
      ({ from, loadedYears, countedDays, provisional }) => {
        const start = `${from.slice(4)}T12:00:00+08:00`;
        const deadline = new WorkingDayCalendar({ overrides: [], loadedYears }).addWorkingDays(start, 3);
        expect(deadline.countedDays).toEqual(countedDays);
        expect(deadline.provisional).toBe(provisional);
      },
    );

    it('CAL-4: an admin-loaded year uses its override rows (2100-01-01 declared a holiday)', () => {
      const calendar = new WorkingDayCalendar({
        overrides: [{ date: '2100-01-01', kind: 'holiday', note: '元旦' }],
        loadedYears: [2099, 2100],
      });
      const deadline = calendar.addWorkingDays('2099-12-30T12:00:00+08:00', 3);
      expect(deadline.countedDays).toEqual(['2099-12-31', '2100-01-04', '2100-01-05']);
      expect(deadline.provisional).toBe(false);
    });
  });

  describe('CAL-5: workingDaysBefore for reminders', () => {
    it.each([
      ['2026-10-16', 3, '2026-10-12T16:00:00.000Z', 'start of Tue 2026-10-13'],
      ['2026-10-09', 3, '2026-09-28T16:00:00.000Z', 'start of Tue 2026-09-29, skipping National Day'],
      ['2026-10-12', 1, '2026-10-09T16:00:00.000Z', 'start of the 调休 working Saturday 2026-10-10'],
      ['2026-10-08', 1, '2026-09-29T16:00:00.000Z', 'start of Wed 2026-09-30'],
    ])('CAL-5: %s minus %i working days is %s (%s)', (deadlineDay, n, expected) => {
      expect(plain.workingDaysBefore(deadlineDay, n)).toBe(expected);
    });

    it('CAL-5: 3-working-day reminder for the CAL-2 publicity example', () => {
      const deadline = plain.addWorkingDays('2026-09-28T09:00:00+08:00', 10);
      expect(plain.workingDaysBefore(deadline.lastWorkingDay, 3)).toBe('2026-10-12T16:00:00.000Z');
    });

    it('CAL-5: a deadline is reminded of at 09:00 Beijing on the 3rd working day before its last day and on its last day', () => {
      const deadline = plain.addWorkingDays('2026-09-28T09:00:00+08:00', 10); // closes 2026-10-17T00:00+08:00, last day Fri Oct 16
      expect(plain.remindersFor(deadline.closesAt)).toEqual([
        { which: 'three_working_days', at: '2026-10-13T01:00:00.000Z' },
        { which: 'due_today', at: '2026-10-16T01:00:00.000Z' },
      ]);
    });

    it('CAL-5: across a holiday the 3 working days skip it (last day Fri 2026-10-09 → reminded Tue 2026-09-29)', () => {
      expect(plain.remindersFor('2026-10-10T00:00:00+08:00')).toEqual([
        { which: 'three_working_days', at: '2026-09-29T01:00:00.000Z' },
        { which: 'due_today', at: '2026-10-09T01:00:00.000Z' },
      ]);
    });

    it.each(['2026-10-32', '2026/10/16', '2026-10-16T00:00:00Z', ''])(
      'CAL-5: deadline day %p is rejected with CALENDAR_INVALID_DATE',
      (day) => {
        expectCalendarError(() => plain.workingDaysBefore(day, 3), 'CALENDAR_INVALID_DATE');
      },
    );
  });

  describe('shanghaiDate', () => {
    it.each([
      ['2026-09-27T15:59:59.999Z', '2026-09-27'],
      ['2026-09-27T16:00:00.000Z', '2026-09-28'],
      ['2026-09-27T17:30:00.000Z', '2026-09-28'],
      ['2026-12-31T16:00:00.000Z', '2027-01-01'],
    ])('CAL-2: instant %s is %s in Asia/Shanghai', (instant, day) => {
      expect(shanghaiDate(new Date(instant))).toBe(day);
    });

    it('CAL-2: an invalid Date is rejected with CALENDAR_INVALID_DATE', () => {
      expectCalendarError(() => shanghaiDate(new Date(Number.NaN)), 'CALENDAR_INVALID_DATE');
    });
  });

  describe('CAL-1: isWorkingDay validates its input', () => {
    it.each(['2026-02-29', '2026-9-1', '20260901', '2026-09-01T00:00:00Z', ''])(
      'CAL-1: %p is rejected with CALENDAR_INVALID_DATE',
      (date) => {
        expectCalendarError(() => plain.isWorkingDay(date), 'CALENDAR_INVALID_DATE');
      },
    );
  });
});

describe('CAL-2: a deadline explained day by day, so anyone can check it by hand', () => {
  const cal = new WorkingDayCalendar();
  it('CAL-2: the 2026 National Day example lists every day after the start: counted, holidays and 调休 passed over or counted', () => {
    const d = cal.addWorkingDays('2026-09-28T10:00:00+08:00', 10);
    expect(d.days.filter((x) => x.counted).map((x) => x.date)).toEqual(d.countedDays);
    expect(d.days[0]).toEqual({ date: '2026-09-29', counted: true, reason: 'workday' });
    expect(d.days.find((x) => x.date === '2026-10-01')).toEqual({ date: '2026-10-01', counted: false, reason: 'statutory_holiday', name: expect.stringContaining('国庆节') });
    expect(d.days.find((x) => x.date === '2026-10-10')).toEqual({ date: '2026-10-10', counted: true, reason: 'adjusted_workday', name: expect.stringContaining('国庆节') });
    expect(d.days.find((x) => x.date === '2026-10-11')).toEqual({ date: '2026-10-11', counted: false, reason: 'weekend' });
    expect(d.days[d.days.length - 1].date).toBe(d.lastWorkingDay);
  });
  it('CAL-1: an admin override is named with its note', () => {
    const withOverride = new WorkingDayCalendar({ overrides: [{ date: '2026-09-29', kind: 'holiday', note: '临时调整' }], loadedYears: [] });
    expect(withOverride.explainDay('2026-09-29')).toEqual({ date: '2026-09-29', counted: false, reason: 'override_holiday', name: '临时调整' });
  });
  it.each([
    ['2026-10-09T10:00:00+08:00', 7], // Oct 9, Sat Oct 10 (调休), Oct 12–16
    ['2026-10-16T23:59:00+08:00', 1], // the last working day itself
    ['2026-10-17T00:00:00+08:00', 0], // closed
    ['2026-10-03T09:00:00+08:00', 8], // a holiday today does not count
  ])('CAL-2: working days left at %s before the 2026-10-17 close: %i', (now, left) => {
    expect(cal.workingDaysLeft(new Date(now), '2026-10-16T16:00:00.000Z')).toBe(left);
  });
});
