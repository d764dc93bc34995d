import { expect, test } from '@playwright/test';
import { createHash } from 'node:crypto';
import { registrationSubmitted } from './arrange';
import { minimalPdf } from './minimal-pdf';
import { consoleUrl, expectAccessible, screenshot, signIn, USERS } from './support';

/** What the page's viewer frame holds: the SHA-256 of the bytes behind its object URL (fetched inside the page). */
const framedDigest = (src: string) =>
  `(async () => {
    const bytes = await (await fetch(${JSON.stringify(src)})).arrayBuffer();
    return [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
  })()`;

/** Issue 8, point 3: materials with their SHA-256 and an in-page viewer; the developer uploads and submits from the case page. */
test.describe('materials on the case page', () => {
  test('BJ-31: the developer uploads a PDF, sees its SHA-256, reads it in the page, then submits the application', async ({ page }, testInfo) => {
    const { caseNo } = await registrationSubmitted({ submit: false });
    const pdf = minimalPdf(`Site survey ${caseNo}`);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    await signIn(page, USERS.developer);
    await page.goto(consoleUrl(`/cases/${caseNo}`));
    await expect(page.getByRole('region', { name: caseNo })).toContainText('草稿');
    await expectAccessible(page, 'case-registration-draft-zh-CN', testInfo);

    // Upload: a kind and a file; the stored document's digest is shown at once and in the list.
    await page.getByLabel('材料类型').click();
    await page.getByRole('option', { name: '其他材料' }).click();
    await page.getByLabel('文件', { exact: true }).setInputFiles({ name: '现场勘查.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByRole('button', { name: '上传', exact: true }).click();
    await expect(page.getByRole('status')).toContainText(sha256);
    const row = page.getByRole('row').filter({ hasText: '现场勘查.pdf' });
    await expect(row).toContainText(sha256);
    await expect(row).toContainText('其他材料');

    // The in-page viewer: a frame over an object URL holding exactly the uploaded bytes; revoked once closed.
    await row.getByRole('button', { name: '在页面中查看 现场勘查.pdf' }).click();
    const viewer = page.getByRole('dialog', { name: '查看材料：现场勘查.pdf' });
    const frame = viewer.locator('iframe[title="查看材料：现场勘查.pdf"]');
    await expect(frame).toHaveAttribute('src', /^blob:/);
    const src = (await frame.getAttribute('src'))!;
    expect(await page.evaluate(framedDigest(src))).toBe(sha256);
    await expect(viewer).toContainText(sha256);
    await expectAccessible(page, 'document-viewer-zh-CN', testInfo);
    await screenshot(page, 'document-viewer-zh-CN');
    await page.keyboard.press('Escape');
    await expect(viewer).toHaveCount(0);
    await expect(row.getByRole('button', { name: '在页面中查看 现场勘查.pdf' })).toBeFocused(); // focus back where it was
    await expect(page.evaluate(framedDigest(src))).rejects.toThrow(); // the object URL was revoked

    // The same viewer in English.
    await page.getByText('English', { exact: true }).click();
    await row.getByRole('button', { name: 'View in page: 现场勘查.pdf' }).click();
    const english = page.getByRole('dialog', { name: 'Material: 现场勘查.pdf' });
    const englishFrame = english.locator('iframe[title="Material: 现场勘查.pdf"]');
    await expect(englishFrame).toHaveAttribute('src', /^blob:/);
    expect(await page.evaluate(framedDigest((await englishFrame.getAttribute('src'))!))).toBe(sha256);
    await expect(english).toContainText(sha256);
    await expectAccessible(page, 'document-viewer-en-US', testInfo);
    await screenshot(page, 'document-viewer-en-US');
    await page.keyboard.press('Escape');
    await expect(english).toHaveCount(0);
    await page.getByText('中文', { exact: true }).click();

    // Submit from the case page: the application goes to review and takes no more uploads.
    await page.getByRole('button', { name: '提交申请', exact: true }).click();
    await expect(page.getByRole('region', { name: caseNo })).toContainText('技术审核中');
    await expect(page.getByRole('button', { name: '上传', exact: true })).toHaveCount(0);
    await expect(page.getByRole('region', { name: '办理记录' })).toContainText('提交申请');
  });
});
