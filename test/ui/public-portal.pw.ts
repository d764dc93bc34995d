import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { httpClient } from '../../scripts/demo/http-client';
import { issuedCredits, registrationInPublicity, skipPast } from './arrange';
import { consoleUrl, expectAccessible, screenshot, skipTime, stack } from './support';

/** What the portal shows for an instant: Beijing wall-clock time to the minute. */
const beijing = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The heading row of each public list's CSV, as the API writes it in each language (BJ-30). */
const CSV_HEADINGS = {
  publicity: { 'zh-CN': '案件编号,公示轮次,公示标题,公示开始（北京时间）,公示截止（北京时间）', 'en-US': 'Case number,Round,Title,Opened (Beijing time),Closes (Beijing time)' },
  issuances: {
    'zh-CN': '登记编号,项目名称,项目业主,减排量年份,监测期起,监测期止,签发量（tCO2e）,序列号前缀,起始序号,终止序号,签发案件,签发时间（北京时间）',
    'en-US': 'Registration number,Project,Developer,Vintage,Period start,Period end,Issued (tCO2e),Serial prefix,Serial from,Serial to,Issuance case,Issued at (Beijing time)',
  },
  projects: {
    'zh-CN': '登记编号,项目名称,项目地点,项目业主,方法学,登记时间（北京时间）,计入期起,计入期止,状态',
    'en-US': 'Registration number,Project,Location,Developer,Methodology,Registered (Beijing time),Crediting period start,Crediting period end,Status',
  },
} as const;

/** Clicks the page's CSV link and reads the file the browser saved: its first line, without the BOM. */
async function downloadCsv(page: Page, linkName: string) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: linkName }).click()]);
  expect(download.suggestedFilename()).toMatch(/^(publicity|issuances|projects)-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff); // UTF-8 with BOM, so spreadsheets read the Chinese right
  return { firstLine: text.slice(1).split('\r\n')[0], text };
}

/** Issue 8, point 7: the public portal, no sign-in (BJ-15, BJ-30, BJ-31). */
test.describe('the public portal', () => {
  test('BJ-30: every public page without signing in, in Chinese and English, each list downloadable as CSV', async ({ page }, testInfo) => {
    const issued = await issuedCredits();
    const notice = await registrationInPublicity(); // after the issuance: its publicity is still open

    // Publicity notices open now, with their closing time in Beijing time.
    await page.goto(consoleUrl('/public?motion=off'));
    await expect(page).toHaveURL(/\/console\/public\/publicity$/);
    await expect(page.getByRole('heading', { name: '正在公示', level: 1 })).toBeVisible();
    const noticeRow = page.getByRole('row', { name: new RegExp(notice.caseNo) });
    await expect(noticeRow).toContainText(beijing(notice.closesAt));
    await expect(page.getByRole('link', { name: '登录' })).toHaveAttribute('href', '/console/login');
    await expectAccessible(page, 'public-publicity-zh-CN', testInfo);
    await screenshot(page, 'public-publicity-zh-CN');
    const publicityCsv = await downloadCsv(page, '下载公示列表（CSV）');
    expect(publicityCsv.firstLine).toBe(CSV_HEADINGS.publicity['zh-CN']);
    expect(publicityCsv.text).toContain(notice.caseNo);

    // Registered projects and issued reductions with their serial blocks.
    await page.getByRole('navigation').getByRole('link', { name: '已签发减排量' }).click();
    await expect(page.getByRole('heading', { name: '已签发减排量', level: 1 })).toBeVisible();
    const issuedProject = page.getByRole('region', { name: `${issued.project.registrationNo} ${issued.project.projectName}` });
    await expect(issuedProject).toContainText('累计签发： 949 tCO₂e');
    const blockRow = issuedProject.getByRole('row', { name: new RegExp(issued.block.prefix) });
    await expect(blockRow).toContainText('000000001 – 000000949');
    await expect(blockRow).toContainText(issued.caseNo);
    await expectAccessible(page, 'public-issuances-zh-CN', testInfo);
    await screenshot(page, 'public-issuances-zh-CN');
    const issuancesCsv = await downloadCsv(page, '下载已签发减排量（CSV）');
    expect(issuancesCsv.firstLine).toBe(CSV_HEADINGS.issuances['zh-CN']);
    expect(issuancesCsv.text).toContain(issued.block.prefix);

    await page.getByRole('navigation').getByRole('link', { name: '已登记项目' }).click();
    await expect(page.getByRole('heading', { name: '已登记项目', level: 1 })).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(issued.project.registrationNo) })).toContainText(issued.project.projectName);
    await expectAccessible(page, 'public-projects-zh-CN', testInfo);
    await screenshot(page, 'public-projects-zh-CN');
    const projectsCsv = await downloadCsv(page, '下载已登记项目（CSV）');
    expect(projectsCsv.firstLine).toBe(CSV_HEADINGS.projects['zh-CN']);
    expect(projectsCsv.text).toContain(issued.project.registrationNo);

    // The same in English: the language switch in the portal's header; CSV headings follow it.
    await page.getByText('English', { exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Registered projects', level: 1 })).toBeVisible();
    await expectAccessible(page, 'public-projects-en-US', testInfo);
    await screenshot(page, 'public-projects-en-US');
    expect((await downloadCsv(page, 'Download the registered projects (CSV)')).firstLine).toBe(CSV_HEADINGS.projects['en-US']);
    await page.getByRole('navigation').getByRole('link', { name: 'Issued reductions' }).click();
    await expect(issuedProject).toContainText('Issued in all: 949 tCO₂e');
    await expectAccessible(page, 'public-issuances-en-US', testInfo);
    await screenshot(page, 'public-issuances-en-US');
    expect((await downloadCsv(page, 'Download the issued reductions (CSV)')).firstLine).toBe(CSV_HEADINGS.issuances['en-US']);
    await page.getByRole('navigation').getByRole('link', { name: 'Publicity' }).click();
    await expect(page.getByRole('heading', { name: 'Open for comment', level: 1 })).toBeVisible();
    await expect(noticeRow).toBeVisible();
    await expectAccessible(page, 'public-publicity-en-US', testInfo);
    await screenshot(page, 'public-publicity-en-US');
    expect((await downloadCsv(page, 'Download the notices (CSV)')).firstLine).toBe(CSV_HEADINGS.publicity['en-US']);

    // A notice: its summary and comments; English first, then Chinese.
    await noticeRow.getByRole('link').first().click();
    await expect(page).toHaveURL(consoleUrl(`/public/publicity/${notice.noticeId}`));
    await expect(page.getByRole('region', { name: 'What is published' })).not.toBeEmpty();
    await expectAccessible(page, 'public-notice-en-US', testInfo);
    await screenshot(page, 'public-notice-en-US');
    await page.getByText('中文', { exact: true }).click();
    await expect(page.getByRole('heading', { name: '公示内容', level: 2 })).toBeVisible();

    // Sign-in is one link away.
    await page.getByRole('link', { name: '登录' }).click();
    await expect(page).toHaveURL(/\/console\/login$/);
  });

  test('BJ-15/BJ-31: a comment made through the form appears on the notice with its author, never its contact', async ({ page }, testInfo) => {
    await skipTime(86_400_000); // the server's clock ahead of the wall clock, as after any skip: the comment must follow the former
    const notice = await registrationInPublicity();
    const author = `市民 ${Date.now().toString(36)}`;
    const contact = `resident-${Date.now().toString(36)}@example.com`;
    const body = '屋顶荷载是否经过复核？请公开结构安全评估。';

    await page.goto(consoleUrl(`/public/publicity/${notice.noticeId}?motion=off`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(notice.projectName);
    await expect(page.getByText('暂无意见')).toBeVisible();
    await page.getByLabel('姓名或单位名称').fill(author);
    await page.getByLabel('联系方式').fill(contact);
    await expect(page.getByText('仅供登记机构核实和回复，不会公开（BJ-31）。')).toBeVisible();
    await page.getByLabel('意见内容').fill(body);
    await page.getByRole('button', { name: '提交意见' }).click();

    await expect(page.getByRole('status')).toContainText('您的意见已收到');
    const comments = page.getByRole('region', { name: /公众意见/ });
    await expect(comments.getByRole('heading', { level: 2 })).toHaveText('公众意见（1 条）');
    await expect(comments.getByRole('listitem').filter({ hasText: author })).toContainText(body);
    await expect(page.getByText(contact)).toHaveCount(0);
    await expect(page.getByLabel('联系方式')).toHaveValue(''); // the form is cleared
    // The published notice never carries the contact; the comment is dated on the registry's clock, after the notice opened.
    const published = await httpClient(stack().baseUrl).get(`/public/publicity/${notice.noticeId}`);
    expect(JSON.stringify(published)).not.toContain(contact);
    const comment = published.comments.find((c: { authorName: string }) => c.authorName === author);
    expect(Date.parse(comment.submittedAt)).toBeGreaterThanOrEqual(Date.parse(published.openedAt));
    await expectAccessible(page, 'public-notice-zh-CN', testInfo);
    await screenshot(page, 'public-notice-zh-CN');
  });

  test('BJ-15: a comment sent after the notice closed is refused with the reason, in place of the form', async ({ page }) => {
    const notice = await registrationInPublicity();
    await page.goto(consoleUrl(`/public/publicity/${notice.noticeId}?motion=off`));
    await expect(page.getByRole('button', { name: '提交意见' })).toBeVisible();
    await skipPast(notice.closesAt); // the page was opened before the close

    await page.getByLabel('姓名或单位名称').fill('迟到的市民');
    await page.getByLabel('意见内容').fill('公示已经结束了吗？');
    await page.getByRole('button', { name: '提交意见' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'PUBLICITY_CLOSED' });
    await expect(refusal).toContainText('公示已结束');
    await expect(refusal).toContainText(`This publicity closed at ${beijing(notice.closesAt).slice(0, 10)}`);
    await expect(page.getByRole('button', { name: '提交意见' })).toHaveCount(0);
  });
});
