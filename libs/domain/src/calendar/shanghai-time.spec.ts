import { assertCalendarDay, shanghaiDateTime } from './working-day-calendar';

describe('Asia/Shanghai presentation (CAL-3)', () => {
  it.each([
    ['2026-10-16T16:00:00.000Z', '2026-10-17T00:00:00+08:00'],
    ['2026-12-31T15:59:59.999Z', '2026-12-31T23:59:59+08:00'],
    ['2026-09-27T17:30:00Z', '2026-09-28T01:30:00+08:00'],
  ])('CAL-3: %s is shown as %s', (instant, local) => {
    expect(shanghaiDateTime(new Date(instant))).toBe(local);
  });
  it('CAL-3: an invalid instant is CALENDAR_INVALID_DATE', () => {
    expect(() => shanghaiDateTime(new Date('nope'))).toThrow(expect.objectContaining({ code: 'CALENDAR_INVALID_DATE' }));
  });
  it.each(['2026-02-30', '2026-2-1', 'tomorrow'])('CAL-1: override day %p is refused', (day) => {
    expect(() => assertCalendarDay(day)).toThrow(expect.objectContaining({ code: 'CALENDAR_INVALID_DATE' }));
  });
  it('CAL-1: a real day is accepted', () => {
    expect(() => assertCalendarDay('2027-01-01')).not.toThrow();
  });
});
