export { CalendarError, type CalendarErrorCode } from './calendar-errors';
export {
  MAX_WORKING_DAYS,
  OFFICIAL_SCHEDULE_YEARS,
  WorkingDayCalendar,
  assertCalendarDay,
  shanghaiDate,
  shanghaiDateTime,
  type CalendarData,
  type CalendarOverride,
  type DayKind,
  DAY_REASONS,
  type DayReason,
  type ExplainedDay,
  type WorkingDayDeadline,
  REMINDER_HOUR,
} from './working-day-calendar';
