import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort, sleep } from '../stack/util';
import type { ServiceStack } from './service-stack';

export interface ApiProcess {
  pid: number;
  baseUrl: string;
  stop(): Promise<void>;
}

/** The API's built entry point in its own process, on the stack's PostgreSQL and Temporal and with its JWT secret. */
export async function startApiProcess(stack: Pick<ServiceStack, 'temporalAddress'>): Promise<ApiProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, '..', '..', 'apps', 'api', 'src', 'main.js')], {
    env: { ...process.env, PORT: String(port), TEMPORAL_ADDRESS: stack.temporalAddress, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  for (const until = Date.now() + 60_000; ; await sleep(200)) {
    if (child.exitCode !== null) throw new Error(`the API process exited with code ${child.exitCode} before it answered`);
    if (await fetch(`${baseUrl}/health/live`).then((r) => r.ok, () => false)) return { pid: child.pid!, baseUrl, stop };
    if (Date.now() > until) {
      await stop();
      throw new Error('the API process did not answer /health/live within 60 s');
    }
  }
}
