import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, REGISTRATION_PROCEDURE } from '../../../../libs/domain/src';
import { AnyRole, CurrentActor, Roles } from '../auth/actor.decorators';
import { CaseAction, CaseController, CaseEndpoints } from '../cases/case.controller';
import { ReviewDto } from '../cases/case.dto';
import { CaseRecordsRepository } from '../cases/case-records.repository';
import { Idempotency, Idempotent } from '../idempotency/idempotency.decorators';
import type { IdempotencyContext } from '../idempotency/idempotency.interceptor';
import { CreateRegistrationDto, ListCasesQuery } from './registration.dto';
import { RegistrationCaseRow } from './registrations.repository';
import { RegistrationsService } from './registrations.service';
import { RegistrationCaseActionView, RegistrationCaseSummary, RegistrationCaseView } from './registration.views';

const REGISTRATION_ENDPOINTS: CaseEndpoints = {
  procedure: REGISTRATION_PROCEDURE,
  page: RegistrationCaseView,
  actionView: RegistrationCaseActionView,
  uploaders: ['developer'], // BJ-13: the applicant's developers
};

/** Class I project registration cases (BJ-13…BJ-16). Thin: HTTP, auth and DTOs; the shared case service does the rest. */
@ApiTags('registrations')
@ApiBearerAuth()
@Controller('registrations')
export class RegistrationsController extends CaseController<RegistrationCaseRow>(REGISTRATION_ENDPOINTS) {
  protected readonly caseType = 'registration' as const;

  constructor(
    protected readonly service: RegistrationsService,
    protected readonly records: CaseRecordsRepository,
  ) {
    super();
  }

  @Post()
  @Roles(...REGISTRATION_PROCEDURE.openedBy)
  @Idempotent()
  @ApiCreatedResponse({ type: RegistrationCaseView, description: 'The draft case page' })
  @ApiOperation({ summary: 'Create a Class I registration application (draft) for a new project (BJ-13, BJ-14)' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateRegistrationDto) {
    return this.service.create(actor, dto);
  }

  @Get()
  @AnyRole("ROLE-1: registry staff (officer, bureau, admin) see every case, everyone else their organisation's")
  @ApiOkResponse({ type: RegistrationCaseSummary, isArray: true, description: 'Newest first, at most 500' })
  @ApiOperation({ summary: "List cases: a developer sees its own organisation's, registry staff see all" })
  list(@CurrentActor() actor: Actor, @Query() q: ListCasesQuery) {
    return this.service.list(actor, q.status);
  }

  @Post(':caseNo/review')
  @CaseAction(REGISTRATION_ENDPOINTS, 'review')
  @ApiOperation({ summary: 'Technical review (officer): pass / request_supplement / reject with reasons (BJ-15)' })
  review(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Body() dto: ReviewDto, @Idempotency() idem: IdempotencyContext) {
    return this.service.act(actor, this.checked(caseNo), 'review', { ...dto }, idem);
  }

  @Post(':caseNo/complete')
  @CaseAction(REGISTRATION_ENDPOINTS, 'completeRegistration')
  @ApiOperation({ summary: 'Complete registration (officer): the project gets its registration number and becomes Class I (BJ-16)' })
  complete(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Idempotency() idem: IdempotencyContext) {
    return this.service.act(actor, this.checked(caseNo), 'completeRegistration', {}, idem);
  }
}

@ApiTags('registrations')
@ApiBearerAuth()
@Controller('worklist')
export class WorklistController {
  constructor(private readonly service: RegistrationsService) {}

  @Get()
  @Roles('officer')
  @ApiOkResponse({ type: RegistrationCaseSummary, isArray: true })
  @ApiOperation({ summary: 'Registration cases waiting for me (assigned to me or unclaimed), overdue first, then by deadline' })
  worklist(@CurrentActor() actor: Actor) {
    return this.service.worklist(actor);
  }
}
