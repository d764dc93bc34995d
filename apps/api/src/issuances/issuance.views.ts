import { ApiProperty } from '@nestjs/swagger';
import { ISSUANCE_PROCEDURE, ISSUANCE_STATUSES, IssuanceStatus, OVER_CLAIM_BASES, personActions } from '../../../../libs/domain/src';
import { CaseActionViewBase, CasePage, CaseRowViewBase } from '../cases/case.views';
import { ApiCalendarDay, ApiIntegerString, ApiTco2e, ApiUuid } from '../common/api-properties';

/** The answers of the issuance endpoints (BJ-21…BJ-23), as issuances.repository.ts and the workflow give them. Quantities are strings. */

/** An issuance case with its project, as lists, worklists and the bureau's queue show it. */
export class IssuanceCaseSummary extends CaseRowViewBase {
  @ApiProperty({ enum: ISSUANCE_STATUSES }) status!: IssuanceStatus;
  @ApiUuid({ nullable: true, description: 'The third-party verifier named on the application; null when the developer verifies itself (BJ-21)' })
  verifierOrganisationId!: string | null;
  @ApiProperty({ type: String, nullable: true }) verifierName!: string | null;
  @ApiCalendarDay({ description: 'First day of the monitoring period' }) periodStart!: string;
  @ApiCalendarDay({ description: 'Last day of the monitoring period' }) periodEnd!: string;
  @ApiProperty({ type: 'integer', example: 2027, description: 'The year the monitoring period ends in' }) vintage!: number;
  @ApiTco2e({ description: 'Claimed reductions, tCO2e (BJ-20)' }) claimedTco2e!: string;
  @ApiTco2e({ nullable: true, description: "Fixed by the registry's technical review (BJ-23); null before" }) auditedTco2e!: string | null;
  @ApiIntegerString({ nullable: true, description: 'Whole tonnes issued at sign-off (0 when the over-claim rule leaves nothing); null before' }) issuedTco2e!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'BJ-TPH-I-2026-0001-V2027-01', description: 'The serial block issued; null before (or when 0 t were issued)' })
  blockPrefix!: string | null;
  @ApiIntegerString({ nullable: true, description: 'Tonnes in the block' }) blockQuantity!: string | null;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Everyone who did the technical review (ROLE-2: none of them may sign off)' }) reviewedBy!: string[];
  @ApiUuid({ nullable: true }) signedOffBy!: string | null;
}

/** What the over-claim rule gives for the claimed and audited quantities (BJ-23). */
export class IssuableView {
  @ApiIntegerString({ example: '949', description: 'Whole tonnes, rounded down' }) tco2e!: string;
  @ApiTco2e({ example: '50.5', description: 'Claimed minus audited; 0 when the claim is not above the audit' }) excessTco2e!: string;
  @ApiTco2e({ example: '50', description: '5 % of audited: an excess this large or larger is deducted' }) thresholdTco2e!: string;
  @ApiProperty({ enum: OVER_CLAIM_BASES }) basis!: (typeof OVER_CLAIM_BASES)[number];
  @ApiProperty({ example: 'excess 50.5 ≥ 5 % of audited 1000: issue audited − excess' }) explanation!: string;
}

/** The issuance case page: the case, what you may do now, the issuable quantity, documents, publicity rounds and timeline. */
export class IssuanceCaseView extends CasePage(IssuanceCaseSummary, personActions(ISSUANCE_PROCEDURE)) {
  @ApiProperty({ type: IssuableView, nullable: true, description: 'BJ-23: what sign-off would issue, once audited' }) issuable!: IssuableView | null;
}

/** The serial block an issuance put into the developer's account (LED-2). */
export class IssuedBlockView {
  @ApiProperty({ example: 'BJ-TPH-I-2026-0001-V2027-01' }) prefix!: string;
  @ApiIntegerString({ example: '1' }) serialFrom!: string;
  @ApiIntegerString({ example: '949' }) serialTo!: string;
  @ApiProperty({ example: 'BJ-ACC-000001' }) accountNo!: string;
}

/** What an issuance case action answers: the case as its workflow holds it after the step. */
export class IssuanceCaseActionView extends CaseActionViewBase {
  @ApiProperty({ enum: ISSUANCE_STATUSES }) status!: IssuanceStatus;
  @ApiTco2e() claimedTco2e!: string;
  @ApiTco2e({ nullable: true }) auditedTco2e!: string | null;
  @ApiProperty({ type: IssuableView, nullable: true, description: 'Once audited' }) issuable!: IssuableView | null;
  @ApiProperty({ type: [String], format: 'uuid' }) reviewedBy!: string[];
  @ApiUuid({ nullable: true }) signedOffBy!: string | null;
  @ApiIntegerString({ nullable: true }) issuedTco2e!: string | null;
  @ApiProperty({ type: IssuedBlockView, nullable: true, description: 'Null before sign-off, and when 0 t were issued' }) block!: IssuedBlockView | null;
}
