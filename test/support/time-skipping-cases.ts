import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { NotificationChannel } from '../../activities/notifications/notification-channel';
import type { MailSettings } from '../../activities/notifications/email/mail-settings';
import { CaseRecordsRepository } from '../../apps/api/src/cases/case-records.repository';
import { Clock } from '../../apps/api/src/common/clock';
import { IssuancesRepository } from '../../apps/api/src/issuances/issuances.repository';
import { IssuancesService } from '../../apps/api/src/issuances/issuances.service';
import { RegistrationsRepository } from '../../apps/api/src/registrations/registrations.repository';
import { RegistrationsService } from '../../apps/api/src/registrations/registrations.service';
import { TemporalClientService } from '../../apps/api/src/temporal/temporal-client.service';
import { caseTypeOfNumber, type Actor } from '../../libs/domain/src';
import { CaseProjectionRepository } from '../../libs/persistence/src';
import { caseActionUpdate, CASES_TASK_QUEUE, CaseView } from '../../libs/temporal/src';
import { ensureSearchAttributes } from '../../libs/temporal/src/server/search-attribute-registration';
import { testServerExecutable } from '../../libs/temporal/src/test-server-executable';
import { DocumentedAnswers, documentOfTheApi } from './documented-answers';
import { makeRegistry } from './fixtures';
import { startWorker } from './worker-harness';

/**
 * Case workflows on the time-skipping test server with the real worker, activities and PostgreSQL, and the API's
 * case services over it (as the controllers call them, without HTTP): ten working days pass in milliseconds.
 * Every action answered through `act` is held to the OpenAPI document of its endpoint (`stop()` fails otherwise).
 */
export async function startTimeSkippingCases(options: { channels?: NotificationChannel[]; mail?: MailSettings } = {}) {
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: testServerExecutable() } });
  const searchAttributesEnabled = await ensureSearchAttributes(env.connection, 'default', () => undefined);
  const worker = await startWorker(env.nativeConnection, CASES_TASK_QUEUE, 'default', undefined, options);
  const db = worker.db;
  const temporal = TemporalClientService.over(env.client, searchAttributesEnabled);
  const records = new CaseRecordsRepository(db);
  const projection = new CaseProjectionRepository(db);
  const answers = new DocumentedAnswers(await documentOfTheApi());
  return {
    env,
    db,
    r: await makeRegistry(db),
    temporal,
    records,
    registrations: new RegistrationsService(new RegistrationsRepository(db), records, projection, temporal, new Clock()),
    issuances: new IssuancesService(new IssuancesRepository(db), records, projection, temporal, new Clock()),
    /** A person's action sent straight to the workflow: the Update named after the action. */
    act: async <V extends CaseView>(workflowId: string, action: string, actor: Actor, args: Record<string, unknown> = {}) => {
      const view = await env.client.workflow.getHandle(workflowId).executeUpdate(caseActionUpdate<V>(action), { args: [{ actor, ...args }] });
      answers.checkCaseAction(caseTypeOfNumber(workflowId.split('/')[1])!, action, view);
      return view;
    },
    /** Time skips to a minute past `iso`. */
    skipPast: async (iso: string) => env.sleep(Date.parse(iso) - (await env.currentTimeMs()) + 60_000),
    async stop() {
      await worker.stop();
      await env.teardown();
      if (answers.violations.length) throw new Error(`Case action answers that do not match the OpenAPI document:\n${answers.violations.join('\n')}`);
    },
  };
}
export type TimeSkippingCases = Awaited<ReturnType<typeof startTimeSkippingCases>>;
