import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ISSUANCE_PROCEDURE } from '../../../../libs/domain/src';
import { AnyRole, CurrentActor, Roles } from '../auth/actor.decorators';
import { CaseAction, CaseController, CaseEndpoints } from '../cases/case.controller';
import { CaseRecordsRepository } from '../cases/case-records.repository';
import { Idempotency, Idempotent } from '../idempotency/idempotency.decorators';
import type { IdempotencyContext } from '../idempotency/idempotency.interceptor';
import { CreateIssuanceDto, IssuanceReviewDto, ListIssuancesQuery, RefuseIssuanceDto, SubmitToBureauDto } from './issuance.dto';
import { IssuanceCaseRow } from './issuances.repository';
import { IssuancesService } from './issuances.service';
import { IssuanceCaseActionView, IssuanceCaseSummary, IssuanceCaseView } from './issuance.views';

const ISSUANCE_ENDPOINTS: CaseEndpoints = {
  procedure: ISSUANCE_PROCEDURE,
  page: IssuanceCaseView,
  actionView: IssuanceCaseActionView,
  uploaders: ['developer', 'verifier'], // BJ-21: the developer its materials, the named verifier the verification report
};

/** Reduction issuance cases (BJ-21…BJ-23). Thin: HTTP, auth and DTOs; the shared case service does the rest. */
@ApiTags('issuances')
@ApiBearerAuth()
@Controller('issuances')
export class IssuancesController extends CaseController<IssuanceCaseRow>(ISSUANCE_ENDPOINTS) {
  protected readonly caseType = 'issuance' as const;

  constructor(
    protected readonly service: IssuancesService,
    protected readonly records: CaseRecordsRepository,
  ) {
    super();
  }

  @Post()
  @Roles(...ISSUANCE_PROCEDURE.openedBy)
  @Idempotent()
  @ApiCreatedResponse({ type: IssuanceCaseView, description: 'The draft case page' })
  @ApiOperation({ summary: 'Apply for issuance for a monitoring period of a registered Class I project (draft; BJ-21, BJ-22)' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateIssuanceDto) {
    return this.service.create(actor, dto);
  }

  @Get()
  @AnyRole("ROLE-1: registry staff (officer, bureau, admin) see every case, a verifier the cases naming it, everyone else their organisation's")
  @ApiOkResponse({ type: IssuanceCaseSummary, isArray: true, description: 'Newest first, at most 500' })
  @ApiOperation({ summary: "List issuance cases: a developer sees its organisation's, a verifier those naming it, registry staff all" })
  list(@CurrentActor() actor: Actor, @Query() q: ListIssuancesQuery) {
    return this.service.list(actor, q.status);
  }

  @Get('worklist')
  @Roles('officer', 'bureau')
  @ApiOkResponse({ type: IssuanceCaseSummary, isArray: true })
  @ApiOperation({ summary: "An officer's issuance cases to act on (assigned or unclaimed, overdue first); the bureau's sign-off queue" })
  worklist(@CurrentActor() actor: Actor) {
    return this.service.worklist(actor);
  }

  @Post(':caseNo/review')
  @CaseAction(ISSUANCE_ENDPOINTS, 'review')
  @ApiOperation({ summary: 'Technical review (officer): pass with the audited quantity / request_supplement / reject with reasons (BJ-23)' })
  review(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Body() dto: IssuanceReviewDto, @Idempotency() idem: IdempotencyContext) {
    return this.service.act(actor, this.checked(caseNo), 'review', { ...dto }, idem);
  }

  @Post(':caseNo/submit-to-bureau')
  @CaseAction(ISSUANCE_ENDPOINTS, 'submitToBureau')
  @ApiOperation({ summary: 'Ask the bureau to issue (officer; within 10 working days of a clean close; BJ-23)' })
  submitToBureau(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Body() dto: SubmitToBureauDto, @Idempotency() idem: IdempotencyContext) {
    return this.service.act(actor, this.checked(caseNo), 'submitToBureau', { ...dto }, idem);
  }

  @Post(':caseNo/sign-off')
  @CaseAction(ISSUANCE_ENDPOINTS, 'signOff')
  @ApiOperation({ summary: 'Sign off (bureau; never a reviewer, ROLE-2): the over-claim rule gives the quantity, issued as one serial block (BJ-23)' })
  signOff(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Idempotency() idem: IdempotencyContext) {
    return this.service.act(actor, this.checked(caseNo), 'signOff', {}, idem);
  }

  @Post(':caseNo/refuse')
  @CaseAction(ISSUANCE_ENDPOINTS, 'refuse')
  @ApiOperation({ summary: 'Refuse issuance (bureau), with reasons' })
  refuse(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Body() dto: RefuseIssuanceDto, @Idempotency() idem: IdempotencyContext) {
    return this.service.act(actor, this.checked(caseNo), 'refuse', { ...dto }, idem);
  }
}
