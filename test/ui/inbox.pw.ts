import { expect, test } from '@playwright/test';
import { httpClient } from '../../scripts/demo/http-client';
import { registrationSubmitted } from './arrange';
import { expectAccessible, screenshot, signIn, stack, tokenFor, USERS } from './support';

/** Issue 8, point 8: the inbox — notifications with links to their case, the unread badge, mark read. */
test('BJ-15: the developer is told that publicity opened; the badge counts it, the inbox links to the case, marking it read clears it', async ({ page }, testInfo) => {
  const api = httpClient(stack().baseUrl);
  const developer = await tokenFor(USERS.otherDeveloper);
  const { caseNo } = await registrationSubmitted({ developer: USERS.otherDeveloper });
  const officer = await tokenFor(USERS.officer);
  await api.post(`/registrations/${caseNo}/claim`, officer);
  await api.post(`/registrations/${caseNo}/review`, officer, { outcome: 'pass' });
  await api.post(`/registrations/${caseNo}/publicity`, officer);
  const unread = (await api.get('/me/notifications', developer)).filter((n: { readAt: string | null }) => !n.readAt).length;
  expect(unread).toBeGreaterThan(0);

  await signIn(page, USERS.otherDeveloper);
  const badge = page.getByRole('link', { name: `${unread} 条未读通知`, exact: true });
  await expect(badge).toBeVisible();
  await badge.click();
  await expect(page.getByRole('heading', { name: '站内通知' })).toBeVisible();
  const item = page.getByRole('listitem').filter({ hasText: `${caseNo}: publicity round 1 open until` });
  await expect(item).toHaveCount(1);
  await expect(item.getByText('未读')).toBeVisible();
  await expectAccessible(page, 'inbox-zh-CN', testInfo);
  await screenshot(page, 'inbox-zh-CN');

  await item.getByRole('button', { name: '标为已读' }).click();
  await expect(item.getByText('已读', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: `${unread - 1} 条未读通知`, exact: true })).toBeVisible();
  expect((await api.get('/me/notifications', developer)).find((n: { caseNo: string; message: string; readAt: string | null }) => n.caseNo === caseNo && n.message.includes('publicity'))?.readAt).toBeTruthy();

  await item.getByRole('link', { name: caseNo }).click();
  await expect(page).toHaveURL(new RegExp(`/console/cases/${caseNo}$`));
  await expect(page.getByRole('heading', { level: 1, name: caseNo })).toBeVisible();
});

test('the inbox in English', async ({ page }, testInfo) => {
  await signIn(page, USERS.otherDeveloper, 'en-US');
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: /Inbox/ }).click();
  await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
  await expectAccessible(page, 'inbox-en-US', testInfo);
  await screenshot(page, 'inbox-en-US');
});
