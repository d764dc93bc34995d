import { expect, test } from '@playwright/test';
import { httpClient } from '../../scripts/demo/http-client';
import { beijingDay, registeredProject, registrationSubmitted } from './arrange';
import { choose } from './forms';
import { consoleUrl, expectAccessible, screenshot, serverNow, signIn, skipTime, stack, tokenFor, user, USERS } from './support';

const DAY = 86_400_000;
const api = () => httpClient(stack().baseUrl);

/** Issue 8, point 5: a developer's applications — a new one through the form, its materials checklist (BJ-13, BJ-21). */
test.describe("a developer's applications", () => {
  test('BJ-13/BJ-14: a registration application made through the form lands on its case page; the list shows what is still missing', async ({ page }, testInfo) => {
    const tier1 = (await api().get('/methodologies')).find((m: { id: string }) => m.id === stack().methodologyVersions.tier1);
    const name = `朝阳区屋顶光伏 ${Date.now().toString(36)}`;
    const sites = [`BJ-PV-CY-${Date.now().toString(36)}`, `BJ-PV-CY-${Date.now().toString(36)}-B`];

    await signIn(page, USERS.developer);
    await expect(page).toHaveURL(/\/console\/applications$/);
    await page.getByRole('button', { name: '新建项目登记申请' }).click();
    await expect(page).toHaveURL(/\/console\/applications\/new\/registration$/);
    await expect(page.getByRole('heading', { name: '项目登记申请', level: 1 })).toBeVisible();
    await page.getByLabel('项目名称').fill(name);
    await page.getByLabel('项目地点').fill('北京市朝阳区');
    await choose(page, page.getByLabel('方法学版本'), tier1.code);
    await page.getByLabel('标识 1', { exact: true }).fill(sites[0]);
    await page.getByRole('button', { name: '添加标识' }).click();
    await page.getByLabel('标识 2', { exact: true }).fill(sites[1]);
    await page.getByLabel('项目实施开始日期').fill('2024-03-01');
    await page.getByRole('checkbox', { name: '本项目未纳入全国或本市碳排放权交易配额管理。' }).check();
    await page.getByRole('checkbox', { name: '本项目未在其他自愿减排或碳普惠机制申请登记。' }).check();
    await expectAccessible(page, 'new-registration-zh-CN', testInfo);
    await screenshot(page, 'new-registration-zh-CN');
    await page.getByRole('button', { name: '创建申请草稿' }).click();

    await page.waitForURL(/\/console\/cases\/BJ-REG-\d{4}-\d{6}$/);
    const caseNo = page.url().split('/').pop()!;
    const dev = await tokenFor(USERS.developer);
    const created = await api().get(`/registrations/${caseNo}`, dev);
    expect({ name: created.projectName, sites: created.siteIdentifiers, start: created.implementationStartDate, methodology: created.methodologyVersionId, attestations: created.attestations, status: created.status }).toEqual({
      name, sites, start: '2024-03-01', methodology: tier1.id, attestations: { notUnderEtsAllowanceManagement: true, notInOtherMechanism: true }, status: 'draft',
    });

    // The list: a draft waits for me, with every BJ-13 material still missing.
    await page.goto(consoleUrl('/applications'));
    const row = page.getByRole('row', { name: new RegExp(caseNo) });
    await expect(row).toContainText('草稿 · 待您处理');
    await expect(row).toContainText('尚缺（BJ-13）');
    for (const kind of ['申请函', '项目设计文件', '实施方案', '真实性承诺书']) await expect(row.getByText(kind, { exact: true })).toBeVisible();
    // One material uploaded (on the case page; here over the API): the checklist drops it.
    await api().upload(`/registrations/${caseNo}/documents`, dev, 'application_letter', 'application_letter.pdf', '%PDF-1.4 letter');
    await page.reload();
    await expect(row.getByText('项目设计文件', { exact: true })).toBeVisible();
    await expect(row.getByText('申请函', { exact: true })).toHaveCount(0);
    await expect(row.getByRole('link', { name: caseNo })).toHaveAttribute('href', `/console/cases/${caseNo}`);
    await expectAccessible(page, 'applications-zh-CN', testInfo);
    await screenshot(page, 'applications-zh-CN');

    await page.getByText('English', { exact: true }).click();
    await expect(page.getByRole('heading', { name: 'My applications', level: 1 })).toBeVisible();
    await expect(row).toContainText('Still missing (BJ-13)');
    await expect(row.getByText('Project design document', { exact: true })).toBeVisible();
    await expectAccessible(page, 'applications-en-US', testInfo);
    await screenshot(page, 'applications-en-US');
    await page.goto(consoleUrl('/applications/new/registration'));
    await expect(page.getByRole('heading', { name: 'Project registration application', level: 1 })).toBeVisible();
    await expectAccessible(page, 'new-registration-en-US', testInfo);
    await screenshot(page, 'new-registration-en-US');
  });

  test('BJ-15: a supplement request shows in the list as my move, with its due date in Beijing time', async ({ page }) => {
    const { caseNo } = await registrationSubmitted();
    const officer = await tokenFor(USERS.officer);
    await api().post(`/registrations/${caseNo}/claim`, officer);
    const review = await api().post(`/registrations/${caseNo}/review`, officer, { outcome: 'request_supplement', reasons: '请补充屋顶结构安全评估。' });
    expect(review.deadline).toMatchObject({ kind: 'supplement_due', bindsOn: 'developer' });
    const due = new Date(Date.parse(review.deadline.closesAt) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

    await signIn(page, USERS.developer);
    const row = page.getByRole('row', { name: new RegExp(caseNo) });
    await expect(row).toContainText('待补充材料 · 待您处理');
    await expect(row).toContainText(`补充材料截止${due}（北京时间）`);
    await expect(row).toContainText('BJ-13 要求的材料已齐全');
    // A case waiting for the registry has no deadline of mine.
    const { caseNo: withRegistry } = await registrationSubmitted();
    await page.reload();
    await expect(page.getByRole('row', { name: new RegExp(withRegistry) })).toContainText('技术审核中');
    await expect(page.getByRole('row', { name: new RegExp(withRegistry) }).getByRole('cell').nth(4)).toHaveText('无');
  });

  test('BJ-20/BJ-21: an issuance application shows every reason the API refuses it, then, corrected, lands on its case page', async ({ page }, testInfo) => {
    const { projectId, registrationNo } = await registeredProject();
    const dev = await tokenFor(USERS.developer);
    const project = (await api().get('/projects?registered=true', dev)).find((p: { id: string }) => p.id === projectId);
    const registeredOn = beijingDay(Date.parse(project.registeredAt));
    const dayAfter = (day: string, n: number) => beijingDay(Date.parse(`${day}T12:00:00+08:00`) + n * DAY);

    await signIn(page, USERS.developer);
    await page.getByRole('button', { name: '新建减排量登记申请' }).click();
    await expect(page.getByRole('heading', { name: '减排量登记申请', level: 1 })).toBeVisible();
    await choose(page, page.getByLabel('项目', { exact: true }), registrationNo);
    // A period that starts before the registration and has not ended yet: two reasons at once (BJ-21).
    await page.getByLabel('监测期起始日').fill(dayAfter(registeredOn, -1));
    await page.getByLabel('监测期截止日').fill(dayAfter(registeredOn, 30));
    await choose(page, page.getByLabel('核查机构'), user(USERS.verifier).organisation);
    // The claimed quantity is checked as the API checks it: more than 0, at most 6 decimal places.
    for (const wrong of ['1050.1234567', '0', '1,050.5', '-3']) {
      await page.getByLabel('申请减排量').fill(wrong);
      await expect(page.getByText('请填写大于 0 的数字')).toBeVisible();
    }
    await page.getByLabel('申请减排量').fill('1050.123456');
    await expect(page.getByText('请填写大于 0 的数字')).toHaveCount(0);
    await page.getByRole('button', { name: '创建申请草稿' }).click();

    const refusal = page.getByRole('alert').filter({ hasText: 'INELIGIBLE' });
    await expect(refusal).toContainText('不符合条件');
    await expect(refusal.getByRole('listitem')).toHaveCount(2);
    await expect(refusal.getByRole('listitem').filter({ hasText: `must start on or after the registration date ${registeredOn}` })).toBeVisible();
    await expect(refusal.getByRole('listitem').filter({ hasText: 'must end before the filing day' })).toBeVisible();
    await expect(page).toHaveURL(/\/applications\/new\/issuance$/);
    await expectAccessible(page, 'new-issuance-zh-CN', testInfo);
    await screenshot(page, 'new-issuance-zh-CN');
    await page.getByText('English', { exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Issuance application', level: 1 })).toBeVisible();
    await expect(refusal).toContainText('Not eligible');
    await expectAccessible(page, 'new-issuance-en-US', testInfo);
    await screenshot(page, 'new-issuance-en-US');

    // Three days later the period from the registration day to yesterday has ended: the application is made.
    await skipTime(3 * DAY);
    const yesterday = beijingDay((await serverNow()) - DAY);
    await page.getByLabel('First day of the monitoring period').fill(registeredOn);
    await page.getByLabel('Last day of the monitoring period').fill(yesterday);
    await page.getByRole('button', { name: 'Create the draft application' }).click();
    await page.waitForURL(/\/console\/cases\/BJ-ISS-\d{4}-\d{6}$/);
    const caseNo = page.url().split('/').pop()!;
    const created = await api().get(`/issuances/${caseNo}`, dev);
    expect({ claimed: created.claimedTco2e, start: created.periodStart, end: created.periodEnd, verifier: created.verifierName, project: created.projectId }).toEqual({
      claimed: '1050.123456', start: registeredOn, end: yesterday, verifier: user(USERS.verifier).organisation, project: projectId,
    });
    await page.goto(consoleUrl('/applications'));
    const row = page.getByRole('row', { name: new RegExp(caseNo) });
    await expect(row).toContainText('Still missing (BJ-21)');
    for (const kind of ['Application letter', 'Reduction accounting report', 'Verification report', 'Authenticity commitment']) await expect(row.getByText(kind, { exact: true })).toBeVisible();
  });
});
