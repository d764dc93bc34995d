import { expect, type Page, test } from '@playwright/test';
import { httpClient } from '../../scripts/demo/http-client';
import { issuanceAwaitingSignOff, reach, registrationInPublicity, registrationSubmitted, skipPast } from './arrange';
import { minimalPdf } from './minimal-pdf';
import { consoleUrl, expectAccessible, screenshot, signIn, stack, tokenFor, USERS } from './support';

/**
 * Issue 8, points 3 and 5: the answers a case waits for, given through the case page's forms — the developer's
 * supplement and revision (a response to each standing comment), and the registry's request to the bureau.
 */
const api = () => httpClient(stack().baseUrl);

/** Uploads one material of a kind through the case page's upload form. */
async function upload(page: Page, kind: string, filename: string) {
  await page.getByLabel('材料类型').click();
  await page.getByRole('option', { name: kind, exact: true }).click();
  await page.getByLabel('文件', { exact: true }).setInputFiles({ name: filename, mimeType: 'application/pdf', buffer: minimalPdf(filename) });
  await page.getByRole('button', { name: '上传', exact: true }).click();
  await expect(page.getByRole('status')).toContainText(`已上传 ${filename}`);
}

test('BJ-15: the developer answers a supplement request through the form — the requested material, a note — and the case is back under review', async ({ page }, testInfo) => {
  const { caseNo } = await registrationSubmitted();
  const officer = await tokenFor(USERS.officer);
  await api().post(`/registrations/${caseNo}/claim`, officer);
  await api().post(`/registrations/${caseNo}/review`, officer, { outcome: 'request_supplement', reasons: '项目设计文件缺少装机容量计算。' });

  await signIn(page, USERS.developer);
  await page.goto(consoleUrl(`/cases/${caseNo}`));
  const header = page.getByRole('region', { name: caseNo });
  await expect(header).toContainText('待补充材料');
  await expect(page.getByText('审核要求：项目设计文件缺少装机容量计算。')).toBeVisible();

  await upload(page, '补充材料', '装机容量计算.pdf');
  const material = page.getByRole('checkbox', { name: '补充材料 · 装机容量计算.pdf' });
  await material.check();
  const submit = page.getByRole('button', { name: '提交补充材料' });
  await submit.click();
  await expect(page.getByText('请填写补充说明')).toBeVisible(); // the note is required before anything is sent
  await page.getByLabel('补充说明').fill('已补充装机容量计算书（第 3 章）。');
  await expectAccessible(page, 'case-supplement-zh-CN', testInfo);
  await screenshot(page, 'case-supplement-zh-CN');
  await submit.click();

  await expect(header).toContainText('技术审核中');
  await expect(page.getByRole('region', { name: '办理记录' })).toContainText('提交补充材料');
  const held = await api().get(`/registrations/${caseNo}`, officer);
  expect(held.status).toBe('under_review');
  expect(held.documents.find((d: { filename: string }) => d.filename === '装机容量计算.pdf')?.kind).toBe('supplement');
});

test('BJ-15/BJ-31: a comment sent through the public portal reaches the officer\'s case page; after the close the developer answers it in a revision', async ({ page, browser }, testInfo) => {
  const { caseNo, noticeId, closesAt } = await registrationInPublicity();

  // The public, not signed in, comments on the notice.
  const publicContext = await browser.newContext({ locale: 'zh-CN' });
  const visitor = await publicContext.newPage();
  await visitor.goto(consoleUrl(`/public/publicity/${noticeId}?motion=off`));
  await visitor.getByLabel('姓名或单位名称').fill('居民李先生');
  await visitor.getByLabel('联系方式').fill('139-0000-1234');
  await visitor.getByLabel('意见内容').fill('请说明屋顶荷载是否经过复核。');
  await visitor.getByRole('button', { name: '提交意见' }).click();
  await expect(visitor.getByRole('status')).toContainText('您的意见已收到');
  await publicContext.close();

  // The officer sees it on the case page, standing (not dismissed).
  await signIn(page, USERS.officer);
  await page.goto(consoleUrl(`/cases/${caseNo}`));
  const comment = page.getByRole('region', { name: '第 1 轮公示' }).getByRole('listitem').filter({ hasText: '居民李先生' });
  await expect(comment).toContainText('请说明屋顶荷载是否经过复核。');
  await expect(comment).toContainText('待处理');

  // The notice closes with the comment standing: the developer must revise (BJ-15).
  await skipPast(closesAt);
  await reach(`/registrations/${caseNo}`, await tokenFor(USERS.officer), 'awaiting_revision');
  await page.getByRole('button', { name: '退出登录' }).click();
  await signIn(page, USERS.developer);
  await page.goto(consoleUrl(`/cases/${caseNo}`));
  const header = page.getByRole('region', { name: caseNo });
  await expect(header).toContainText('待提交修改材料');
  await upload(page, '修改材料', '荷载复核报告.pdf');
  await page.getByRole('checkbox', { name: '修改材料 · 荷载复核报告.pdf' }).check();
  await expect(page.getByText('公示结束时有 1 条有效意见，须逐条答复：')).toBeVisible();
  const submit = page.getByRole('button', { name: '提交修改材料' });
  await submit.click();
  await expect(page.getByText('请答复这条意见')).toBeVisible(); // every standing comment needs its response
  await page.getByLabel('对第 1 条意见（居民李先生）的答复').fill('屋顶荷载已由设计院复核，见《荷载复核报告》。');
  await expectAccessible(page, 'case-revision-zh-CN', testInfo);
  await screenshot(page, 'case-revision-zh-CN');
  await submit.click();

  await expect(header).toContainText('技术审核中');
  await expect(page.getByRole('region', { name: '办理记录' })).toContainText('提交修改材料');
  const held = await api().get(`/registrations/${caseNo}`, await tokenFor(USERS.officer));
  expect(held.status).toBe('under_review');
  expect(held.round).toBe(2);
});

test('BJ-23: after a clean publicity the officer asks the bureau to issue through the form, with a note; the case waits for sign-off', async ({ page }, testInfo) => {
  const { caseNo } = await issuanceAwaitingSignOff({ submitToBureau: false });
  await signIn(page, USERS.officer);
  await page.goto(consoleUrl(`/cases/${caseNo}`));
  const header = page.getByRole('region', { name: caseNo });
  await expect(header).toContainText('待报送生态环境局');
  await expect(page.getByText('公示无有效意见：报请生态环境局签发 949 吨（BJ-23）。')).toBeVisible();
  await page.getByLabel('报送说明（可选）').fill('核查报告与审核结论一致，公示无异议。');
  await expectAccessible(page, 'case-submit-to-bureau-zh-CN', testInfo);
  await page.getByRole('button', { name: '报送生态环境局' }).click();

  await expect(header).toContainText('待签发');
  await expect(page.getByRole('button', { name: '报送生态环境局' })).toHaveCount(0);
  const timeline = page.getByRole('region', { name: '办理记录' });
  await expect(timeline).toContainText('报送生态环境局');
  expect((await api().get(`/issuances/${caseNo}`, await tokenFor(USERS.bureau))).status).toBe('awaiting_signoff');
});
