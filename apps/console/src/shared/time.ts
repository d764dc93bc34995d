import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The registry runs on Beijing time: every instant is shown as Asia/Shanghai wall-clock time (CAL-3). */
export const BEIJING = 'Asia/Shanghai';

/** '2026-10-17 00:00' for an ISO instant; '—' for none. */
export const beijingDateTime = (iso: string | null | undefined): string => (iso ? dayjs(iso).tz(BEIJING).format('YYYY-MM-DD HH:mm') : '—');

/** '2026-10-17' for an ISO instant or a calendar day. */
export const beijingDate = (iso: string | null | undefined): string => (iso ? (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : dayjs(iso).tz(BEIJING).format('YYYY-MM-DD')) : '—');
