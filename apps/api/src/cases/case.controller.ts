import { applyDecorators, Body, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Req, Res, Type } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { Actor, CASE_DOCUMENT_KINDS, CaseType, caseTypeOfNumber, DomainError, Procedure, Role } from '../../../../libs/domain/src';
import { AnyRole, CaseActionRoles, CurrentActor, Roles } from '../auth/actor.decorators';
import { Idempotency, Idempotent } from '../idempotency/idempotency.decorators';
import type { IdempotencyContext } from '../idempotency/idempotency.interceptor';
import { DocumentDownload, DocumentUpload, sendDocument } from './case-document-files';
import { CaseRecordsRepository } from './case-records.repository';
import { AssignDto, DismissCommentDto, RevisionDto, SupplementDto } from './case.dto';
import { CaseRow, CaseService } from './case.service';
import { CaseDocumentView, TimelineEventView } from './case.views';
import { DocumentUploads } from './document-uploads';

/** What the shared endpoints of one case type answer, and who may call the ones no procedure-table action governs. */
export interface CaseEndpoints {
  procedure: Procedure;
  /** The case page: GET /{caseNo}, and what creating a case answers. */
  page: Type<unknown>;
  /** What every action answers: the case as its workflow holds it after the step. */
  actionView: Type<unknown>;
  /** Who uploads materials (the service checks which kinds, and that it is their case: BJ-13, BJ-21). */
  uploaders: readonly Role[];
}

/** ROLE-1 on reading a case: anyone signed in may ask; the answer is 404 unless the case is theirs to see. */
const CASE_READERS = "ROLE-1: only a case the caller's organisation may see — the applicant's, the named verifier's (issuance) — or any case for registry staff (officer, bureau, admin); 404 otherwise";

/**
 * A person action of the case type's procedure table as an endpoint: POST answering 200 with the case as its
 * workflow now holds it, an optional Idempotency-Key, and the action's roles from the table in the document.
 */
export const CaseAction = (spec: CaseEndpoints, action: string) =>
  applyDecorators(HttpCode(200), Idempotent(), CaseActionRoles(spec.procedure, action), ApiOkResponse({ type: spec.actionView, description: 'The case after the step' }));

/**
 * The endpoints every case type has, written once: reading the case, its timeline and documents, uploading
 * materials, and the actions both procedures share (BJ-15 = BJ-23). Who may take each action is the
 * procedure table's (checked by the service and the workflow); each case type's controller extends the class
 * made for it, under its own path, and adds its own actions. A class per case type, so that each documents
 * its own answers (a decorator's metadata sits on the method, which a plain base class would share).
 */
export function CaseController<R extends CaseRow>(spec: CaseEndpoints) {
  abstract class CaseControllerOf {
    protected abstract readonly service: CaseService<R>;
    protected abstract readonly records: CaseRecordsRepository;
    protected abstract readonly caseType: CaseType;
    @Inject(DocumentUploads) private readonly uploads!: DocumentUploads;

    /** A case number of this controller's case type; anything else is no case at all. */
    protected checked(caseNo: string): string {
      if (caseTypeOfNumber(caseNo) !== this.caseType) throw new DomainError('NOT_FOUND', `No case ${caseNo.slice(0, 40)}.`);
      return caseNo;
    }

    @Get(':caseNo')
    @AnyRole(CASE_READERS)
    @ApiOkResponse({ type: spec.page })
    @ApiOperation({ summary: 'The case: status, deadline (absolute, with calendar version), what you may do now, documents, publicity rounds, timeline' })
    get(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string) {
      return this.service.get(actor, this.checked(caseNo));
    }

    @Get(':caseNo/timeline')
    @AnyRole(CASE_READERS)
    @ApiOkResponse({ type: TimelineEventView, isArray: true, description: 'Oldest step first' })
    @ApiOperation({ summary: 'Every step of the case: who, what, when, round' })
    timeline(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string) {
      return this.service.timeline(actor, this.checked(caseNo));
    }

    @Post(':caseNo/documents')
    @DocumentUpload(CASE_DOCUMENT_KINDS)
    @Roles(...spec.uploaders)
    @ApiCreatedResponse({ type: CaseDocumentView })
    @ApiOperation({ summary: 'Upload a material (stored content-addressed with its SHA-256; BJ-31); the file name is kept in UTF-8' })
    async upload(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
      // Before any of the body is read: the case exists, is the caller's to upload to and takes materials now.
      const admitted = await this.service.admitUpload(actor, this.checked(caseNo));
      const received = await this.uploads.receive(req, res, (kind) => this.service.assertMayUpload(actor, kind, admitted));
      try {
        return await this.service.uploadDocument(actor, caseNo, received);
      } finally {
        await this.uploads.discard(received.content);
      }
    }

    @Get(':caseNo/documents/:id')
    @AnyRole(CASE_READERS)
    @DocumentDownload()
    @ApiOperation({ summary: 'Download a material, streamed (Content-Disposition per RFC 6266/5987); the X-Content-SHA256 header carries its digest' })
    async download(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Param('id', ParseUUIDPipe) id: string, @Res() res: Response) {
      await sendDocument(res, await this.service.document(actor, this.checked(caseNo), id));
    }

    @Post(':caseNo/submit')
    @CaseAction(spec, 'submit')
    @ApiOperation({ summary: 'Submit the application: starts the case (its materials must be complete)' })
    submit(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Idempotency() idem: IdempotencyContext) {
      return this.service.act(actor, this.checked(caseNo), 'submit', {}, idem);
    }

    @Post(':caseNo/claim')
    @CaseAction(spec, 'claim')
    @ApiOperation({ summary: 'Take the case (officer; taking an assigned case is a recorded reassignment)' })
    claim(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Idempotency() idem: IdempotencyContext) {
      return this.service.act(actor, this.checked(caseNo), 'claim', {}, idem);
    }

    @Post(':caseNo/assign')
    @CaseAction(spec, 'assign')
    @ApiOperation({ summary: 'Assign or reassign the case to an active officer (officer, bureau or admin; recorded)' })
    async assign(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Body() dto: AssignDto, @Idempotency() idem: IdempotencyContext) {
      const officer = await this.records.activeOfficer(dto.officerId);
      return this.service.act(actor, this.checked(caseNo), 'assign', { officerId: officer.id, officerName: officer.name }, idem);
    }

    @Post(':caseNo/supplement')
    @CaseAction(spec, 'submitSupplement')
    @ApiOperation({ summary: 'Answer a supplement request (developer; within 10 working days, else the case lapses)' })
    async supplement(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Body() dto: SupplementDto, @Idempotency() idem: IdempotencyContext) {
      await this.records.assertDocumentsOnCase(this.checked(caseNo), dto.documentIds);
      return this.service.act(actor, caseNo, 'submitSupplement', { ...dto }, idem);
    }

    @Post(':caseNo/publicity')
    @CaseAction(spec, 'openPublicity')
    @ApiOperation({ summary: 'Open the 10-working-day publicity (officer; BJ-15, BJ-23); it closes itself' })
    openPublicity(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Idempotency() idem: IdempotencyContext) {
      return this.service.act(actor, this.checked(caseNo), 'openPublicity', {}, idem);
    }

    @Post(':caseNo/comments/:commentId/dismiss')
    @CaseAction(spec, 'dismissComment')
    @ApiOperation({ summary: 'Dismiss a public comment with a recorded reason before the close (officer; BJ-15 Decision)' })
    dismiss(
      @CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Param('commentId', ParseUUIDPipe) commentId: string, @Body() dto: DismissCommentDto,
      @Idempotency() idem: IdempotencyContext,
    ) {
      return this.service.act(actor, this.checked(caseNo), 'dismissComment', { commentId, reason: dto.reason, note: dto.note }, idem);
    }

    @Post(':caseNo/revision')
    @CaseAction(spec, 'submitRevision')
    @ApiOperation({ summary: 'Submit revised materials with a response to each standing comment (developer; BJ-15, BJ-23)' })
    async revision(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Body() dto: RevisionDto, @Idempotency() idem: IdempotencyContext) {
      await this.records.assertDocumentsOnCase(this.checked(caseNo), dto.documentIds);
      return this.service.act(actor, caseNo, 'submitRevision', { ...dto, responses: dto.responses.map((r) => ({ ...r })) }, idem);
    }
  }
  return CaseControllerOf;
}
