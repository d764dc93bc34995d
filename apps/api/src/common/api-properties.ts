import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { QUANTITY_PATTERN } from '../../../../libs/domain/src';

/**
 * The value kinds of this API's answers, each documented one way (the OpenAPI document is a contract a typed
 * client is generated from). Quantities and 64-bit counts are decimal strings, never JSON numbers: a float
 * cannot hold every tonne or serial exactly. Pass `nullable: true`, a description or an example as usual.
 */
const prop = (base: ApiPropertyOptions) => (o: ApiPropertyOptions = {}) => ApiProperty({ ...base, ...o } as ApiPropertyOptions);

/** An instant, ISO 8601 with offset: `2026-10-16T16:00:00.000Z`, or Beijing wall-clock time `2026-10-17T00:00:00+08:00`. */
export const ApiDateTime = prop({ type: String, format: 'date-time' });
/** A calendar day, `YYYY-MM-DD` (Beijing's day where it matters). */
export const ApiCalendarDay = prop({ type: String, format: 'date', example: '2026-10-16' });
export const ApiUuid = prop({ type: String, format: 'uuid' });
/** tCO2e as a decimal string with at most 6 places (BJ-20), e.g. "1050.5". */
export const ApiTco2e = prop({ type: String, pattern: QUANTITY_PATTERN.source, example: '1050.5' });
/** A non-negative integer too large for a JSON number to be safe with (whole tonnes, serials, 64-bit ids), as a decimal string. */
export const ApiIntegerString = prop({ type: String, pattern: '^(0|[1-9][0-9]*)$', example: '300' });
