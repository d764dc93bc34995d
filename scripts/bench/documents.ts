import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { sleep } from '../stack/util';
import { startApiProcess } from './api-process';
import { intFromEnv, timed } from './measure';
import { Figure, printFigure, printHeading, printLine } from './report';
import { ServiceStack } from './service-stack';

/**
 * Issue 9, item 6: the API's memory under document transfers. The API runs as its own process (`node
 * dist/apps/api/src/main.js`, as `npm start` runs it) on the bench's PostgreSQL and Temporal, so its resident set is
 * its own, not the bench client's. Figures: its RSS at rest (after one small upload and download) as the baseline,
 * then its peak RSS while BENCH_DOCUMENT_CLIENTS (10) clients upload a BENCH_DOCUMENT_MB (20) MB document each at
 * once, and while the same clients download them at once. The peak is the kernel's high-water mark (VmHWM),
 * reset before each phase (/proc/<pid>/clear_refs), so a short spike is not missed between samples. Every
 * download's bytes must hash to what was uploaded.
 */
const CLIENTS = intFromEnv('BENCH_DOCUMENT_CLIENTS', 10);
const SIZE_MB = intFromEnv('BENCH_DOCUMENT_MB', 20);
/** Before streaming (issue 9's figures on the same machine): at rest, 10 uploads, 10 downloads. */
const BEFORE = { restMb: 133, uploadsMb: 573, downloadsMb: 708 };

export async function documentsSection(stack: ServiceStack): Promise<Figure[]> {
  const api = await startApiProcess(stack);
  try {
    printHeading('documents', `the API as its own process (pid ${api.pid}); ${CLIENTS} clients at once, ${SIZE_MB} MB each, uploads then downloads`);
    const developer = stack.seed.users.find((u) => u.role === 'developer')!;
    const caseNo: string = (await stack.http.post('/registrations', developer.token, {
      project: { name: 'Bench documents', location: '北京', methodologyVersionId: stack.seed.methodologyVersions.tier1, siteIdentifiers: [`BENCH-DOC-${process.pid}-${Date.now()}`], implementationStartDate: '2024-01-01' },
      attestations: { notUnderEtsAllowanceManagement: true, notInOtherMechanism: true },
    })).caseNo;
    const upload = async (content: Buffer, name: string) => {
      const form = new FormData();
      form.append('kind', 'other');
      form.append('file', new Blob([new Uint8Array(content.buffer as ArrayBuffer, content.byteOffset, content.length)], { type: 'application/pdf' }), name);
      const res = await fetch(`${api.baseUrl}/registrations/${caseNo}/documents`, { method: 'POST', headers: { Authorization: `Bearer ${developer.token}` }, body: form });
      if (res.status !== 201) throw new Error(`upload ${name} → ${res.status}: ${await res.text()}`);
      return (await res.json()) as { id: string; sha256: string };
    };
    /** Reads the download as it arrives (never whole) and answers its SHA-256. */
    const download = async (id: string) => {
      const res = await fetch(`${api.baseUrl}/registrations/${caseNo}/documents/${id}`, { headers: { Authorization: `Bearer ${developer.token}` } });
      if (res.status !== 200 || !res.body) throw new Error(`download ${id} → ${res.status}: ${await res.text()}`);
      const hash = createHash('sha256');
      const reader = res.body.getReader();
      for (let part = await reader.read(); !part.done; part = await reader.read()) hash.update(part.value);
      return hash.digest('hex');
    };

    // Warm-up: the code paths loaded, the pools opened; then the resting size.
    const small = await upload(randomBytes(1024), 'warm-up.pdf');
    await download(small.id);
    await sleep(1000);
    const rest = rssMb(api.pid, 'VmRSS');

    const contents = Array.from({ length: CLIENTS }, () => randomBytes(SIZE_MB * 1024 * 1024)); // distinct: none deduplicated
    resetPeak(api.pid);
    let docs: { id: string; sha256: string }[] = [];
    const upSeconds = await timed(async () => (docs = await Promise.all(contents.map((c, i) => upload(c, `bench-${i}.pdf`)))));
    const uploadsPeak = rssMb(api.pid, 'VmHWM');

    resetPeak(api.pid);
    let digests: string[] = [];
    const downSeconds = await timed(async () => (digests = await Promise.all(docs.map((d) => download(d.id)))));
    const downloadsPeak = rssMb(api.pid, 'VmHWM');
    const intact = digests.filter((h, i) => h === docs[i]!.sha256 && h === sha256(contents[i]!)).length;

    const totalMb = CLIENTS * SIZE_MB;
    const figures: Figure[] = [
      {
        section: 'documents',
        baseline: { label: 'API RSS at rest', value: rest, unit: 'MB', note: `before streaming: ${BEFORE.restMb} MB` },
        measured: { label: `API peak RSS, ${CLIENTS} × ${SIZE_MB} MB uploads at once`, value: uploadsPeak, unit: 'MB', note: `${(totalMb / upSeconds).toFixed(0)} MB/s; before streaming: ${BEFORE.uploadsMb} MB` },
        ratioLabel: 'peak under uploads ÷ at rest',
      },
      {
        section: 'documents',
        baseline: { label: 'API RSS at rest', value: rest, unit: 'MB' },
        measured: { label: `API peak RSS, ${CLIENTS} × ${SIZE_MB} MB downloads at once`, value: downloadsPeak, unit: 'MB', note: `${(totalMb / downSeconds).toFixed(0)} MB/s; before streaming: ${BEFORE.downloadsMb} MB` },
        ratioLabel: 'peak under downloads ÷ at rest',
      },
    ];
    figures.forEach(printFigure);
    printLine('check', 'downloads identical to their uploads (SHA-256)', `${intact} of ${CLIENTS}`);
    if (intact !== CLIENTS) throw new Error(`${CLIENTS - intact} downloads differ from what was uploaded`);
    return figures;
  } finally {
    await api.stop();
  }
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A size from /proc/<pid>/status (VmRSS: now; VmHWM: the peak since start or since resetPeak), in MB. */
export function rssMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
  if (!line) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(line.split(/\s+/)[1]) / 1024;
}

/** Resets the process's peak resident set to its current size (Linux ≥ 4.0). */
function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}
