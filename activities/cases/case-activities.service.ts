import { Inject, Injectable, Logger } from '@nestjs/common';
import { Actor, CASE_PERIODS, missingIssuanceMaterials, missingMaterials } from '../../libs/domain/src';
import { CalendarRepository, CaseProjectionRepository, LedgerRepository } from '../../libs/persistence/src';
import type { CaseActivities, CaseStep, ComputeDeadlineRequest } from '../../libs/temporal/src';
import { NOTIFICATION_CHANNELS, NotificationChannel } from '../notifications/notification-channel';

/** The activities of case workflows: thin adapters from the workflow's requests to repositories and domain rules. */
@Injectable()
export class CaseActivitiesService implements CaseActivities {
  private readonly log = new Logger('CaseActivities');

  constructor(
    private readonly calendar: CalendarRepository,
    private readonly projection: CaseProjectionRepository,
    private readonly ledger: LedgerRepository,
    @Inject(NOTIFICATION_CHANNELS) private readonly channels: NotificationChannel[],
  ) {}

  async computeDeadline(req: ComputeDeadlineRequest) {
    const { workingDays, bindsOn } = CASE_PERIODS[req.kind];
    const d = (await this.calendar.load()).addWorkingDays(req.startedAt, workingDays);
    return {
      kind: req.kind,
      startedAt: req.startedAt,
      workingDays,
      closesAt: d.closesAt,
      closesAtLocal: d.closesAtLocal,
      calendarVersion: d.calendarVersion,
      provisional: d.provisional,
      bindsOn,
    };
  }

  async recordCaseStep(step: CaseStep): Promise<void> {
    const fresh = await this.projection.recordStep(step);
    for (const n of fresh) {
      for (const channel of this.channels) {
        // Delivery failures must not undo the case step; the inbox row stays as the record.
        await channel.deliver(n).catch((e) => this.log.warn(`channel ${channel.name} failed for ${n.id}: ${e}`));
      }
    }
  }

  /** BJ-13 or BJ-21, by the kind of case. */
  async missingMaterials(caseNo: string, caseType: 'registration' | 'issuance' = 'registration'): Promise<string[]> {
    const uploaded = await this.projection.uploadedDocumentKinds(caseNo);
    return caseType === 'issuance' ? missingIssuanceMaterials(uploaded) : missingMaterials(uploaded);
  }

  openPublicityNotice(req: Parameters<CaseActivities['openPublicityNotice']>[0]) {
    return this.projection.openPublicityNotice(req);
  }

  dismissComment(req: { caseNo: string; round: number; commentId: string; reason: string; note?: string; actor: Actor; at: string }) {
    return this.projection.dismissComment(req);
  }

  closePublicityNotice(req: { caseNo: string; round: number; closedAt: string }) {
    return this.projection.closePublicityNotice(req);
  }

  registerProject(req: { caseNo: string; at: string }) {
    return this.projection.registerProject(req);
  }

  /** BJ-23, LED-2: issue the signed-off quantity as one serial block; idempotent per case (the ledger enforces it). */
  async issueCredits(req: Parameters<CaseActivities['issueCredits']>[0]) {
    const block = await this.ledger.issue(req);
    return block && { prefix: block.prefix, serialFrom: block.serialFrom, serialTo: block.serialTo, accountNo: block.accountNo };
  }
}
