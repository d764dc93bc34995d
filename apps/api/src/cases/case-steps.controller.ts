import { Body, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiHeader, ApiOperation } from '@nestjs/swagger';
import type { UpdateDefinition } from '@temporalio/common';
import { Actor } from '../../../../libs/domain/src';
import { assignUpdate, CaseView, claimUpdate, dismissCommentUpdate, openPublicityUpdate, submitRevisionUpdate, submitSupplementUpdate } from '../../../../libs/temporal/src';
import { CurrentActor, Roles } from '../auth/actor.decorators';
import { CaseRecordsRepository } from './case-records.repository';
import { AssignDto, DismissCommentDto, RevisionDto, SupplementDto } from './case-steps.dto';

export type SharedStep = 'submitSupplement' | 'submitRevision' | 'claim' | 'assign' | 'openPublicity' | 'dismissComment';

export interface CaseStepsService {
  act<A, V extends CaseView>(actor: Actor, caseNo: string, action: SharedStep, update: UpdateDefinition<V, [A]>, args: A, idempotencyKey?: string): Promise<V>;
}

const IDEMPOTENCY = { name: 'Idempotency-Key', required: false, description: 'Retries with the same key act once (becomes the Update ID).' };

/**
 * The endpoints of the steps registration and issuance cases share (BJ-15 = BJ-23): written once; each
 * case type's controller extends this under its own path and says which case numbers are its own.
 */
export abstract class CaseStepsController {
  protected abstract readonly service: CaseStepsService;
  protected abstract readonly records: CaseRecordsRepository;
  /** A case number of this controller's case type, or NOT_FOUND. */
  protected abstract checked(caseNo: string): string;

  @Post(':caseNo/supplement')
  @HttpCode(200)
  @Roles('developer')
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Answer a supplement request (within 10 working days, else the case lapses)' })
  async supplement(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Body() dto: SupplementDto, @Headers('idempotency-key') key?: string) {
    await this.records.assertDocumentsOnCase(this.checked(caseNo), dto.documentIds);
    return this.service.act(actor, caseNo, 'submitSupplement', submitSupplementUpdate, { actor, ...dto }, key);
  }

  @Post(':caseNo/revision')
  @HttpCode(200)
  @Roles('developer')
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Submit revised materials with a response to each standing comment (BJ-15, BJ-23)' })
  async revision(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Body() dto: RevisionDto, @Headers('idempotency-key') key?: string) {
    await this.records.assertDocumentsOnCase(this.checked(caseNo), dto.documentIds);
    return this.service.act(actor, caseNo, 'submitRevision', submitRevisionUpdate, { actor, ...dto }, key);
  }

  @Post(':caseNo/claim')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: 'Take the case (recorded; taking an assigned case is a reassignment)' })
  claim(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Headers('idempotency-key') key?: string) {
    return this.service.act(actor, this.checked(caseNo), 'claim', claimUpdate, { actor }, key);
  }

  @Post(':caseNo/assign')
  @HttpCode(200)
  @Roles('officer', 'bureau', 'admin')
  @ApiOperation({ summary: 'Assign or reassign the case to an officer (recorded)' })
  async assign(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Body() dto: AssignDto, @Headers('idempotency-key') key?: string) {
    const officer = await this.records.activeOfficer(dto.officerId);
    return this.service.act(actor, this.checked(caseNo), 'assign', assignUpdate, { actor, officerId: officer.id, officerName: officer.name }, key);
  }

  @Post(':caseNo/publicity')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: 'Open the 10-working-day publicity (BJ-15, BJ-23); it closes itself' })
  openPublicity(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Headers('idempotency-key') key?: string) {
    return this.service.act(actor, this.checked(caseNo), 'openPublicity', openPublicityUpdate, { actor }, key);
  }

  @Post(':caseNo/comments/:commentId/dismiss')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: 'Dismiss a comment with a recorded reason before the close (BJ-15 Decision)' })
  dismiss(@CurrentActor() actor: Actor, @Param('caseNo') caseNo: string, @Param('commentId') commentId: string, @Body() dto: DismissCommentDto, @Headers('idempotency-key') key?: string) {
    return this.service.act(actor, this.checked(caseNo), 'dismissComment', dismissCommentUpdate, { actor, commentId, reason: dto.reason, note: dto.note }, key);
  }
}
