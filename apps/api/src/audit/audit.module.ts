import { Module } from '@nestjs/common';
import { Clock } from '../common/clock';
import { AuditLogRepository } from './audit-log.repository';
import { AuditTrail } from './audit-trail';
import { AuditController } from './audit.controller';

/** The audit trail of mutating requests and the bureau/admin endpoint that reads it (issue 7, "Audit"). */
@Module({ controllers: [AuditController], providers: [AuditTrail, AuditLogRepository, Clock], exports: [AuditTrail] })
export class AuditModule {}
