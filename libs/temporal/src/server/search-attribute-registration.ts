import { Connection } from '@temporalio/client';
import { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTES } from '../search-attributes';
import { isTemporalUnavailable } from './temporal-unavailability';

const INDEXED: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  [SearchAttributeType.KEYWORD]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  [SearchAttributeType.DATETIME]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  [SearchAttributeType.BOOL]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  [SearchAttributeType.INT]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
};
const ALREADY_EXISTS = 6;

/**
 * Registers the case and delivery search attributes where the server allows it (dev server, self-hosted, the
 * time-skipping test server). Returns false, with a warning, where it does not: cases then run without
 * search attributes rather than failing their workflow tasks on an unknown attribute. A server that does not answer
 * is not a refusal: that error is thrown, so the caller can ask again once Temporal is back.
 */
export async function ensureSearchAttributes(connection: Pick<Connection, 'operatorService'>, namespace: string, warn: (m: string) => void): Promise<boolean> {
  const searchAttributes = Object.fromEntries(SEARCH_ATTRIBUTES.map((k) => [k.name, INDEXED[k.type]]));
  try {
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
    return true;
  } catch (e) {
    if ((e as { code?: number }).code === ALREADY_EXISTS) return true;
    if (isTemporalUnavailable(e)) throw e;
    // Some servers refuse to re-add a subset; confirm by listing where listing is supported.
    try {
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
      const missing = SEARCH_ATTRIBUTES.filter((k) => !customAttributes?.[k.name]).map((k) => k.name);
      if (!missing.length) return true;
      warn(`Temporal search attributes missing and not registrable (${missing.join(', ')}): ${(e as Error).message}. Cases run without them.`);
    } catch (listError) {
      if (isTemporalUnavailable(listError)) throw listError;
      warn(`Could not register Temporal search attributes: ${(e as Error).message}. Cases run without them; Temporal UI filtering by case attributes is unavailable.`);
    }
    return false;
  }
}
