import { Injectable } from '@nestjs/common';
import { WithStartWorkflowOperation } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import {
  Actor, allowedActions, REGISTRY_STAFF, assertAllowed, assertCanReadCase, assertCanUploadMaterials, assertEligibleForRegistration, DomainError, RegistrationAction, TERMINAL_STATUSES,
} from '../../../../libs/domain/src';
import {
  CASES_TASK_QUEUE, CaseNumber, CaseStatus, CaseType, CaseView, Jurisdiction, OrganisationId, RegistrationCaseInput,
  registrationWorkflowId, submitUpdate,
} from '../../../../libs/temporal/src';
import { shanghaiDate } from '../../../../libs/domain/src/calendar';
import { CaseRecordsRepository } from '../cases/case-records.repository';
import { Clock } from '../common/clock';
import { TemporalClientService } from '../temporal/temporal-client.service';
import { CreateRegistrationDto } from './registration.dto';
import { CaseRow, RegistrationsRepository } from './registrations.repository';

/** The registration use cases: reads from the projection, people's actions as workflow Updates. */
@Injectable()
export class RegistrationsService {
  constructor(
    private readonly repo: RegistrationsRepository,
    private readonly records: CaseRecordsRepository,
    private readonly temporal: TemporalClientService,
    private readonly clock: Clock,
  ) {}

  /** BJ-13, BJ-14: checked before anything is written; the draft is created whole or not at all. */
  async create(actor: Actor, dto: CreateRegistrationDto) {
    const mv = await this.repo.methodologyVersion(dto.project.methodologyVersionId);
    assertEligibleForRegistration({
      implementationStartDate: dto.project.implementationStartDate,
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
      year: Number(shanghaiDate(this.clock.now()).slice(0, 4)), // the registry's year is Beijing's
    });
    return this.get(actor, caseNo);
  }

  /** ROLE-1: a case of another organisation is indistinguishable from no case. */
  async load(actor: Actor, caseNo: string): Promise<CaseRow> {
    const c = await this.repo.findCase(caseNo);
    if (!c) throw new DomainError('NOT_FOUND', `No case ${caseNo}.`);
    assertCanReadCase(actor, c.organisationId);
    return c;
  }

  async get(actor: Actor, caseNo: string) {
    const c = await this.load(actor, caseNo);
    const [timeline, documents, publicity] = await Promise.all([this.records.timeline(caseNo), this.records.documents(caseNo), this.records.publicityRounds(caseNo)]);
    return { ...c, allowedActions: allowedActions(c.status).filter((a) => a !== 'lapse' && a !== 'closePublicity'), documents, publicity, timeline };
  }

  list(actor: Actor, status?: string) {
    const staff = REGISTRY_STAFF.includes(actor.role);
    return this.repo.listCases({ organisationId: staff ? undefined : actor.organisationId, status });
  }

  worklist(actor: Actor) {
    return this.repo.worklist(actor.userId);
  }

  async timeline(actor: Actor, caseNo: string) {
    await this.load(actor, caseNo);
    return this.records.timeline(caseNo);
  }

  async uploadDocument(actor: Actor, caseNo: string, kind: string, file: { originalname: string; mimetype: string; buffer: Buffer } | undefined) {
    if (!file?.buffer?.length) throw new DomainError('VALIDATION_FAILED', 'Attach a non-empty file in the multipart field "file".');
    const c = await this.load(actor, caseNo);
    if (actor.role !== 'developer') throw new DomainError('FORBIDDEN', 'Only the applicant uploads case materials.');
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
    const input: RegistrationCaseInput = {
      caseNo,
      projectId: String(c.projectId),
      organisationId: c.organisationId,
      jurisdiction: 'BJ',
      searchAttributesEnabled: this.temporal.searchAttributesEnabled,
    };
    const startWorkflowOperation = new WithStartWorkflowOperation('projectRegistrationWorkflow', {
      workflowId: registrationWorkflowId(caseNo),
      taskQueue: CASES_TASK_QUEUE,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      staticSummary: `Class I project registration ${caseNo}: ${String(c.projectName)}`,
      staticDetails: `Developer: ${String(c.organisationName)}\n\nSite identifiers: ${(c.siteIdentifiers as string[]).join(', ')}`,
      ...(input.searchAttributesEnabled
        ? {
            typedSearchAttributes: [
              { key: CaseType, value: 'project-registration' },
              { key: CaseNumber, value: caseNo },
              { key: OrganisationId, value: c.organisationId },
              { key: Jurisdiction, value: 'BJ' },
              { key: CaseStatus, value: 'draft' },
            ],
          }
        : {}),
    });
    return this.temporal.call((client) =>
      client.workflow.executeUpdateWithStart(submitUpdate, {
        args: [{ actor }],
        updateId: idempotencyKey ?? randomUUID(),
        startWorkflowOperation,
      }),
    );
  }

  /** Every other action: ownership from the projection, then the Update (validated again by the workflow). */
  async act<A, V extends CaseView>(actor: Actor, caseNo: string, action: RegistrationAction, update: UpdateDefinition<V, [A]>, args: A, idempotencyKey?: string): Promise<V> {
    const c = await this.load(actor, caseNo);
    // A draft has no workflow yet and a closed case's workflow has ended: the projection answers for both.
    if (c.status === 'draft' || TERMINAL_STATUSES.includes(c.status)) assertAllowed(c.status, action);
    return this.temporal.call((client) =>
      client.workflow.getHandle(registrationWorkflowId(caseNo)).executeUpdate(update, { args: [args], updateId: idempotencyKey ?? randomUUID() }),
    );
  }
}
