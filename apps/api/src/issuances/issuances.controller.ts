import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { Actor, CASE_NUMBER_PATTERN, DomainError, ISSUANCE_MATERIALS } from '../../../../libs/domain/src';
import {
  assignUpdate, claimUpdate, dismissCommentUpdate, issuanceReviewUpdate, openPublicityUpdate, refuseIssuanceUpdate, signOffUpdate, submitRevisionUpdate,
  submitSupplementUpdate, submitToBureauUpdate,
} from '../../../../libs/temporal/src';
import { CurrentActor, Roles } from '../auth/actor.decorators';
import { DocumentFilePipe, DocumentUpload, sendDocument, UploadedDocumentFile } from '../cases/case-document-files';
import { CaseRecordsRepository } from '../cases/case-records.repository';
import { CaseStepsController } from '../cases/case-steps.controller';
import { ErrorResponse } from '../common/error-response';
import { CreateIssuanceDto, IssuanceReviewDto, ListIssuancesQuery, RefuseIssuanceDto, SubmitToBureauDto, UploadIssuanceDocumentDto } from './issuance.dto';
import { IssuancesService } from './issuances.service';

const IDEMPOTENCY = { name: 'Idempotency-Key', required: false, description: 'Retries with the same key act once (becomes the Update ID).' };
const READERS = ['developer', 'verifier', 'officer', 'bureau', 'admin'] as const;

/** Reduction issuance cases (BJ-21…BJ-23). Thin: HTTP, auth and DTOs; the service does the rest. */
@ApiTags('issuances')
@ApiBearerAuth()
@ApiResponse({ status: 400, type: ErrorResponse })
@ApiResponse({ status: 401, type: ErrorResponse })
@ApiResponse({ status: 404, type: ErrorResponse })
@ApiResponse({ status: 409, type: ErrorResponse, description: 'Wrong state: the message says the state and what is allowed' })
@Controller('issuances')
export class IssuancesController extends CaseStepsController {
  constructor(
    protected readonly service: IssuancesService,
    protected readonly records: CaseRecordsRepository,
  ) {
    super();
  }

  protected checked(caseNo: string): string {
    return checked(caseNo);
  }

  @Post()
  @Roles('developer')
  @ApiOperation({ summary: 'Apply for issuance for a monitoring period of a registered Class I project (draft; BJ-21, BJ-22)' })
  @ApiResponse({ status: 422, type: ErrorResponse, description: 'Not eligible (BJ-21/22), with every reason' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateIssuanceDto) {
    return this.service.create(actor, dto);
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: "List issuance cases: a developer sees its organisation's, a verifier those naming it, registry staff all" })
  list(@CurrentActor() actor: Actor, @Query() q: ListIssuancesQuery) {
    return this.service.list(actor, q.status);
  }

  @Get('worklist')
  @Roles('officer', 'bureau')
  @ApiOperation({ summary: "An officer's issuance cases to act on (assigned or unclaimed, overdue first); the bureau's sign-off queue" })
  worklist(@CurrentActor() actor: Actor) {
    return this.service.worklist(actor);
  }

  @Get(':caseNo')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The case: status, quantities, deadline, documents, publicity rounds, timeline, issued block' })
  get(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string) {
    return this.service.get(actor, checked(caseNo));
  }

  @Post(':caseNo/documents')
  @Roles('developer', 'verifier')
  @DocumentUpload(ISSUANCE_MATERIALS)
  @ApiOperation({ summary: 'Upload a material; the named verifier uploads the verification report (BJ-21)' })
  upload(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Body() dto: UploadIssuanceDocumentDto, @UploadedFile(DocumentFilePipe) file?: UploadedDocumentFile) {
    return this.service.uploadDocument(actor, checked(caseNo), dto.kind, file);
  }

  @Get(':caseNo/documents/:id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Download a material; the X-Content-SHA256 header carries its digest' })
  async download(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Param('id') id: string, @Res() res: Response) {
    sendDocument(res, await this.service.document(actor, checked(caseNo), id));
  }

  @Post(':caseNo/submit')
  @HttpCode(200)
  @Roles('developer')
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Submit the application: starts the case (BJ-21 materials must be complete)' })
  @ApiResponse({ status: 422, type: ErrorResponse, description: 'Materials missing' })
  submit(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Headers('idempotency-key') key?: string) {
    return this.service.submit(actor, checked(caseNo), key);
  }

  @Post(':caseNo/review')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: 'Technical review: pass with the audited quantity / request_supplement / reject with reasons (BJ-23)' })
  review(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Body() dto: IssuanceReviewDto, @Headers('idempotency-key') key?: string) {
    return this.service.act(actor, checked(caseNo), 'review', issuanceReviewUpdate, { actor, outcome: dto.outcome, reasons: dto.reasons, auditedTco2e: dto.auditedTco2e }, key);
  }

  @Post(':caseNo/submit-to-bureau')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: 'Ask the bureau to issue (within 10 working days of a clean close; BJ-23)' })
  submitToBureau(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Body() dto: SubmitToBureauDto, @Headers('idempotency-key') key?: string) {
    return this.service.act(actor, checked(caseNo), 'submitToBureau', submitToBureauUpdate, { actor, note: dto.note }, key);
  }

  @Post(':caseNo/sign-off')
  @HttpCode(200)
  @Roles('bureau')
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Sign off: the over-claim rule gives the quantity, issued as one serial block (BJ-23); not by a reviewer (ROLE-2)' })
  signOff(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Headers('idempotency-key') key?: string) {
    return this.service.act(actor, checked(caseNo), 'signOff', signOffUpdate, { actor }, key);
  }

  @Post(':caseNo/refuse')
  @HttpCode(200)
  @Roles('bureau')
  @ApiOperation({ summary: 'Refuse issuance, with reasons' })
  refuse(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Body() dto: RefuseIssuanceDto, @Headers('idempotency-key') key?: string) {
    return this.service.act(actor, checked(caseNo), 'refuse', refuseIssuanceUpdate, { actor, reasons: dto.reasons }, key);
  }
}

function checked(caseNo: string): string {
  if (!CASE_NUMBER_PATTERN.test(caseNo) || !caseNo.includes('-ISS-')) throw new DomainError('NOT_FOUND', `No case ${caseNo}.`);
  return caseNo;
}
