import { Body, Get, HttpCode, Param, ParseUUIDPipe, Post, Res, UploadedFile } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Response } from 'express';
import { Actor, CASE_DOCUMENT_KINDS, CaseType, caseTypeOfNumber, DomainError } from '../../../../libs/domain/src';
import { CurrentActor } from '../auth/actor.decorators';
import { Idempotency, Idempotent } from '../idempotency/idempotency.decorators';
import type { IdempotencyContext } from '../idempotency/idempotency.interceptor';
import { DocumentFilePipe, DocumentUpload, sendDocument, UploadedDocumentFile } from './case-document-files';
import { CaseRecordsRepository } from './case-records.repository';
import { AssignDto, DismissCommentDto, RevisionDto, SupplementDto, UploadDocumentDto } from './case.dto';
import { CaseRow, CaseService } from './case.service';

/**
 * The endpoints every case type has, written once: reading the case, its timeline and documents, uploading
 * materials, and the actions both procedures share (BJ-15 = BJ-23). Who may take each action is the
 * procedure table's (checked by the service and the workflow); each case type's controller extends this
 * under its own path and adds its own actions.
 */
export abstract class CaseController<R extends CaseRow> {
  protected abstract readonly service: CaseService<R>;
  protected abstract readonly records: CaseRecordsRepository;
  protected abstract readonly caseType: CaseType;

  /** A case number of this controller's case type; anything else is no case at all. */
  protected checked(caseNo: string): string {
    if (caseTypeOfNumber(caseNo) !== this.caseType) throw new DomainError('NOT_FOUND', `No case ${caseNo.slice(0, 40)}.`);
    return caseNo;
  }

  @Get(':caseNo')
  @ApiOperation({ summary: 'The case: status, deadline (absolute, with calendar version), what you may do now, documents, publicity rounds, timeline' })
  get(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string) {
    return this.service.get(actor, this.checked(caseNo));
  }

  @Get(':caseNo/timeline')
  @ApiOperation({ summary: 'Every step of the case: who, what, when, round' })
  timeline(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string) {
    return this.service.timeline(actor, this.checked(caseNo));
  }

  @Post(':caseNo/documents')
  @DocumentUpload(CASE_DOCUMENT_KINDS)
  @ApiOperation({ summary: 'Upload a material (stored content-addressed with its SHA-256; BJ-31); the file name is kept in UTF-8' })
  upload(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Body() dto: UploadDocumentDto, @UploadedFile(DocumentFilePipe) file?: UploadedDocumentFile) {
    return this.service.uploadDocument(actor, this.checked(caseNo), dto.kind, file);
  }

  @Get(':caseNo/documents/:id')
  @ApiOperation({ summary: 'Download a material (Content-Disposition per RFC 6266/5987); the X-Content-SHA256 header carries its digest' })
  async download(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Param('id', ParseUUIDPipe) id: string, @Res() res: Response) {
    sendDocument(res, await this.service.document(actor, this.checked(caseNo), id));
  }

  @Post(':caseNo/submit')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Submit the application: starts the case (its materials must be complete)' })
  submit(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Idempotency() idem: IdempotencyContext) {
    return this.service.act(actor, this.checked(caseNo), 'submit', {}, idem);
  }

  @Post(':caseNo/claim')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Take the case (officer; taking an assigned case is a recorded reassignment)' })
  claim(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Idempotency() idem: IdempotencyContext) {
    return this.service.act(actor, this.checked(caseNo), 'claim', {}, idem);
  }

  @Post(':caseNo/assign')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Assign or reassign the case to an active officer (officer, bureau or admin; recorded)' })
  async assign(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Body() dto: AssignDto, @Idempotency() idem: IdempotencyContext) {
    const officer = await this.records.activeOfficer(dto.officerId);
    return this.service.act(actor, this.checked(caseNo), 'assign', { officerId: officer.id, officerName: officer.name }, idem);
  }

  @Post(':caseNo/supplement')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Answer a supplement request (developer; within 10 working days, else the case lapses)' })
  async supplement(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Body() dto: SupplementDto, @Idempotency() idem: IdempotencyContext) {
    await this.records.assertDocumentsOnCase(this.checked(caseNo), dto.documentIds);
    return this.service.act(actor, caseNo, 'submitSupplement', { ...dto }, idem);
  }

  @Post(':caseNo/publicity')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Open the 10-working-day publicity (officer; BJ-15, BJ-23); it closes itself' })
  openPublicity(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Idempotency() idem: IdempotencyContext) {
    return this.service.act(actor, this.checked(caseNo), 'openPublicity', {}, idem);
  }

  @Post(':caseNo/comments/:commentId/dismiss')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Dismiss a public comment with a recorded reason before the close (officer; BJ-15 Decision)' })
  dismiss(
    @CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Param('commentId', ParseUUIDPipe) commentId: string, @Body() dto: DismissCommentDto,
    @Idempotency() idem: IdempotencyContext,
  ) {
    return this.service.act(actor, this.checked(caseNo), 'dismissComment', { commentId, reason: dto.reason, note: dto.note }, idem);
  }

  @Post(':caseNo/revision')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Submit revised materials with a response to each standing comment (developer; BJ-15, BJ-23)' })
  async revision(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Body() dto: RevisionDto, @Idempotency() idem: IdempotencyContext) {
    await this.records.assertDocumentsOnCase(this.checked(caseNo), dto.documentIds);
    return this.service.act(actor, caseNo, 'submitRevision', { ...dto, responses: dto.responses.map((r) => ({ ...r })) }, idem);
  }
}
