import { ApplicationFailure, Connection, ServiceError, WorkflowNotFoundError } from '@temporalio/client';
import * as net from 'node:net';
import { TemporalUnavailableError, whyTemporalUnavailable } from './temporal-unavailability';

/** A port nothing listens on: taken from the OS, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The error a real call to an address where no Temporal listens ends with, under a deadline of `ms`. */
async function callNobody(ms: number): Promise<unknown> {
  const connection = Connection.lazy({ address: `127.0.0.1:${await closedPort()}` });
  try {
    await connection.withDeadline(Date.now() + ms, () => connection.workflowService.getSystemInfo({}));
  } catch (e) {
    return e;
  } finally {
    await connection.close();
  }
  throw new Error('expected the call to fail');
}

describe('fault 9: Temporal not answering is told apart from Temporal answering no', () => {
  it('fault 9: a call to an address where no Temporal listens fails as unavailable (UNAVAILABLE or DEADLINE_EXCEEDED)', async () => {
    const e = await callNobody(300);
    expect(whyTemporalUnavailable(e)).toMatch(/^(UNAVAILABLE|DEADLINE_EXCEEDED)$/);
    expect(whyTemporalUnavailable(new ServiceError('Workflow Update failed', { cause: e as Error }))).toBeDefined();
  });

  it('fault 9: our own deadline says how long it waited', () => {
    expect(whyTemporalUnavailable(new TemporalUnavailableError('Temporal did not answer within 10000 ms.'))).toBe('Temporal did not answer within 10000 ms.');
  });

  it.each([
    ['a workflow that does not exist', new WorkflowNotFoundError('not found', 'project-registration/BJ-REG-2026-000001', undefined)],
    ['a rejected update (a domain code)', ApplicationFailure.nonRetryable('Cannot review a case that is in_publicity.', 'WRONG_STATE')],
    ['a programming error', new TypeError('x is undefined')],
    ['not an error at all', 'UNAVAILABLE'],
  ])('fault 9: %s is not an outage', (_, e) => {
    expect(whyTemporalUnavailable(e)).toBeUndefined();
  });
});
