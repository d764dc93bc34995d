import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { Actor, REGISTRY_STAFF } from '../../../../libs/domain/src';
import { shanghaiDateTime } from '../../../../libs/domain/src/calendar';
import { CurrentActor, Public, Roles } from '../auth/actor.decorators';
import { IsQueryBoolean } from '../common/validators';
import { RateLimit } from '../rate-limits/rate-limit.decorator';
import { PROJECT_LIST_LIMIT, ProjectRow, ProjectsRepository } from './projects.repository';
import { ProjectView, PublicProjectView } from './projects.views';

export class ProjectsQuery {
  @ApiPropertyOptional({ description: 'Only registered (Class I) projects — those an issuance application can name (BJ-21)' })
  @IsOptional() @IsQueryBoolean() registered?: boolean;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** Projects: a developer's own (to apply for issuance), all of them for registry staff. */
@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects')
export class ProjectsController {
  constructor(private readonly repo: ProjectsRepository) {}

  @Get()
  @Roles('developer', 'officer', 'bureau', 'admin')
  @ApiOperation({ summary: `Projects: a developer's organisation's own, every project for registry staff (ROLE-1); registered first, at most ${PROJECT_LIST_LIMIT}` })
  @ApiOkResponse({ type: [ProjectView] })
  async list(@CurrentActor() actor: Actor, @Query() q: ProjectsQuery): Promise<ProjectView[]> {
    const rows = await this.repo.list(REGISTRY_STAFF.includes(actor.role) ? null : actor.organisationId, q.registered ?? false);
    return rows.map((p) => ({ ...p, registeredAt: iso(p.registeredAt) }));
  }
}

/** The public list of registered projects (BJ-30). */
export const publicProject = (p: ProjectRow): PublicProjectView => ({
  registrationNo: p.registrationNo!,
  name: p.name,
  location: p.location,
  developerName: p.organisationName,
  methodologyCode: p.methodologyCode,
  methodologyTitle: p.methodologyTitle,
  methodologyVersion: p.methodologyVersion,
  registeredAt: iso(p.registeredAt)!,
  registeredAtLocal: shanghaiDateTime(new Date(p.registeredAt!)),
  creditingPeriodStart: p.creditingPeriodStart,
  creditingPeriodEnd: p.creditingPeriodEnd,
  supervisionStatus: p.supervisionStatus,
});

@ApiTags('public')
@Public()
@RateLimit('public')
@Controller('public/projects')
export class PublicProjectsController {
  constructor(private readonly repo: ProjectsRepository) {}

  @Get()
  @ApiOperation({ summary: 'Registered (Class I) projects, in registration-number order (BJ-16, BJ-30). No sign-in.' })
  @ApiOkResponse({ type: [PublicProjectView] })
  async list(): Promise<PublicProjectView[]> {
    return (await this.repo.registered()).map(publicProject);
  }
}
