import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes on every case workflow, so operators can filter cases in the Temporal UI
 * (e.g. `CaseType = "issuance" AND NeedsAttention = true`). Production Temporal on PostgreSQL allows 10
 * Keyword and 3 of each other type per namespace: 8 Keyword, 2 Bool and 1 Datetime here.
 */
export const CaseType = defineSearchAttributeKey('CaseType', SearchAttributeType.KEYWORD);
export const CaseStatus = defineSearchAttributeKey('CaseStatus', SearchAttributeType.KEYWORD);
export const CaseNumber = defineSearchAttributeKey('CaseNumber', SearchAttributeType.KEYWORD);
export const OrganisationId = defineSearchAttributeKey('OrganisationId', SearchAttributeType.KEYWORD);
export const OrganisationName = defineSearchAttributeKey('OrganisationName', SearchAttributeType.KEYWORD);
export const Jurisdiction = defineSearchAttributeKey('Jurisdiction', SearchAttributeType.KEYWORD);
export const AssignedOfficer = defineSearchAttributeKey('AssignedOfficer', SearchAttributeType.KEYWORD);
export const OfficerName = defineSearchAttributeKey('OfficerName', SearchAttributeType.KEYWORD);
/** The running deadline, or the passed one while the case is overdue. */
export const NextDeadline = defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME);
/** A registry deadline passed and the case was escalated (BJ-16, BJ-23). */
export const Overdue = defineSearchAttributeKey('Overdue', SearchAttributeType.BOOL);
/** A step failed for a reason other than a business rule (database or activity trouble): look at it. */
export const NeedsAttention = defineSearchAttributeKey('NeedsAttention', SearchAttributeType.BOOL);

export const CASE_SEARCH_ATTRIBUTES = [CaseType, CaseStatus, CaseNumber, OrganisationId, OrganisationName, Jurisdiction, AssignedOfficer, OfficerName, NextDeadline, Overdue, NeedsAttention];

const CLI_TYPE: Partial<Record<SearchAttributeType, string>> = {
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.DATETIME]: 'Datetime',
  [SearchAttributeType.BOOL]: 'Bool',
};

/** As the Temporal CLI wants them: `--search-attribute Name=Type`. */
export const CLI_SEARCH_ATTRIBUTE_FLAGS: string[] = CASE_SEARCH_ATTRIBUTES.flatMap((k) => ['--search-attribute', `${k.name}=${CLI_TYPE[k.type]}`]);
