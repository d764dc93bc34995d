import { Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { temporalConfig } from '../../libs/temporal/src/server/temporal-config';

/**
 * The worker's one connection to Temporal: the worker polls on it, and the activities that read Temporal
 * itself (who cancelled a case; which case workflows closed outside their procedure) use a client on it.
 */
export class WorkerTemporal {
  constructor(
    readonly connection: NativeConnection,
    readonly client: Client,
    readonly namespace: string,
  ) {}

  static async connect(): Promise<WorkerTemporal> {
    const { address, namespace } = temporalConfig();
    const connection = await NativeConnection.connect({ address });
    return new WorkerTemporal(connection, new Client({ connection, namespace }), namespace);
  }

  static over(connection: NativeConnection, namespace = 'default'): WorkerTemporal {
    return new WorkerTemporal(connection, new Client({ connection, namespace }), namespace);
  }
}
