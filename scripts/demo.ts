import { formatSerial, ISSUANCE_MATERIALS, REGISTRATION_MATERIALS } from '../libs/domain/src';
import { shanghaiDate, shanghaiDateTime } from '../libs/domain/src/calendar';
import { temporal } from '@temporalio/proto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { httpClient } from './demo/http-client';
import { startTimeSkippingStack, TimeSkippingStack } from './demo/demo-stack';

const HISTORIES = join(__dirname, '..', '..', 'workflows', 'histories');

/**
 * `npm run demo`: one Class I registration driven over HTTP through review, publicity with a public
 * comment, revision, a second publicity round and registration; then an issuance for the project's first
 * monitoring period (third-party verification, the over-claim rule, publicity, bureau sign-off) and a
 * transfer that splits the issued serial block. Waits are skipped on the Temporal time-skipping test
 * server; the calendar is the production one (chinese-days + overrides).
 */
async function main() {
  console.log('=== DEMO: Temporal time-skipping test server (no real waiting); production working-day calendar ===\n');
  const stack = await startTimeSkippingStack('demo');
  try {
    const registered = await registration(stack);
    const issuanceCaseNo = await issuanceAndTransfer(stack, registered);
    if (process.argv.includes('--export-history')) {
      // Determinism guard: these histories are replayed against the current workflow code in CI (workflows/replay.spec.ts).
      console.log();
      await exportHistory(stack, `project-registration/${registered.caseNo}`, 'registration-two-publicity-rounds.history.pb');
      await exportHistory(stack, `issuance/${issuanceCaseNo}`, 'reduction-issuance.history.pb');
    }
  } finally {
    await stack.stop();
  }
}

/** What the walk-through shares between its parts: the HTTP client, the seeded people, waiting and skipping time. */
function demoKit(stack: TimeSkippingStack) {
  const http = httpClient(stack.baseUrl);
  const user = (role: string, i = 0) => stack.seed.users.filter((u) => u.role === role)[i]!;
  const officer = user('officer').token;
  const say = (s: string) => console.log(`• ${s}`);
  const wait = async (path: string, status: string) => {
    for (let i = 0; i < 200; i++) {
      const c = await http.get(path, officer);
      if (c.status === status) return c;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${path} did not reach ${status}`);
  };
  const skipPast = async (closesAt: string, label: string) => {
    const ms = Date.parse(closesAt) - (await stack.now()) + 60_000;
    say(`… time skips ${(ms / 86_400_000).toFixed(1)} calendar days past ${label}`);
    await stack.skip(ms);
  };
  return { http, user, officer, say, wait, skipPast };
}

async function exportHistory(stack: TimeSkippingStack, workflowId: string, file: string) {
  writeFileSync(join(HISTORIES, file), temporal.api.history.v1.History.encode(await stack.history(workflowId)).finish());
  console.log(`history of ${workflowId} exported to workflows/histories/${file}`);
}

const serialNo = (n: string) => n.padStart(9, '0');
const local = (at: string | Date) => shanghaiDateTime(new Date(at)).slice(0, 16).replace('T', ' ');

function printTimeline(title: string, timeline: { occurredAt: string; round: number | null; type: string; status: string; actorName: string | null }[]) {
  console.log(`\n${title}:`);
  const width = Math.max(...timeline.map((e) => String(e.status).length));
  for (const e of timeline) {
    console.log(`  ${local(e.occurredAt)} +08:00  r${e.round ?? 0}  ${e.type.padEnd(26)} → ${String(e.status).padEnd(width)} ${e.actorName ?? '(deadline / system)'}`);
  }
}

interface Registered {
  caseNo: string;
  projectId: string;
  projectName: string;
  registrationNo: string;
  registeredOn: string;
}

/** Part 1: a Class I registration with a standing comment, a revision and a second publicity round (BJ-13…BJ-16). */
async function registration(stack: TimeSkippingStack): Promise<Registered> {
  const { http, user, officer, say, wait: waitFor, skipPast } = demoKit(stack);
  const dev = user('developer').token;
  const wait = (caseNo: string, status: string) => waitFor(`/registrations/${caseNo}`, status);

  const created = await http.post('/registrations', dev, {
    project: { name: '朝阳区学校屋顶分布式光伏', location: '北京市朝阳区', methodologyVersionId: stack.seed.methodologyVersions.tier1,
      siteIdentifiers: ['BJ-PV-CY-0042'], implementationStartDate: '2024-03-01' },
    attestations: { notUnderEtsAllowanceManagement: true, notInOtherMechanism: true },
  });
  const caseNo: string = created.caseNo;
  say(`developer created ${caseNo} (draft)`);
  for (const kind of REGISTRATION_MATERIALS) {
    const d = await http.upload(`/registrations/${caseNo}/documents`, dev, kind, `${kind}.pdf`, `${kind} for ${caseNo}`);
    say(`  uploaded ${kind} sha256=${d.sha256.slice(0, 16)}…`);
  }
  say(`developer submitted → ${(await http.post(`/registrations/${caseNo}/submit`, dev)).status}`);
  await http.post(`/registrations/${caseNo}/claim`, officer);
  say(`officer claimed; review pass → ${(await http.post(`/registrations/${caseNo}/review`, officer, { outcome: 'pass' })).status}`);
  let view = await http.post(`/registrations/${caseNo}/publicity`, officer);
  say(`publicity round 1 open until ${view.deadline.closesAtLocal} (calendar ${view.deadline.calendarVersion})`);
  const [notice] = (await http.get('/public/publicity')).filter((n: { caseNo: string }) => n.caseNo === caseNo);
  const c = await http.post(`/public/publicity/${notice.id}/comments`, undefined, { authorName: '李四', body: '学校屋顶的产权与收益分配是否已与学校约定？' });
  say(`public comment received from ${c.authorName}`);
  await skipPast(view.deadline.closesAt, 'the publicity close');
  let state = await wait(caseNo, 'awaiting_revision');
  say(`publicity closed with 1 standing comment → ${state.status}, revise by ${state.deadlineLocal}`);
  const rev = await http.upload(`/registrations/${caseNo}/documents`, dev, 'revision', 'pdd-v2.pdf', 'PDD v2 with the school agreement');
  view = await http.post(`/registrations/${caseNo}/revision`, dev, { documentIds: [rev.id], responses: [{ commentId: c.id, response: '已附学校签署的屋顶使用与收益分配协议。' }] });
  say(`developer revised → ${view.status}, round ${view.round}`);
  await http.post(`/registrations/${caseNo}/review`, officer, { outcome: 'pass' });
  view = await http.post(`/registrations/${caseNo}/publicity`, officer);
  say(`publicity round 2 open until ${view.deadline.closesAtLocal}`);
  await skipPast(view.deadline.closesAt, 'the second publicity close');
  state = await wait(caseNo, 'awaiting_registration');
  say(`publicity closed clean → ${state.status}, registry must register by ${state.deadlineLocal}`);
  view = await http.post(`/registrations/${caseNo}/complete`, officer);
  say(`officer completed registration → ${view.status}, registration No. ${view.registrationNo}`);

  const full = await http.get(`/registrations/${caseNo}`, dev);
  printTimeline(`Timeline of ${caseNo} (Temporal workflow ID project-registration/${caseNo})`, full.timeline);
  console.log(`\nProject class ${full.projectClass}, registration No. ${full.registrationNo}; ${full.publicity.length} publicity rounds kept.`);
  const registeredAt = full.timeline.find((e: { type: string }) => e.type === 'registered').occurredAt;
  return { caseNo, projectId: full.projectId, projectName: full.projectName, registrationNo: full.registrationNo, registeredOn: shanghaiDate(new Date(registeredAt)) };
}

/**
 * Part 2: the project's first issuance (BJ-21…BJ-23) — a third-party verifier's report, an audited quantity
 * below the claim so the over-claim rule deducts the excess, a clean publicity, the registry's request to the
 * bureau and the bureau's sign-off (ROLE-2) — then a sale to an emitter that splits the block (LED-2).
 */
async function issuanceAndTransfer(stack: TimeSkippingStack, project: Registered): Promise<string> {
  const { http, user, officer, say, wait, skipPast } = demoKit(stack);
  const dev = user('developer').token;
  const verifier = user('verifier');
  const bureau = user('bureau').token;
  const emitter = user('emitter');
  console.log(`\n--- Issuance for ${project.registrationNo} and a transfer ---\n`);

  // BJ-21: the first monitoring period starts on the registration day; it must have ended before the filing day.
  const [y, m] = project.registeredOn.split('-').map(Number);
  const period = { start: project.registeredOn, end: new Date(Date.UTC(y, m + 6, 0)).toISOString().slice(0, 10) };
  const filing = `${new Date(Date.parse(`${period.end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)}T10:00:00+08:00`;
  const ahead = Date.parse(filing) - (await stack.now());
  say(`… time skips ${(ahead / 86_400_000).toFixed(1)} calendar days to ${local(filing)}: the monitoring period ${period.start} to ${period.end} has ended`);
  await stack.skip(ahead);

  const claimed = '1050.5';
  const draft = await http.post('/issuances', dev, { projectId: project.projectId, monitoringPeriod: period, claimedTco2e: claimed, verifierOrganisationId: verifier.organisationId });
  const caseNo: string = draft.caseNo;
  const path = `/issuances/${caseNo}`;
  say(`developer applied: ${caseNo}, period ${draft.periodStart} to ${draft.periodEnd} (vintage ${draft.vintage}), claimed ${claimed} tCO2e, verifier ${draft.verifierName}`);
  for (const kind of ISSUANCE_MATERIALS) {
    const by = kind === 'verification_report' ? verifier : user('developer');
    const d = await http.upload(`${path}/documents`, by.token, kind, `${kind}.pdf`, `${kind} for ${caseNo}`);
    say(`  ${by.name} uploaded ${kind} sha256=${d.sha256.slice(0, 16)}…`);
  }
  say(`developer submitted → ${(await http.post(`${path}/submit`, dev)).status}`);
  await http.post(`${path}/claim`, officer);
  let view = await http.post(`${path}/review`, officer, { outcome: 'pass', auditedTco2e: '1000' });
  say(`officer claimed; review pass with audited ${view.auditedTco2e} t → ${view.status}`);
  say(`  over-claim rule (BJ-23): ${view.issuable.explanation} → ${view.issuable.tco2e} t`);
  view = await http.post(`${path}/publicity`, officer);
  const provisional = (d: { provisional: boolean }) => (d.provisional ? ', provisional: no official schedule for that year yet (CAL-4)' : '');
  say(`publicity open until ${view.deadline.closesAtLocal} (calendar ${view.deadline.calendarVersion}${provisional(view.deadline)})`);
  await skipPast(view.deadline.closesAt, 'the publicity close');
  let state = await wait(path, 'awaiting_bureau_submission');
  say(`publicity closed clean → ${state.status}, registry must ask the bureau by ${state.deadlineLocal}`);
  say(`officer asked the bureau to issue → ${(await http.post(`${path}/submit-to-bureau`, officer, { note: '审核通过，公示无异议。' })).status}`);
  view = await http.post(`${path}/sign-off`, bureau);
  say(`bureau signed off (not a reviewer, ROLE-2) → ${view.status}: ${view.issuedTco2e} t into ${view.block.accountNo}, serials ${formatSerial(view.block.prefix, view.block.serialFrom)}…${serialNo(view.block.serialTo)}`);

  const [devAccount] = await http.get('/accounts', dev);
  const buyer = await http.post('/accounts', emitter.token);
  say(`${emitter.organisation} opened holding account ${buyer.accountNo}`);
  const key = { 'Idempotency-Key': `demo-sale-${caseNo}` };
  const sale = { toAccountNo: buyer.accountNo, quantity: '300', blockPrefix: view.block.prefix, reason: '碳普惠减排量转让合同 2027-017' };
  const moved = await http.post(`/accounts/${devAccount.accountNo}/transfers`, dev, sale, key);
  say(`developer transferred ${moved.quantity} t to ${moved.toAccountNo}: serials ${moved.ranges.map((r: { serialFrom: string; serialTo: string }) => `${serialNo(r.serialFrom)}…${serialNo(r.serialTo)}`).join(', ')} (journal entry #${moved.entryId})`);
  const again = await http.post(`/accounts/${devAccount.accountNo}/transfers`, dev, sale, key);
  say(`  the same request retried with its Idempotency-Key → entry #${again.entryId} again, nothing more moved`);

  console.log('\nHoldings (LED-2: a block split into serial ranges, each held by exactly one account):');
  for (const [account, token] of [[devAccount.accountNo, dev], [buyer.accountNo, emitter.token]]) {
    const h = await http.get(`/accounts/${account}/holdings`, token);
    for (const b of h.holdings) {
      for (const r of b.ranges) {
        console.log(`  ${account}  ${String(h.account.organisationName).padEnd(12)} ${b.blockPrefix}  ${serialNo(r.serialFrom)}…${serialNo(r.serialTo)}  ${r.quantity.padStart(4)} t`);
      }
    }
  }

  console.log('\nJournal (double entry; + credits an account with a serial range, − debits it):');
  const entries = new Map<string, { head: string; lines: string[] }>();
  for (const a of await http.get('/accounts', officer)) {
    for (const mv of await http.get(`/accounts/${a.accountNo}/movements`, officer)) {
      const e = entries.get(mv.entryId) ?? { head: `  #${mv.entryId} ${mv.kind.padEnd(8)} ${local(mv.occurredAt)}  ${mv.reason}`, lines: [] };
      const sign = mv.direction === 'in' ? '+' : '−';
      e.lines.push(`      ${a.accountNo.padEnd(17)} ${sign}${mv.quantity.padStart(4)}  ${mv.blockPrefix}  ${serialNo(mv.serialFrom)}…${serialNo(mv.serialTo)}`);
      entries.set(mv.entryId, e);
    }
  }
  for (const [, e] of [...entries].sort(([a], [b]) => Number(a) - Number(b))) console.log([e.head, ...e.lines.sort((a, b) => (a.includes('−') ? -1 : b.includes('−') ? 1 : 0))].join('\n'));

  console.log(`\nMovements of ${devAccount.accountNo} (developer's view, newest first):`);
  for (const mv of await http.get(`/accounts/${devAccount.accountNo}/movements`, dev)) {
    console.log(`  ${local(mv.occurredAt)}  ${mv.direction.padEnd(3)} ${mv.quantity.padStart(4)} t  ${mv.blockPrefix}  ${serialNo(mv.serialFrom)}…${serialNo(mv.serialTo)}  ${mv.kind.padEnd(8)} ${mv.direction === 'in' ? 'from' : 'to'} ${mv.counterpartyAccountNo}`);
  }
  const serial = formatSerial(view.block.prefix, 300);
  const s = await http.get(`/ledger/serials/${serial}`, officer);
  const moves = new Map<string, { kind: string; from?: string; to?: string }>();
  for (const h of s.history as { entryId: string; kind: string; accountNo: string; direction: string }[]) {
    moves.set(h.entryId, { ...moves.get(h.entryId), kind: h.kind, [h.direction === 'in' ? 'to' : 'from']: h.accountNo });
  }
  say(`serial ${serial} is held by ${s.heldBy.accountNo} (${s.heldBy.organisationName}); its moves: ${[...moves.values()].map((mv) => `${mv.kind} ${mv.from} → ${mv.to}`).join(', ')}`);
  const audit = await http.get('/ledger/audit', bureau);
  say(`ledger self-check (LED-3, journal replayed): ${audit.blocks} block, ${audit.entries} entries, ${audit.violations.length} violations`);

  console.log('\nPublic issued reductions (GET /public/issuances, no login, BJ-30):');
  for (const p of await http.get('/public/issuances')) {
    console.log(`  ${p.registrationNo} ${p.projectName} (${p.developerName}): ${p.issuedTco2e} tCO2e issued`);
    for (const b of p.blocks) console.log(`    ${b.blockPrefix}  serials ${serialNo(b.serialFrom)}…${serialNo(b.serialTo)}, period ${b.periodStart} to ${b.periodEnd}, ${b.caseNo}`);
  }

  const full = await http.get(path, dev);
  printTimeline(`Timeline of ${caseNo} (Temporal workflow ID issuance/${caseNo})`, full.timeline);
  return caseNo;
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
