import { expect, test, type Page } from '@playwright/test';
import { registrationSubmitted } from './arrange';
import { consoleUrl, expectAccessible, screenshot, serverNow, signIn, stack, tokenFor, user, USERS } from './support';

/** The Beijing week's end (Sunday 24:00 = Monday 00:00 +08:00) as the worklist's "due this week" must send it. */
function endOfBeijingWeek(now: number): string {
  const beijing = new Date(now + 8 * 3_600_000);
  const monday = new Date(Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth(), beijing.getUTCDate() + ((8 - beijing.getUTCDay()) % 7 || 7)));
  return `${monday.toISOString().slice(0, 10)}T00:00:00+08:00`;
}

/** Picks a "whose" quick filter (antd's button-style radios: the label is what a person clicks). */
const whose = async (page: Page, name: string) => {
  const group = page.getByRole('radiogroup', { name: '经办人' });
  await group.getByText(name, { exact: true }).click();
  await expect(group.getByRole('radio', { name, exact: true })).toBeChecked();
};

/** The case numbers the worklist table shows, top to bottom. */
const tableCaseNos = async (page: Page) => (await page.getByRole('table').getByRole('link').allTextContents()).filter((s) => /^[A-Z]{2}-(REG|ISS)-/.test(s));

/** Issue 8, points 2 and 3: an officer's registration case from the worklist to publicity, in the browser. */
test.describe('an officer takes a registration from claim to publicity', () => {
  test('BJ-15: the officer claims it on the worklist, passes the review and opens publicity on the case page', async ({ page }, testInfo) => {
    const { caseNo, projectName } = await registrationSubmitted();
    const other = await registrationSubmitted();
    const officer = user(USERS.officer);
    const officer2 = user(USERS.officer2);
    // The browser's clock on the server's (time-skipping) clock, so "this week" is the server's week.
    await page.clock.install({ time: await serverNow() });
    await signIn(page, USERS.officer);
    await expect(page).toHaveURL(/\/console\/worklist$/);

    // The worklist: the case unclaimed, in the API's order (overdue first, then soonest deadline).
    const row = page.getByRole('row').filter({ hasText: caseNo });
    await expect(row).toContainText('技术审核中');
    await expect(row).toContainText('未认领');
    await expect(row).toContainText(projectName);
    const apiOrder = ((await (await fetch(`${stack().baseUrl}/cases/worklist`, { headers: { Authorization: `Bearer ${await tokenFor(USERS.officer)}` } })).json()) as { caseNo: string }[]).map((i) => i.caseNo);
    expect(await tableCaseNos(page)).toEqual(apiOrder.slice(0, 50));
    await expectAccessible(page, 'worklist-zh-CN', testInfo);
    await screenshot(page, 'worklist-zh-CN');

    // Claim from the row: the row now names the officer.
    await row.getByRole('button', { name: `认领 ${caseNo}` }).click();
    await expect(row).toContainText(officer.name);
    await expect(row.getByRole('button', { name: `认领 ${caseNo}` })).toHaveCount(0);

    // Assign from the row: another officer picked by name; the case leaves this officer's view ("mine and unclaimed").
    const otherRow = page.getByRole('row').filter({ hasText: other.caseNo });
    await otherRow.getByRole('button', { name: `指派 ${other.caseNo}` }).click();
    const assign = page.getByRole('dialog', { name: `指派 ${other.caseNo}` });
    await assign.getByLabel('审核员').click();
    await page.getByRole('option', { name: officer2.name, exact: true }).click();
    await expectAccessible(page, 'worklist-assign-zh-CN', testInfo);
    await assign.getByRole('button', { name: '指派', exact: true }).click();
    await expect(assign).toHaveCount(0);
    await expect(otherRow).toHaveCount(0);
    await whose(page, '全部');
    await expect(otherRow).toContainText(officer2.name);
    await expect(otherRow.getByRole('button', { name: `认领 ${other.caseNo}` })).toHaveCount(0);

    // Quick filters live in the URL: "mine" keeps the case, "unclaimed" no longer has it, Back returns.
    await whose(page, '我的');
    await expect(page).toHaveURL(/assigned=me(&|$)/);
    await expect(row).toBeVisible();
    await whose(page, '未认领');
    await expect(page).toHaveURL(/assigned=none/);
    await expect(page.getByRole('row').filter({ hasText: caseNo })).toHaveCount(0);
    await page.goBack();
    await expect(page).toHaveURL(/assigned=me(&|$)/);
    await expect(row).toBeVisible();
    await page.getByLabel('案件类型').click();
    await page.getByRole('option', { name: '项目登记申请', exact: true }).click();
    await expect(page).toHaveURL(/assigned=me&type=registration$/);
    // A reload keeps the view: the filters are read back from the URL.
    await page.reload();
    await expect(page.getByRole('radio', { name: '我的', exact: true })).toBeChecked();
    await expect(page.getByRole('search')).toContainText('项目登记申请');
    await expect(row).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: other.caseNo })).toHaveCount(0);
    // A bookmarked view opens as it was.
    await page.goto(consoleUrl('/worklist?assigned=me&type=issuance'));
    await expect(page.getByRole('radio', { name: '我的', exact: true })).toBeChecked();
    await expect(page.getByRole('row').filter({ hasText: caseNo })).toHaveCount(0);
    await page.goto(consoleUrl('/worklist?assigned=me&type=registration'));
    await expect(row).toBeVisible();

    // The case page: review (pass) and open publicity, each through its form.
    await row.getByRole('link', { name: caseNo }).click();
    await expect(page.getByRole('heading', { level: 1, name: caseNo })).toBeVisible();
    await page.getByRole('button', { name: '提交审核结论' }).click();
    const header = page.getByRole('region', { name: caseNo });
    await expect(header).toContainText('审核通过');
    await page.getByRole('button', { name: '开启公示' }).click();
    await expect(header).toContainText('公示中');
    await expect(page.getByRole('button', { name: '开启公示' })).toHaveCount(0); // offered only while allowed

    // The publicity round and the timeline as the officer sees them.
    const publicity = page.getByRole('region', { name: '公示与公众意见' });
    await expect(publicity.getByRole('region', { name: '第 1 轮公示' })).toContainText('公示中');
    const timeline = page.getByRole('region', { name: '办理记录' });
    for (const step of ['创建申请', '提交申请', '认领案件', '技术审核通过', '开启公示']) await expect(timeline).toContainText(step);
    await expect(timeline).toContainText(`${officer.name}（登记机构审核员）`);
    await expect(page.getByRole('region', { name: '当前期限' })).toContainText('公示期届满');
    await expectAccessible(page, 'case-registration-zh-CN', testInfo);
    await screenshot(page, 'case-registration-zh-CN');

    // The worklist's time filters: the publicity closes after 10 working days, so not this week, and it is not overdue.
    const now = await serverNow();
    const request = page.waitForRequest((r) => r.url().includes('/cases/worklist') && r.url().includes('dueBefore='));
    await page.goto(consoleUrl('/worklist?due=week'));
    expect(new URL((await request).url()).searchParams.get('dueBefore')).toBe(endOfBeijingWeek(now));
    await expect(page.getByRole('checkbox', { name: '本周内到期' })).toBeChecked();
    await expect(page.getByRole('table')).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: caseNo })).toHaveCount(0);
    await page.getByText('本周内到期', { exact: true }).click();
    await expect(page.getByRole('checkbox', { name: '本周内到期' })).not.toBeChecked();
    await expect(page.getByRole('row').filter({ hasText: caseNo })).toContainText('剩余');
    await page.getByText('仅看已逾期', { exact: true }).click();
    await expect(page).toHaveURL(/overdue=1/);
    await expect(page.getByRole('row').filter({ hasText: caseNo })).toHaveCount(0);

    // The same pages in English.
    await page.getByText('English', { exact: true }).click();
    await page.goto(consoleUrl('/worklist?assigned=any'));
    await expect(page.getByRole('heading', { level: 1, name: 'Worklist' })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: caseNo })).toContainText('In publicity');
    await expectAccessible(page, 'worklist-en-US', testInfo);
    await screenshot(page, 'worklist-en-US');
    await page.getByRole('link', { name: caseNo }).click();
    await expect(page.getByRole('region', { name: 'Publicity and public comments' }).getByRole('region', { name: 'Publicity round 1' })).toContainText('Open');
    await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('Publicity opened');
    await expectAccessible(page, 'case-registration-en-US', testInfo);
    await screenshot(page, 'case-registration-en-US');
  });
});
