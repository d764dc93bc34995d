import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ISSUANCE_PROCEDURE } from '../../../../libs/domain/src';
import { CurrentActor, Roles } from '../auth/actor.decorators';
import { CaseController } from '../cases/case.controller';
import { CaseRecordsRepository } from '../cases/case-records.repository';
import { Idempotency, Idempotent } from '../idempotency/idempotency.decorators';
import type { IdempotencyContext } from '../idempotency/idempotency.interceptor';
import { CreateIssuanceDto, IssuanceReviewDto, ListIssuancesQuery, RefuseIssuanceDto, SubmitToBureauDto } from './issuance.dto';
import { IssuanceCaseRow } from './issuances.repository';
import { IssuancesService } from './issuances.service';

/** Reduction issuance cases (BJ-21…BJ-23). Thin: HTTP, auth and DTOs; the shared case service does the rest. */
@ApiTags('issuances')
@ApiBearerAuth()
@Controller('issuances')
export class IssuancesController extends CaseController<IssuanceCaseRow> {
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
  @ApiOperation({ summary: 'Apply for issuance for a monitoring period of a registered Class I project (draft; BJ-21, BJ-22)' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateIssuanceDto) {
    return this.service.create(actor, dto);
  }

  @Get()
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

  @Post(':caseNo/review')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Technical review (officer): pass with the audited quantity / request_supplement / reject with reasons (BJ-23)' })
  review(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Body() dto: IssuanceReviewDto, @Idempotency() idem: IdempotencyContext) {
    return this.service.act(actor, this.checked(caseNo), 'review', { ...dto }, idem);
  }

  @Post(':caseNo/submit-to-bureau')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Ask the bureau to issue (officer; within 10 working days of a clean close; BJ-23)' })
  submitToBureau(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Body() dto: SubmitToBureauDto, @Idempotency() idem: IdempotencyContext) {
    return this.service.act(actor, this.checked(caseNo), 'submitToBureau', { ...dto }, idem);
  }

  @Post(':caseNo/sign-off')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Sign off (bureau; never a reviewer, ROLE-2): the over-claim rule gives the quantity, issued as one serial block (BJ-23)' })
  signOff(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Idempotency() idem: IdempotencyContext) {
    return this.service.act(actor, this.checked(caseNo), 'signOff', {}, idem);
  }

  @Post(':caseNo/refuse')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Refuse issuance (bureau), with reasons' })
  refuse(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Body() dto: RefuseIssuanceDto, @Idempotency() idem: IdempotencyContext) {
    return this.service.act(actor, this.checked(caseNo), 'refuse', { ...dto }, idem);
  }
}
