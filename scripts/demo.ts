import { REGISTRATION_MATERIALS } from '../libs/domain/src';
import { shanghaiDateTime } from '../libs/domain/src/calendar';
import { temporal } from '@temporalio/proto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { httpClient, startTimeSkippingStack } from './demo/demo-stack';

/**
 * `npm run demo`: one Class I registration driven over HTTP through review, publicity with a public
 * comment, revision, a second publicity round and registration. Waits are skipped on the Temporal
 * time-skipping test server; the calendar is the production one (chinese-days + overrides).
 */
async function main() {
  console.log('=== DEMO: Temporal time-skipping test server (no real waiting); production working-day calendar ===\n');
  const stack = await startTimeSkippingStack('demo');
  try {
    const http = httpClient(stack.baseUrl);
    const token = (role: string, i = 0) => stack.seed.users.filter((u) => u.role === role)[i]!.token;
    const dev = token('developer');
    const officer = token('officer');
    const say = (s: string) => console.log(`• ${s}`);
    const wait = async (caseNo: string, status: string) => {
      for (let i = 0; i < 200; i++) {
        const c = await http.get(`/registrations/${caseNo}`, officer);
        if (c.status === status) return c;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`${caseNo} did not reach ${status}`);
    };
    const skipPast = async (closesAt: string, label: string) => {
      const ms = Date.parse(closesAt) - (await stack.now()) + 60_000;
      say(`… time skips ${(ms / 86_400_000).toFixed(1)} calendar days past ${label}`);
      await stack.skip(ms);
    };

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
    console.log(`\nTimeline of ${caseNo} (Temporal workflow ID project-registration/${caseNo}):`);
    for (const e of full.timeline) {
      const at = shanghaiDateTime(new Date(e.occurredAt)).slice(0, 16).replace('T', ' ');
      console.log(`  ${at} +08:00  r${e.round ?? 0}  ${e.type.padEnd(26)} → ${String(e.status).padEnd(22)} ${e.actorName ?? '(deadline / system)'}`);
    }
    console.log(`\nProject class ${full.projectClass}, registration No. ${full.registrationNo}; ${full.publicity.length} publicity rounds kept.`);
    if (process.argv.includes('--export-history')) {
      // Determinism guard: this history is replayed against the current workflow code in CI (workflows/replay.spec.ts).
      const file = join(__dirname, '..', '..', 'workflows', 'histories', 'registration-two-publicity-rounds.history.pb');
      writeFileSync(file, temporal.api.history.v1.History.encode(await stack.history(`project-registration/${caseNo}`)).finish());
      console.log(`history exported to ${file}`);
    }
  } finally {
    await stack.stop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
