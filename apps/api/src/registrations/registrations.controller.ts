import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { Actor, CASE_DOCUMENT_KINDS, CASE_NUMBER_PATTERN, DomainError } from '../../../../libs/domain/src';
import {
  assignUpdate, claimUpdate, completeRegistrationUpdate, dismissCommentUpdate, openPublicityUpdate, reviewUpdate, submitRevisionUpdate,
  submitSupplementUpdate,
} from '../../../../libs/temporal/src';
import { CurrentActor, Roles } from '../auth/actor.decorators';
import { DocumentFilePipe, DocumentUpload, sendDocument, UploadedDocumentFile } from '../cases/case-document-files';
import { CaseRecordsRepository } from '../cases/case-records.repository';
import { CaseStepsController } from '../cases/case-steps.controller';
import { ErrorResponse } from '../common/error-response';
import { CreateRegistrationDto, ListCasesQuery, ReviewDto, UploadDocumentDto } from './registration.dto';
import { RegistrationsService } from './registrations.service';

const IDEMPOTENCY = { name: 'Idempotency-Key', required: false, description: 'Retries with the same key act once (becomes the Update ID).' };

/** Class I project registration cases (BJ-13…BJ-16). Thin: HTTP, auth and DTOs; the service does the rest. */
@ApiTags('registrations')
@ApiBearerAuth()
@ApiResponse({ status: 400, type: ErrorResponse })
@ApiResponse({ status: 401, type: ErrorResponse })
@ApiResponse({ status: 404, type: ErrorResponse })
@ApiResponse({ status: 409, type: ErrorResponse, description: 'Wrong state: the message says the state and what is allowed' })
@Controller('registrations')
export class RegistrationsController extends CaseStepsController {
  constructor(
    protected readonly service: RegistrationsService,
    protected readonly records: CaseRecordsRepository,
  ) {
    super();
  }

  protected checked(caseNo: string): string {
    return checked(caseNo);
  }

  @Post()
  @Roles('developer')
  @ApiOperation({ summary: 'Create a Class I registration application (draft) for a new project (BJ-13, BJ-14)' })
  @ApiResponse({ status: 422, type: ErrorResponse, description: 'Not eligible (BJ-13/14), with every reason' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateRegistrationDto) {
    return this.service.create(actor, dto);
  }

  @Get()
  @Roles('developer', 'officer', 'bureau', 'admin')
  @ApiOperation({ summary: "List cases: a developer sees its own organisation's, registry staff see all" })
  list(@CurrentActor() actor: Actor, @Query() q: ListCasesQuery) {
    return this.service.list(actor, q.status);
  }

  @Get(':caseNo')
  @Roles('developer', 'officer', 'bureau', 'admin')
  @ApiOperation({ summary: 'The case: status, deadline (absolute, with calendar version), documents, publicity rounds, timeline' })
  get(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string) {
    return this.service.get(actor, checked(caseNo));
  }

  @Get(':caseNo/timeline')
  @Roles('developer', 'officer', 'bureau', 'admin')
  timeline(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string) {
    return this.service.timeline(actor, checked(caseNo));
  }

  @Post(':caseNo/documents')
  @Roles('developer')
  @DocumentUpload(CASE_DOCUMENT_KINDS)
  @ApiOperation({ summary: 'Upload a material (stored content-addressed with its SHA-256)' })
  upload(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Body() dto: UploadDocumentDto, @UploadedFile(DocumentFilePipe) file?: UploadedDocumentFile) {
    return this.service.uploadDocument(actor, checked(caseNo), dto.kind, file);
  }

  @Get(':caseNo/documents/:id')
  @Roles('developer', 'officer', 'bureau', 'admin')
  @ApiOperation({ summary: 'Download a material; the X-Content-SHA256 header carries its digest' })
  async download(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Param('id') id: string, @Res() res: Response) {
    sendDocument(res, await this.service.document(actor, checked(caseNo), id));
  }

  @Post(':caseNo/submit')
  @HttpCode(200)
  @Roles('developer')
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Submit the application: starts the case (BJ-13 materials must be complete)' })
  @ApiResponse({ status: 422, type: ErrorResponse, description: 'Materials missing' })
  submit(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Headers('idempotency-key') key?: string) {
    return this.service.submit(actor, checked(caseNo), key);
  }

  @Post(':caseNo/review')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: 'Technical review: pass / request_supplement / reject with reasons (BJ-15)' })
  review(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Body() dto: ReviewDto, @Headers('idempotency-key') key?: string) {
    return this.service.act(actor, checked(caseNo), 'review', reviewUpdate, { actor, outcome: dto.outcome, reasons: dto.reasons }, key);
  }

  @Post(':caseNo/complete')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: 'Complete registration: the project gets its registration number and becomes Class I (BJ-16)' })
  complete(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Headers('idempotency-key') key?: string) {
    return this.service.act(actor, checked(caseNo), 'completeRegistration', completeRegistrationUpdate, { actor }, key);
  }
}

@ApiTags('registrations')
@ApiBearerAuth()
@Controller('worklist')
export class WorklistController {
  constructor(private readonly service: RegistrationsService) {}

  @Get()
  @Roles('officer')
  @ApiOperation({ summary: 'Cases waiting for me (assigned to me or unclaimed), overdue first, then by deadline' })
  worklist(@CurrentActor() actor: Actor) {
    return this.service.worklist(actor);
  }
}

function checked(caseNo: string): string {
  if (!CASE_NUMBER_PATTERN.test(caseNo)) throw new DomainError('NOT_FOUND', `No case ${caseNo}.`);
  return caseNo;
}
