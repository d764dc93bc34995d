import { DomainError } from '../errors';

export type CalendarErrorCode = 'CALENDAR_INVALID_PERIOD' | 'CALENDAR_INVALID_DATE';

/**
 * Raised for a bad period length or a malformed date/instant (CAL-1..CAL-5).
 * Extends DomainError (and so Error) so the single HTTP exception filter maps it by code like any other
 * domain error; both codes already exist in DomainErrorCode.
 */
export class CalendarError extends DomainError {
  constructor(
    override readonly code: CalendarErrorCode,
    message: string,
  ) {
    super(code, message);
    this.name = 'CalendarError';
  }
}
