import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, caseTypeOfNumber, DomainError } from '../../../../libs/domain/src';
import { AnyRole, CurrentActor, Roles } from '../auth/actor.decorators';
import { IssuancesService } from '../issuances/issuances.service';
import { RegistrationsService } from '../registrations/registrations.service';
import { CaseDeadlines } from './case-deadlines';
import { CaseOverviewRepository, WORKLIST_LIMIT } from './case-overview.repository';
import { CaseDeadlineView, WorklistItemView } from './case-overview.views';
import { WorklistQuery } from './worklist.dto';
import { worklistFilter } from './worklist-filter';

/** Questions about cases of every type at once: the desk's worklist, and a case's deadline counted by hand. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CaseOverviewController {
  constructor(
    private readonly overview: CaseOverviewRepository,
    private readonly deadlines: CaseDeadlines,
    private readonly registrations: RegistrationsService,
    private readonly issuances: IssuancesService,
  ) {}

  @Get('worklist')
  @Roles('officer', 'bureau', 'admin')
  @ApiOperation({
    summary: 'The worklist: registration and issuance cases waiting for your desk, overdue first, then by running deadline',
    description:
      'By default the statuses in which the procedure waits for your side — the registry for officers and admins (BJ-15, BJ-16, BJ-23), ' +
      `the bureau for bureau users (BJ-19) — and, for officers, cases assigned to you or unclaimed. At most ${WORKLIST_LIMIT} rows; narrow with the filters. ` +
      '`workingDaysLeft` counts today when it is a working day (CAL-1, CAL-2).',
  })
  @ApiOkResponse({ type: [WorklistItemView] })
  async worklist(@CurrentActor() actor: Actor, @Query() q: WorklistQuery): Promise<WorklistItemView[]> {
    const [rows, today] = await Promise.all([
      this.overview.worklist(worklistFilter(actor, q)),
      this.deadlines.today(),
    ]);
    return rows.map((r) => ({
      ...r,
      deadlineAt: r.deadlineAt && new Date(r.deadlineAt).toISOString(),
      updatedAt: new Date(r.updatedAt).toISOString(),
      workingDaysLeft: this.deadlines.workingDaysLeft(today, r.deadlineAt),
    }));
  }

  @Get(':caseNo/deadline')
  @AnyRole('whoever may read the case (ROLE-1)')
  @ApiOperation({
    summary: "A case's running deadline counted day by day: which days counted, which were passed over and why (CAL-2, CAL-3)",
    description: 'Whoever may read the case (ROLE-1). 404 when the case has no running deadline.',
  })
  @ApiOkResponse({ type: CaseDeadlineView })
  async deadline(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string): Promise<CaseDeadlineView> {
    const type = caseTypeOfNumber(caseNo);
    if (!type) throw new DomainError('NOT_FOUND', `No case ${caseNo.slice(0, 40)}.`);
    const c = await (type === 'registration' ? this.registrations : this.issuances).load(actor, caseNo);
    return this.deadlines.explain(c);
  }
}
