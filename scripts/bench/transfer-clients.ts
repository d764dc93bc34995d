import { randomUUID } from 'node:crypto';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { pool } from './measure';

/**
 * The bench's HTTP clients for transfers, in a worker thread of their own: the API's event loop then serves requests
 * and nothing else, as it would with clients elsewhere (pgbench's clients are a process apart from PostgreSQL too).
 */
export interface PlannedTransfer {
  fromAccountNo: string;
  token: string;
  toAccountNo: string;
  quantity: string;
}
export type Outcome = 'moved' | 'refused';
interface Job {
  /** The API's replicas: requests go to each in turn, as a round-robin load balancer would send them. */
  baseUrls: string[];
  plan: PlannedTransfer[];
  clients: number;
}
type Answer = { outcomes: Outcome[]; latencies: number[] } | { error: string };

/** Sends `plan` with `clients` requests in flight; a refusal for lack of credits is an answer, anything else fails. */
export function transfersFromClients(job: Job): Promise<{ outcomes: Outcome[]; latencies: number[] }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: job });
    worker.once('message', (a: Answer) => ('error' in a ? reject(new Error(a.error)) : resolve(a)));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`transfer clients exited with code ${code}`)));
  });
}

async function sendAll({ baseUrls, plan, clients }: Job): Promise<Answer> {
  const outcomes: Outcome[] = [];
  const latencies: number[] = [];
  try {
    await pool(plan, clients, async (t, i) => {
      const t0 = performance.now();
      outcomes.push(await transfer(baseUrls[i % baseUrls.length]!, t));
      latencies.push(performance.now() - t0);
    });
    return { outcomes, latencies };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** One transfer as a holder's client sends it, with a fresh Idempotency-Key. */
async function transfer(baseUrl: string, t: PlannedTransfer): Promise<Outcome> {
  const path = `/accounts/${t.fromAccountNo}/transfers`;
  const res = await fetch(baseUrl + path, {
    method: 'POST',
    headers: { Authorization: `Bearer ${t.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
    body: JSON.stringify({ toAccountNo: t.toAccountNo, quantity: t.quantity }),
  });
  const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string; quantity?: string };
  if (res.status === 201 && body.quantity === t.quantity) return 'moved';
  if (res.status === 422 && body.code === 'INSUFFICIENT_HOLDINGS') return 'refused';
  throw new Error(`POST ${path} (${t.quantity} t to ${t.toAccountNo}) → ${res.status}: ${body.code ?? ''} ${body.message ?? JSON.stringify(body)}`);
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  void sendAll(workerData as Job).then((a) => port.postMessage(a));
}
