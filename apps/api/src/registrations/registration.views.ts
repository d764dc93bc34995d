import { ApiProperty } from '@nestjs/swagger';
import {
  personActions, PROJECT_CLASSES, REGISTRATION_PROCEDURE, REGISTRATION_STATUSES, RegistrationStatus, SUPERVISION_STATUSES,
} from '../../../../libs/domain/src';
import { CaseActionViewBase, CasePage, CaseRowViewBase } from '../cases/case.views';
import { ApiCalendarDay, ApiUuid } from '../common/api-properties';

/** The answers of the registration endpoints (BJ-13…BJ-16), as registrations.repository.ts reads them. */

export class RegistrationAttestationsView {
  @ApiProperty({ description: 'BJ-14: not under national or local ETS allowance management' }) notUnderEtsAllowanceManagement!: boolean;
  @ApiProperty({ description: 'BJ-14: not applied for in any other voluntary or carbon-inclusion mechanism' }) notInOtherMechanism!: boolean;
}

/** A registration case with its project, as lists and worklists show it. */
export class RegistrationCaseSummary extends CaseRowViewBase {
  @ApiProperty({ enum: REGISTRATION_STATUSES }) status!: RegistrationStatus;
  @ApiProperty({ example: '北京市朝阳区' }) location!: string;
  @ApiProperty({ type: [String], example: ['BJ-PV-CY-0042'], description: "As the applicant wrote them (BJ-14 compares their skeletons)" }) siteIdentifiers!: string[];
  @ApiCalendarDay() implementationStartDate!: string;
  @ApiProperty({ enum: PROJECT_CLASSES, description: 'Class I once registered (BJ-12, BJ-16)' }) projectClass!: (typeof PROJECT_CLASSES)[number];
  @ApiCalendarDay({ description: 'Last day of the crediting period (BJ-22)' }) creditingPeriodEnd!: string;
  @ApiProperty({ enum: SUPERVISION_STATUSES }) supervisionStatus!: (typeof SUPERVISION_STATUSES)[number];
  @ApiUuid() methodologyVersionId!: string;
  @ApiProperty({ type: RegistrationAttestationsView }) attestations!: RegistrationAttestationsView;
}

/** The registration case page: the case, what you may do now, documents, publicity rounds and timeline. */
export class RegistrationCaseView extends CasePage(RegistrationCaseSummary, personActions(REGISTRATION_PROCEDURE)) {}

/** What a registration case action answers: the case as its workflow holds it after the step. */
export class RegistrationCaseActionView extends CaseActionViewBase {
  @ApiProperty({ enum: REGISTRATION_STATUSES }) status!: RegistrationStatus;
  @ApiProperty({ type: String, nullable: true, example: 'BJ-TPH-I-2026-0001', description: 'Given when registration completes (BJ-16)' }) registrationNo!: string | null;
}
