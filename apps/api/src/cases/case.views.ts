import { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { APPLICATION_MATERIALS, CASE_DOCUMENT_KINDS, DEADLINE_KINDS, DISMISSAL_REASONS, JURISDICTIONS, ROLES } from '../../../../libs/domain/src';
import { ApiDateTime, ApiIntegerString, ApiUuid } from '../common/api-properties';

/**
 * What every case answers, whatever its type (registration or issuance): the shapes of the shared case
 * endpoints. Each case type's views (registration.views.ts, issuance.views.ts) add their own fields.
 */

const BINDS_ON = ['developer', 'registry'] as const;
const APPLICATION_MATERIAL_KINDS = [...new Set(Object.values(APPLICATION_MATERIALS).flat())];

/** A running deadline as the workflow holds it (CAL-3): the absolute instant and the calendar it was counted on. */
export class DeadlineView {
  @ApiProperty({ enum: DEADLINE_KINDS }) kind!: (typeof DEADLINE_KINDS)[number];
  @ApiDateTime({ example: '2026-10-16T16:00:00.000Z' }) closesAt!: string;
  @ApiDateTime({ example: '2026-10-17T00:00:00+08:00', description: 'The same instant as Beijing wall-clock time' }) closesAtLocal!: string;
  @ApiProperty({ example: 'chinese-days@1.5.7+ov:3f2a9c1b0d4e' }) calendarVersion!: string;
  @ApiProperty({ description: 'CAL-4: counted on weekdays only, because a counted year has no official schedule yet' }) provisional!: boolean;
  @ApiProperty({ enum: BINDS_ON, description: 'Whose deadline it is: the developer (lapse) or the registry (escalation)' }) bindsOn!: (typeof BINDS_ON)[number];
}

/** What every case-action answer has: the case as its workflow holds it right after the step (the type's view adds its status and fields). */
export class CaseActionViewBase {
  @ApiProperty({ example: 'BJ-REG-2026-000001' }) caseNo!: string;
  @ApiProperty({ type: 'integer', description: 'Review + publicity round; 0 before submission' }) round!: number;
  @ApiUuid({ nullable: true }) assignedOfficerId!: string | null;
  @ApiProperty({ type: String, nullable: true }) assignedOfficerName!: string | null;
  @ApiProperty({ type: DeadlineView, nullable: true, description: 'The deadline running now; null when none runs' }) deadline!: DeadlineView | null;
  @ApiProperty({ description: 'A registry deadline passed (BJ-16, BJ-23)' }) overdue!: boolean;
  @ApiProperty({ description: 'Escalated to the bureau because a registry deadline passed' }) escalated!: boolean;
  @ApiProperty({ description: 'A step failed for a reason other than a rule; operators were told (the case keeps its state and deadline)' })
  needsAttention!: boolean;
}

/** One step of a case (the timeline): who, what, when, in which round. */
export class TimelineEventView {
  @ApiIntegerString({ example: '1042', description: 'Event id, increasing (a 64-bit integer as a string)' }) id!: string;
  @ApiProperty({ example: 'review_pass', description: 'What happened: created, submitted, claimed, review_pass, publicity_opened, …' }) type!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The case status after the step' }) status!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) round!: number | null;
  @ApiUuid({ nullable: true, description: 'Null for a step the case took itself (a deadline passing)' }) actorUserId!: string | null;
  @ApiProperty({ type: String, nullable: true }) actorName!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ROLES }) actorRole!: string | null;
  @ApiDateTime() occurredAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The step's particulars (arguments, outcome, deadline, quantities …)" })
  data!: Record<string, unknown>;
}

/** A material on a case (BJ-31: stored content-addressed; the digest proves what was filed). */
export class CaseDocumentView {
  @ApiUuid() id!: string;
  @ApiProperty({ enum: CASE_DOCUMENT_KINDS }) kind!: string;
  @ApiProperty({ example: '朝阳区屋顶光伏 设计文件.pdf', description: 'As uploaded, NFC-normalised' }) filename!: string;
  @ApiProperty({ example: 'application/pdf' }) contentType!: string;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the content, hex' }) sha256!: string;
  @ApiProperty({ type: 'integer', example: 183204 }) sizeBytes!: number;
  @ApiProperty({ type: 'integer', description: 'The round the document was uploaded in' }) round!: number;
  @ApiDateTime() uploadedAt!: string;
}

/** A public comment as registry staff and the case's parties see it: with the dismissal, never the author's contact. */
export class CaseCommentView {
  @ApiUuid() id!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty() body!: string;
  @ApiDateTime() submittedAt!: string;
  @ApiDateTime({ nullable: true, description: 'Set when an officer dismissed it (it then does not stand)' }) dismissedAt!: string | null;
  @ApiProperty({ type: String, enum: DISMISSAL_REASONS, nullable: true }) dismissedReason!: (typeof DISMISSAL_REASONS)[number] | null;
  @ApiProperty({ type: String, nullable: true }) dismissedNote!: string | null;
}

/** One publicity round (公示) of a case with every comment it received. */
export class PublicityRoundView {
  @ApiUuid({ description: 'The notice id (GET /public/publicity/{id})' }) id!: string;
  @ApiProperty({ type: 'integer' }) round!: number;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: 'open' | 'closed';
  @ApiDateTime() openedAt!: string;
  @ApiDateTime() closesAt!: string;
  @ApiDateTime({ nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Comments that stood at the close; null while open' }) standingComments!: number | null;
  @ApiProperty({ type: [CaseCommentView], description: 'Oldest first' }) comments!: CaseCommentView[];
}

/** The case row every case type's projection has (lists, worklists, and the top of the case page); the type's view adds its status. */
export class CaseRowViewBase {
  @ApiProperty({ example: 'BJ-REG-2026-000001' }) caseNo!: string;
  @ApiProperty({ type: 'integer', description: 'Review + publicity round; 0 before submission' }) round!: number;
  @ApiProperty({ enum: JURISDICTIONS }) jurisdiction!: (typeof JURISDICTIONS)[number];
  @ApiUuid({ description: "The applicant (developer) organisation" }) organisationId!: string;
  @ApiProperty() organisationName!: string;
  @ApiUuid() projectId!: string;
  @ApiProperty() projectName!: string;
  @ApiProperty({ type: String, nullable: true, example: 'BJ-TPH-I-2026-0001', description: "The project's registration number (BJ-16); null until registered" })
  registrationNo!: string | null;
  @ApiUuid({ nullable: true }) assignedOfficerId!: string | null;
  @ApiProperty({ type: String, nullable: true }) assignedOfficerName!: string | null;
  @ApiProperty({ type: String, enum: DEADLINE_KINDS, nullable: true, description: 'The deadline running now; null when none runs' }) deadlineKind!: string | null;
  @ApiDateTime({ nullable: true }) deadlineAt!: string | null;
  @ApiDateTime({ nullable: true, example: '2026-10-17T00:00:00+08:00', description: 'deadlineAt as Beijing wall-clock time' }) deadlineLocal!: string | null;
  @ApiProperty({ type: String, enum: BINDS_ON, nullable: true }) deadlineBindsOn!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'CAL-3: the calendar the deadline was counted on' }) calendarVersion!: string | null;
  @ApiProperty({ description: 'CAL-4: the running deadline is provisional' }) deadlineProvisional!: boolean;
  @ApiDateTime({ nullable: true, description: 'CAL-2: when the running period started (its day is not counted); GET /cases/{caseNo}/deadline counts it day by day' })
  deadlineStartedAt!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty() escalated!: boolean;
  @ApiProperty() needsAttention!: boolean;
  @ApiDateTime() createdAt!: string;
  @ApiDateTime() updatedAt!: string;
}

/** BJ-13 / BJ-21: the application materials the case's type needs, and those not uploaded yet. */
export class MaterialsChecklistView {
  @ApiProperty({ enum: ['BJ-13', 'BJ-21'], description: 'The requirement that lists them' }) requirement!: string;
  @ApiProperty({ enum: APPLICATION_MATERIAL_KINDS, isArray: true }) required!: string[];
  @ApiProperty({ enum: APPLICATION_MATERIAL_KINDS, isArray: true, description: 'Required kinds with no document yet; submission is refused until empty' }) missing!: string[];
}

/**
 * The case page of a case type: its row plus what the reader may do now (from the procedure table, for this
 * user: ROLE-1, ROLE-2), its documents, its publicity rounds with their comments, and its timeline.
 */
export function CasePage<T>(Row: Type<T>, personActions: readonly string[]) {
  class Page extends (Row as Type<CaseRowViewBase>) {
    @ApiProperty({ enum: personActions, isArray: true, description: 'The actions this user may take now; each is a POST on the case' }) allowedActions!: string[];
    @ApiProperty({ type: MaterialsChecklistView }) materials!: MaterialsChecklistView;
    @ApiProperty({
      enum: CASE_DOCUMENT_KINDS, isArray: true,
      description: 'The kinds of material you may upload to the case now (BJ-13, BJ-21): empty unless its status accepts materials and you may file them (the applicant; the named verifier its report)',
    })
    uploadableKinds!: string[];
    @ApiProperty({ type: String, nullable: true, format: 'uri', description: "Registry staff: the case's workflow in the Temporal UI (null for others, or when no UI is configured)" })
    temporalUiUrl!: string | null;
    @ApiProperty({ type: [CaseDocumentView] }) documents!: CaseDocumentView[];
    @ApiProperty({ type: [PublicityRoundView], description: 'Oldest round first' }) publicity!: PublicityRoundView[];
    @ApiProperty({ type: [TimelineEventView], description: 'Oldest step first' }) timeline!: TimelineEventView[];
  }
  return Page as unknown as Type<T & Page>;
}
