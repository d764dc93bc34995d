import { Injectable } from '@nestjs/common';
import {
  Actor, assertCanReadIssuanceCase, assertEligibleForIssuance, assertMayUploadIssuanceMaterial, DomainError, issuable, parsePositiveQuantity,
} from '../../../../libs/domain/src';
import { shanghaiDate } from '../../../../libs/domain/src/calendar';
import { CaseProjectionRepository } from '../../../../libs/persistence/src';
import { CaseRecordsRepository } from '../cases/case-records.repository';
import { CaseService } from '../cases/case.service';
import { Clock } from '../common/clock';
import { TemporalClientService } from '../temporal/temporal-client.service';
import { CreateIssuanceDto } from './issuance.dto';
import { IssuanceCaseRow, IssuancesRepository } from './issuances.repository';

/** Reduction issuance cases (BJ-21…BJ-23): applying for a monitoring period; everything else is the shared case service. */
@Injectable()
export class IssuancesService extends CaseService<IssuanceCaseRow> {
  protected readonly caseType = 'issuance' as const;

  constructor(
    private readonly repo: IssuancesRepository,
    records: CaseRecordsRepository,
    projection: CaseProjectionRepository,
    temporal: TemporalClientService,
    clock: Clock,
  ) {
    super(repo, records, projection, temporal, clock);
  }

  /** BJ-21, BJ-22: every reason is checked before anything is written; the draft is created whole or not at all. */
  async create(actor: Actor, dto: CreateIssuanceDto) {
    const claimedTco2e = parsePositiveQuantity(dto.claimedTco2e, 'claimedTco2e').toFixed(); // BJ-20
    const project = await this.repo.project(dto.projectId);
    if (!project || project.organisationId !== actor.organisationId) throw new DomainError('NOT_FOUND', `No project ${dto.projectId} of your organisation.`);
    if (dto.verifierOrganisationId && (await this.repo.organisationKind(dto.verifierOrganisationId)) !== 'verifier') {
      throw new DomainError('VALIDATION_FAILED', `Organisation ${dto.verifierOrganisationId} is not a verifier.`, { field: 'verifierOrganisationId' });
    }
    const now = this.clock.now();
    assertEligibleForIssuance({
      project,
      period: dto.monitoringPeriod,
      filedOn: shanghaiDate(now),
      heldPeriods: await this.repo.heldPeriods(project.id, project.jurisdiction),
    });
    const caseNo = await this.repo.createDraft({
      project,
      period: dto.monitoringPeriod,
      claimedTco2e,
      verifierOrganisationId: dto.verifierOrganisationId ?? null,
      userId: actor.userId,
      userName: actor.name,
      year: Number(shanghaiDate(now).slice(0, 4)),
    });
    return this.get(actor, caseNo);
  }

  /** ROLE-1 for issuance cases: also the third-party verifier named on the application (BJ-21). */
  protected assertCanRead(actor: Actor, c: IssuanceCaseRow): void {
    assertCanReadIssuanceCase(actor, c);
  }

  /** BJ-21: the developer uploads its materials; the named third-party verifier uploads the verification report. */
  protected assertCanUpload(actor: Actor, kind: string | undefined, c: IssuanceCaseRow): void {
    assertMayUploadIssuanceMaterial(actor, kind, c);
  }

  /** BJ-23: once audited, what sign-off would issue and which branch of the over-claim rule decides it. */
  protected override caseTypeFacts(c: IssuanceCaseRow) {
    return { issuable: issuable(c) };
  }

  protected start(c: IssuanceCaseRow) {
    return {
      facts: { claimedTco2e: c.claimedTco2e, auditedTco2e: null },
      summary: `Reduction issuance ${c.caseNo}: ${c.projectName} (${String(c.registrationNo)})`,
      details: `Developer: ${c.organisationName}\n\nMonitoring period ${String(c.periodStart)} to ${String(c.periodEnd)}, claimed ${c.claimedTco2e} tCO2e`,
    };
  }
}
