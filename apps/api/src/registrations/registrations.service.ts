import { Injectable } from '@nestjs/common';
import { Actor, assertCanReadCase, assertEligibleForRegistration, DomainError } from '../../../../libs/domain/src';
import { identifierSkeleton } from '../../../../libs/domain/src/registration/identifier-skeleton';
import { shanghaiDate } from '../../../../libs/domain/src/calendar';
import { CaseProjectionRepository } from '../../../../libs/persistence/src';
import { CaseRecordsRepository } from '../cases/case-records.repository';
import { CaseService } from '../cases/case.service';
import { Clock } from '../common/clock';
import { TemporalClientService } from '../temporal/temporal-client.service';
import { CreateRegistrationDto } from './registration.dto';
import { RegistrationCaseRow, RegistrationsRepository } from './registrations.repository';

/** Class I registration cases (BJ-13…BJ-16): creating the application; everything else is the shared case service. */
@Injectable()
export class RegistrationsService extends CaseService<RegistrationCaseRow> {
  protected readonly caseType = 'registration' as const;

  constructor(
    private readonly repo: RegistrationsRepository,
    records: CaseRecordsRepository,
    projection: CaseProjectionRepository,
    temporal: TemporalClientService,
    clock: Clock,
  ) {
    super(repo, records, projection, temporal, clock);
  }

  /** BJ-13, BJ-14: checked before anything is written; the draft is created whole or not at all. */
  async create(actor: Actor, dto: CreateRegistrationDto) {
    const today = shanghaiDate(this.clock.now()); // the registry's day is Beijing's
    // BJ-14: one live registration per site, compared by skeleton (look-alikes are the same site); refused identifiers say why.
    const identifierClaims = dto.project.siteIdentifiers.map((id, i) => identifierSkeleton(id, `project.siteIdentifiers[${i}]`));
    const mv = await this.repo.methodologyVersion(dto.project.methodologyVersionId);
    assertEligibleForRegistration({
      implementationStartDate: dto.project.implementationStartDate,
      filedOn: today,
      creditingPeriodEnd: dto.project.creditingPeriodEnd,
      attestations: dto.attestations,
      methodology: mv ? { tier: mv.tier, status: mv.status } : undefined,
    });
    const caseNo = await this.repo.createDraft({
      organisationId: actor.organisationId,
      jurisdiction: 'BJ',
      userId: actor.userId,
      userName: actor.name,
      project: dto.project,
      attestations: dto.attestations,
      year: Number(today.slice(0, 4)),
      identifierClaims,
    });
    return this.get(actor, caseNo);
  }

  protected assertCanRead(actor: Actor, c: RegistrationCaseRow): void {
    assertCanReadCase(actor, c.organisationId);
  }

  /** BJ-13: the applicant's developers upload the materials. */
  protected assertCanUpload(actor: Actor, _kind: string | undefined, c: RegistrationCaseRow): void {
    assertCanReadCase(actor, c.organisationId);
    if (actor.role !== 'developer') throw new DomainError('FORBIDDEN', 'Only the applicant uploads case materials.');
  }

  protected start(c: RegistrationCaseRow) {
    return {
      facts: {},
      summary: `Class I project registration ${c.caseNo}: ${c.projectName}`,
      details: `Developer: ${c.organisationName}\n\nSite identifiers: ${c.siteIdentifiers.join(', ')}`,
    };
  }
}
