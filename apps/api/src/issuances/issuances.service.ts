import { Injectable } from '@nestjs/common';
import { WithStartWorkflowOperation } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import {
  Actor, allowedIssuanceActions, assertCanReadIssuanceCase, assertCanUploadMaterials, assertEligibleForIssuance, assertIssuanceAllowed,
  assertMayUploadIssuanceMaterial, DomainError, IssuanceAction, ISSUANCE_TERMINAL_STATUSES, REGISTRY_STAFF,
} from '../../../../libs/domain/src';
import { shanghaiDate } from '../../../../libs/domain/src/calendar';
import {
  CASES_TASK_QUEUE, CaseNumber, CaseStatus, CaseType, CaseView, IssuanceCaseInput, issuanceWorkflowId, Jurisdiction, OrganisationId, submitUpdate,
} from '../../../../libs/temporal/src';
import { CaseRecordsRepository } from '../cases/case-records.repository';
import { Clock } from '../common/clock';
import { TemporalClientService } from '../temporal/temporal-client.service';
import { CreateIssuanceDto } from './issuance.dto';
import { IssuanceCaseRow, IssuancesRepository } from './issuances.repository';

/** The issuance use cases (BJ-21…BJ-23): reads from the projection, people's actions as workflow Updates. */
@Injectable()
export class IssuancesService {
  constructor(
    private readonly repo: IssuancesRepository,
    private readonly records: CaseRecordsRepository,
    private readonly temporal: TemporalClientService,
    private readonly clock: Clock,
  ) {}

  /** BJ-21, BJ-22: every reason is checked before anything is written; the draft is created whole or not at all. */
  async create(actor: Actor, dto: CreateIssuanceDto) {
    const project = await this.repo.project(dto.projectId);
    if (!project || project.organisationId !== actor.organisationId) throw new DomainError('NOT_FOUND', `No project ${dto.projectId} of your organisation.`);
    if (dto.verifierOrganisationId && (await this.repo.organisationKind(dto.verifierOrganisationId)) !== 'verifier') {
      throw new DomainError('VALIDATION_FAILED', `Organisation ${dto.verifierOrganisationId} is not a verifier.`);
    }
    const now = this.clock.now();
    assertEligibleForIssuance({
      project,
      period: dto.monitoringPeriod,
      filedOn: shanghaiDate(now),
      heldPeriods: await this.repo.heldPeriods(project.id),
    });
    const caseNo = await this.repo.createDraft({
      project,
      period: dto.monitoringPeriod,
      claimedTco2e: dto.claimedTco2e,
      verifierOrganisationId: dto.verifierOrganisationId ?? null,
      userId: actor.userId,
      userName: actor.name,
      year: Number(shanghaiDate(now).slice(0, 4)),
    });
    return this.get(actor, caseNo);
  }

  /** ROLE-1: a case of another organisation is indistinguishable from no case. */
  async load(actor: Actor, caseNo: string): Promise<IssuanceCaseRow> {
    const c = await this.repo.findCase(caseNo);
    if (!c) throw new DomainError('NOT_FOUND', `No case ${caseNo}.`);
    assertCanReadIssuanceCase(actor, c);
    return c;
  }

  async get(actor: Actor, caseNo: string) {
    const c = await this.load(actor, caseNo);
    const [timeline, documents, publicity] = await Promise.all([this.records.timeline(caseNo), this.records.documents(caseNo), this.records.publicityRounds(caseNo)]);
    const allowedActions = allowedIssuanceActions(c.status).filter((a) => a !== 'lapse' && a !== 'closePublicity');
    return { ...c, allowedActions, documents, publicity, timeline };
  }

  list(actor: Actor, status?: string) {
    if (REGISTRY_STAFF.includes(actor.role)) return this.repo.listCases({ status });
    if (actor.role === 'verifier') return this.repo.listCases({ verifierOrganisationId: actor.organisationId, status });
    return this.repo.listCases({ organisationId: actor.organisationId, status });
  }

  worklist(actor: Actor) {
    return actor.role === 'bureau' ? this.repo.signOffQueue() : this.repo.worklist(actor.userId);
  }

  async timeline(actor: Actor, caseNo: string) {
    await this.load(actor, caseNo);
    return this.records.timeline(caseNo);
  }

  /** BJ-21: the developer uploads its materials; the named third-party verifier uploads the verification report. */
  async uploadDocument(actor: Actor, caseNo: string, kind: string, file: { originalname: string; mimetype: string; buffer: Buffer } | undefined) {
    if (!file?.buffer?.length) throw new DomainError('VALIDATION_FAILED', 'Attach a non-empty file in the multipart field "file".');
    const c = await this.repo.findCase(caseNo);
    if (!c) throw new DomainError('NOT_FOUND', `No case ${caseNo}.`);
    assertMayUploadIssuanceMaterial(actor, kind, c);
    assertCanUploadMaterials(c.status);
    return this.records.addDocument({ caseNo, kind, filename: file.originalname, contentType: file.mimetype, content: file.buffer, round: Number(c.round), userId: actor.userId });
  }

  async document(actor: Actor, caseNo: string, id: string) {
    await this.load(actor, caseNo);
    const d = await this.records.documentContent(caseNo, id);
    if (!d) throw new DomainError('NOT_FOUND', `No document ${id} on ${caseNo}.`);
    return d;
  }

  /** Submission starts the case workflow (update-with-start): the answer is the case as the workflow now holds it. */
  async submit(actor: Actor, caseNo: string, idempotencyKey?: string): Promise<CaseView> {
    const c = await this.load(actor, caseNo);
    const input: IssuanceCaseInput = {
      caseNo,
      projectId: c.projectId,
      organisationId: c.organisationId,
      jurisdiction: 'BJ',
      claimedTco2e: c.claimedTco2e,
      searchAttributesEnabled: this.temporal.searchAttributesEnabled,
    };
    const startWorkflowOperation = new WithStartWorkflowOperation('reductionIssuanceWorkflow', {
      workflowId: issuanceWorkflowId(caseNo),
      taskQueue: CASES_TASK_QUEUE,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      staticSummary: `Reduction issuance ${caseNo}: ${c.projectName} (${String(c.registrationNo)})`,
      staticDetails: `Developer: ${String(c.organisationName)}\n\nMonitoring period ${String(c.periodStart)} to ${String(c.periodEnd)}, claimed ${c.claimedTco2e} tCO2e`,
      ...(input.searchAttributesEnabled
        ? {
            typedSearchAttributes: [
              { key: CaseType, value: 'issuance' },
              { key: CaseNumber, value: caseNo },
              { key: OrganisationId, value: c.organisationId },
              { key: Jurisdiction, value: 'BJ' },
              { key: CaseStatus, value: 'draft' },
            ],
          }
        : {}),
    });
    return this.temporal.call((client) =>
      client.workflow.executeUpdateWithStart(submitUpdate, { args: [{ actor }], updateId: idempotencyKey ?? randomUUID(), startWorkflowOperation }),
    );
  }

  /** Every other action: ownership from the projection, then the Update (validated again by the workflow). */
  async act<A, V extends CaseView>(actor: Actor, caseNo: string, action: IssuanceAction, update: UpdateDefinition<V, [A]>, args: A, idempotencyKey?: string): Promise<V> {
    const c = await this.load(actor, caseNo);
    // A draft has no workflow yet and a closed case's workflow has ended: the projection answers for both.
    if (c.status === 'draft' || ISSUANCE_TERMINAL_STATUSES.includes(c.status)) assertIssuanceAllowed(c.status, action);
    return this.temporal.call((client) =>
      client.workflow.getHandle(issuanceWorkflowId(caseNo)).executeUpdate(update, { args: [args], updateId: idempotencyKey ?? randomUUID() }),
    );
  }
}
