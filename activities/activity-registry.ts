import { ApplicationFailure } from '@temporalio/activity';
import { DomainError } from '../libs/domain/src';
import { sqlState } from '../libs/persistence/src/sql-state';
import type { CaseActivities, DeliveryActivities, DigestActivities } from '../libs/temporal/src';
import { CaseActivitiesService } from './cases/case-activities.service';
import { DeliveryActivitiesService } from './notifications/delivery-activities.service';
import { DigestActivitiesService } from './notifications/email/digest-activities.service';

/**
 * Turns DI-built services into the plain functions Worker.create wants, and says which failures are worth
 * retrying. A DomainError is a business rule saying no. A PostgreSQL data exception (class 22: a value the
 * column cannot hold) or integrity violation (class 23: a constraint) fails the same way on every retry, so
 * it must not retry forever and wedge the case: both are non-retryable with a code the API maps to 4xx.
 * Everything else (a lost connection, a restart, a timeout) is transient and retried on the activity's
 * bounded schedule.
 */
export function buildActivities(cases: CaseActivitiesService, deliveries: DeliveryActivitiesService, digests: DigestActivitiesService): CaseActivities & DeliveryActivities & DigestActivities {
  const caseNames: (keyof CaseActivities)[] = [
    'computeDeadline', 'recordCaseStep', 'remindDeadline', 'reportStepFailure', 'missingMaterials', 'openPublicityNotice', 'dismissComment', 'closePublicityNotice',
    'registerProject', 'issueCredits', 'describeCancellation', 'reconcileClosedCases',
  ];
  const deliveryNames: (keyof DeliveryActivities)[] = ['pendingDeliveryLanes', 'deliverNext', 'abandonDelivery', 'nudgeStalledDeliveries'];
  return { ...adapt(cases, caseNames), ...adapt(deliveries, deliveryNames), ...adapt(digests, ['sendDailyDigests']) } as unknown as CaseActivities & DeliveryActivities & DigestActivities;
}

function adapt<S extends object>(service: S, names: string[]) {
  return Object.fromEntries(
    names.map((name) => [
      name,
      async (...args: unknown[]) => {
        try {
          return await ((service as Record<string, unknown>)[name] as (...a: unknown[]) => Promise<unknown>).apply(service, args);
        } catch (e) {
          throw permanentFailure(e) ?? e;
        }
      },
    ]),
  );
}

/** A failure no retry can cure, as a non-retryable ApplicationFailure; undefined for transient ones. */
export function permanentFailure(e: unknown): ApplicationFailure | undefined {
  if (e instanceof DomainError) return ApplicationFailure.nonRetryable(e.message, e.code, e.details);
  const code = sqlState(e);
  if (code?.startsWith('22')) return ApplicationFailure.nonRetryable(`The database refused a value (SQLSTATE ${code}): ${(e as Error).message}`, 'INVALID_DATA');
  if (code?.startsWith('23')) return ApplicationFailure.nonRetryable(`The database refused the change (SQLSTATE ${code}): ${(e as Error).message}`, 'CONSTRAINT_VIOLATED');
  return undefined;
}
