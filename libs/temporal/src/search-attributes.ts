import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes on every case workflow, so operators can filter cases in the Temporal UI
 * (e.g. `CaseType = "issuance" AND NeedsAttention = true`). Production Temporal on PostgreSQL allows 10
 * Keyword and 3 of each other type per namespace: 8 Keyword, 2 Bool and 1 Datetime here (with the delivery
 * workflows' below: 9 Keyword, 1 Int).
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

/**
 * On each notification delivery workflow (one per case: `notification-delivery/<caseNo>`, which also carries
 * `CaseNumber`), so operators find failing deliveries and the backlog:
 * `WorkflowType = "notificationDeliveryWorkflow" AND DeliveryState = "retrying"`, `DeliveryBacklog > 10`.
 * One more Keyword and one Int: within the PostgreSQL visibility limits (10 Keyword, 3 Int).
 */
export const DeliveryState = defineSearchAttributeKey('DeliveryState', SearchAttributeType.KEYWORD);
/** Deliveries of the case still to be made (pending), as last seen by its delivery workflow. */
export const DeliveryBacklog = defineSearchAttributeKey('DeliveryBacklog', SearchAttributeType.INT);
export const DELIVERY_SEARCH_ATTRIBUTES = [DeliveryState, DeliveryBacklog];

/** Every custom search attribute the system registers at start-up. */
export const SEARCH_ATTRIBUTES = [...CASE_SEARCH_ATTRIBUTES, ...DELIVERY_SEARCH_ATTRIBUTES];

const CLI_TYPE: Partial<Record<SearchAttributeType, string>> = {
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.DATETIME]: 'Datetime',
  [SearchAttributeType.BOOL]: 'Bool',
  [SearchAttributeType.INT]: 'Int',
};

/** As the Temporal CLI wants them: `--search-attribute Name=Type`. */
export const CLI_SEARCH_ATTRIBUTE_FLAGS: string[] = SEARCH_ATTRIBUTES.flatMap((k) => ['--search-attribute', `${k.name}=${CLI_TYPE[k.type]}`]);
