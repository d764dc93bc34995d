import { ApplicationFailure } from '@temporalio/activity';
import { DomainError } from '../libs/domain/src';
import type { CaseActivities } from '../libs/temporal/src';
import { CaseActivitiesService } from './cases/case-activities.service';

/**
 * Turns DI-built services into the plain functions Worker.create wants. A DomainError is a business
 * rule saying no: it becomes a non-retryable ApplicationFailure carrying the domain code.
 */
export function buildActivities(cases: CaseActivitiesService): CaseActivities {
  const names: (keyof CaseActivities)[] = [
    'computeDeadline', 'recordCaseStep', 'missingMaterials', 'openPublicityNotice', 'dismissComment', 'closePublicityNotice', 'registerProject', 'issueCredits',
  ];
  return Object.fromEntries(
    names.map((name) => [
      name,
      async (...args: unknown[]) => {
        try {
          return await (cases[name] as (...a: unknown[]) => Promise<unknown>).apply(cases, args);
        } catch (e) {
          if (e instanceof DomainError) throw ApplicationFailure.nonRetryable(e.message, e.code, e.details);
          throw e;
        }
      },
    ]),
  ) as unknown as CaseActivities;
}
