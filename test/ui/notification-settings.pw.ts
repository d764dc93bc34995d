import { expect, test } from '@playwright/test';
import { createServer, IncomingHttpHeaders } from 'node:http';
import { AddressInfo } from 'node:net';
import { httpClient } from '../../scripts/demo/http-client';
import { registrationSubmitted } from './arrange';
import { expectAccessible, screenshot, signIn, stack, tokenFor, USERS } from './support';

/** Issue 10, point 7: the console's notification settings and webhook subscriptions, in both languages. */
test('issue 10: a developer chooses how a kind of notification reaches them (inbox + e-mail → daily digest), and the API keeps it', async ({ page }, testInfo) => {
  await signIn(page, USERS.developer);
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '通知设置' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '通知设置' })).toBeVisible();
  await expect(page.getByText(USERS.developer, { exact: true })).toBeVisible();
  const supplement = page.getByRole('radiogroup', { name: '“需补充材料”的送达方式' });
  await expect(supplement.getByRole('radio', { name: '站内 + 邮件' })).toBeChecked();
  await supplement.getByText('每日汇总').click();
  await expect(supplement.getByRole('radio', { name: '每日汇总' })).toBeChecked();
  const row = page.getByRole('row').filter({ has: supplement });
  await expect(row.getByText('使用默认')).toHaveCount(0);
  const mine = await httpClient(stack().baseUrl).get('/me/notification-preferences', await tokenFor(USERS.developer));
  expect(mine.kinds.find((k: { kind: string }) => k.kind === 'review_request_supplement')).toMatchObject({ delivery: 'digest', chosen: true });
  await expectAccessible(page, 'notification-settings-zh-CN', testInfo);
  await screenshot(page, 'notification-settings-zh-CN');

  await supplement.getByText('站内 + 邮件').click(); // back as it was, for the other tests
  await expect(supplement.getByRole('radio', { name: '站内 + 邮件' })).toBeChecked();
});

test('the notification settings in English', async ({ page }, testInfo) => {
  await signIn(page, USERS.officer, 'en-US');
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Notification settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Notification settings' })).toBeVisible();
  await expect(page.getByRole('radiogroup', { name: 'How “New application for technical review” reaches you' }).getByRole('radio', { name: 'Inbox + e-mail' })).toBeChecked();
  await expectAccessible(page, 'notification-settings-en-US', testInfo);
  await screenshot(page, 'notification-settings-en-US');
});

test('issue 10: a developer registers a webhook endpoint, sees the secret once, sees the delivery of its case with its attempt, and replays it', async ({ page }, testInfo) => {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  try {
    await signIn(page, USERS.otherDeveloper);
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: 'Webhook 订阅' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Webhook 订阅' })).toBeVisible();
    await page.getByLabel('接收地址（URL）').fill(url);
    await page.getByRole('checkbox', { name: /申请已提交/ }).check();
    await page.getByRole('checkbox', { name: /项目已登记/ }).check();
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await expect(page.getByText('请立即复制：密钥只显示这一次。')).toBeVisible();
    await expect(page.getByText(/^whsec_/)).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: url });
    await expect(row.getByText('启用', { exact: true })).toBeVisible();
    await expectAccessible(page, 'webhooks-zh-CN', testInfo);
    await screenshot(page, 'webhooks-zh-CN');

    const { caseNo } = await registrationSubmitted({ developer: USERS.otherDeveloper });
    await expect.poll(() => received.filter((r) => r.body.includes(caseNo)).length).toBe(1);
    await page.reload();
    await page.getByRole('row').filter({ hasText: url }).getByRole('button', { name: /展开行|Expand row/ }).click();
    const delivery = page.getByRole('row').filter({ hasText: caseNo });
    await expect(delivery.getByText('已送达')).toBeVisible();
    await expect(delivery.getByRole('cell', { name: '1', exact: true })).toBeVisible();
    await delivery.getByRole('button', { name: '重新推送' }).click();
    await expect.poll(() => received.filter((r) => r.body.includes(caseNo)).length).toBe(2);
    const [first, again] = received.filter((r) => r.body.includes(caseNo));
    expect(again.headers['webhook-id']).toBe(first.headers['webhook-id']);

    await page.getByRole('row').filter({ hasText: url }).getByRole('button', { name: '停用' }).click();
    await expect(page.getByRole('row').filter({ hasText: url }).getByText('已停用')).toBeVisible();
  } finally {
    receiver.close();
  }
});

test('the webhook subscriptions in English', async ({ page }, testInfo) => {
  await signIn(page, USERS.otherDeveloper, 'en-US');
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Webhooks' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Webhook subscriptions' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /Project registered/ })).toBeVisible();
  await expectAccessible(page, 'webhooks-en-US', testInfo);
  await screenshot(page, 'webhooks-en-US');
});
