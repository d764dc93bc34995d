import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ISSUANCE_PROCEDURE, REGISTRATION_PROCEDURE, Role } from '../../../../libs/domain/src';
import { CurrentActor, Roles } from '../auth/actor.decorators';
import { DirectoryRepository } from './directory.repository';
import { DirectoryEntryView } from './directory.views';

/** Whoever may assign a case of some type (the procedure tables' `assign` roles) needs the officers to pick from. */
const ASSIGNERS: Role[] = [...new Set([...REGISTRATION_PROCEDURE.actions.assign.roles, ...ISSUANCE_PROCEDURE.actions.assign.roles])];

/** Who's who for the console's forms, in the caller's jurisdiction. Names only: no contacts or e-mail addresses. */
@ApiTags('directory')
@ApiBearerAuth()
@Controller('directory')
export class DirectoryController {
  constructor(private readonly repo: DirectoryRepository) {}

  @Get('officers')
  @Roles(...ASSIGNERS)
  @ApiOperation({ summary: 'Officers a case can be assigned to (active, by name)' })
  @ApiOkResponse({ type: [DirectoryEntryView] })
  async officers(@CurrentActor() actor: Actor): Promise<DirectoryEntryView[]> {
    return this.repo.officers(await this.repo.jurisdictionOf(actor.organisationId));
  }

  @Get('verifiers')
  @Roles('developer', 'officer', 'bureau', 'admin')
  @ApiOperation({ summary: 'Third-party verification organisations an issuance application can name (BJ-21)' })
  @ApiOkResponse({ type: [DirectoryEntryView] })
  async verifiers(@CurrentActor() actor: Actor): Promise<DirectoryEntryView[]> {
    return this.repo.verifiers(await this.repo.jurisdictionOf(actor.organisationId));
  }
}
