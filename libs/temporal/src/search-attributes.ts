import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes on every case workflow, so operators can filter cases in Temporal UI
 * (e.g. `CaseType = "project-registration" AND CaseStatus = "in_publicity"`). Kept small: PostgreSQL
 * visibility has few custom columns per type.
 */
export const CaseType = defineSearchAttributeKey('CaseType', SearchAttributeType.KEYWORD);
export const CaseStatus = defineSearchAttributeKey('CaseStatus', SearchAttributeType.KEYWORD);
export const CaseNumber = defineSearchAttributeKey('CaseNumber', SearchAttributeType.KEYWORD);
export const OrganisationId = defineSearchAttributeKey('OrganisationId', SearchAttributeType.KEYWORD);
export const Jurisdiction = defineSearchAttributeKey('Jurisdiction', SearchAttributeType.KEYWORD);
export const AssignedOfficer = defineSearchAttributeKey('AssignedOfficer', SearchAttributeType.KEYWORD);
export const NextDeadline = defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME);

export const CASE_SEARCH_ATTRIBUTES = [CaseType, CaseStatus, CaseNumber, OrganisationId, Jurisdiction, AssignedOfficer, NextDeadline];

/** As the Temporal CLI wants them: `--search-attribute Name=Type`. */
export const CLI_SEARCH_ATTRIBUTE_FLAGS: string[] = CASE_SEARCH_ATTRIBUTES.flatMap((k) => [
  '--search-attribute',
  `${k.name}=${k.type === SearchAttributeType.DATETIME ? 'Datetime' : 'Keyword'}`,
]);
