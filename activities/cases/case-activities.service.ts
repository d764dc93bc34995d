import { Inject, Injectable, Logger } from '@nestjs/common';
import { Actor, missingMaterials, CASE_PERIODS } from '../../libs/domain/src';
import { CalendarRepository, CaseProjectionRepository } from '../../libs/persistence/src';
import type { CaseActivities, CaseStep, ComputeDeadlineRequest } from '../../libs/temporal/src';
import { NOTIFICATION_CHANNELS, NotificationChannel } from '../notifications/notification-channel';

/** The activities of case workflows: thin adapters from the workflow's requests to repositories and domain rules. */
@Injectable()
export class CaseActivitiesService implements CaseActivities {
  private readonly log = new Logger('CaseActivities');

  constructor(
    private readonly calendar: CalendarRepository,
    private readonly projection: CaseProjectionRepository,
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

  async missingMaterials(caseNo: string): Promise<string[]> {
    return missingMaterials(await this.projection.uploadedDocumentKinds(caseNo));
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
}
