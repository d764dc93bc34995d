import { expect, test } from '@playwright/test';
import { httpClient } from '../../scripts/demo/http-client';
import { issuedCredits } from './arrange';
import { choose } from './forms';
import { consoleUrl, expectAccessible, screenshot, signIn, stack, tokenFor, USERS } from './support';

/** Issue 8, point 5: a developer's accounts, holdings by project / vintage / serial range, movements and a transfer (LED-1, LED-2). */
test.describe("a developer's accounts", () => {
  test('LED-2: the developer transfers part of a block to an emitter through the form; a transfer of more than is held shows the refusal', async ({ page }, testInfo) => {
    const api = httpClient(stack().baseUrl);
    // 1050.5 claimed, 1000 audited: the over-claim rule issues 949 t, serials 1…949 of one block (BJ-23).
    const { block, issuedTco2e } = await issuedCredits();
    expect(issuedTco2e).toBe('949');
    const emitter = await tokenFor(USERS.emitter);
    const emitterAccount: string = (await api.post('/accounts', emitter)).accountNo;

    await signIn(page, USERS.developer);
    await page.goto(consoleUrl('/accounts'));
    await expect(page.getByRole('heading', { name: '我的账户', level: 1 })).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(block.accountNo) })).toContainText('持有账户');
    await expectAccessible(page, 'accounts-zh-CN', testInfo);
    await screenshot(page, 'accounts-zh-CN');

    await page.getByRole('link', { name: block.accountNo }).click();
    await expect(page).toHaveURL(new RegExp(`/console/accounts/${block.accountNo}$`));
    await expect(page.getByRole('heading', { name: `账户 ${block.accountNo}`, level: 1 })).toBeVisible();
    const blockRow = page.getByRole('region', { name: '持有明细' }).getByRole('row', { name: new RegExp(block.prefix) });
    await expect(blockRow).toContainText('949 tCO₂e');
    await expect(blockRow).toContainText('000000001 – 000000949');
    await expectAccessible(page, 'account-zh-CN', testInfo);
    await screenshot(page, 'account-zh-CN');

    // Part of the block: the lowest 300 serials move, the block splits (LED-2). The person confirms what will move.
    await page.getByLabel('转入账户').fill(emitterAccount);
    await page.getByLabel('转让数量').fill('300');
    await choose(page, page.getByRole('combobox', { name: /^批次/ }), block.prefix);
    await page.getByLabel('事由（记入账簿）').fill('按合同 2026-17 出售');
    await page.getByRole('button', { name: '核对转让' }).click();
    const confirm = page.getByRole('dialog', { name: '确认转让以下减排量' });
    await expect(confirm).toContainText(emitterAccount);
    await expect(confirm).toContainText('300 tCO₂e');
    await expect(confirm).toContainText(block.prefix);
    await expectAccessible(page, 'account-transfer-confirm-zh-CN', testInfo);
    await confirm.getByRole('button', { name: '确认转让' }).click();
    await expect(confirm).toBeHidden();

    await expect(page.getByRole('status')).toContainText(`已向 ${emitterAccount} 转让 300 吨`);
    await expect(blockRow).toContainText('649 tCO₂e');
    await expect(blockRow).toContainText('000000301 – 000000949');
    const newest = page.getByRole('region', { name: '账户流水' }).getByRole('row').nth(1); // newest first, after the heading row
    await expect(newest).toContainText('转出');
    await expect(newest).toContainText('300 tCO₂e');
    await expect(newest).toContainText('000000001 – 000000300');
    await expect(newest).toContainText(emitterAccount);
    await expect(newest).toContainText('按合同 2026-17 出售');
    // The ledger agrees: the emitter now holds serials 1…300 of the block.
    const emitterHoldings = await api.get(`/accounts/${emitterAccount}/holdings`, emitter);
    expect(emitterHoldings.holdings.find((h: { blockPrefix: string }) => h.blockPrefix === block.prefix)?.ranges).toEqual([{ serialFrom: '1', serialTo: '300', quantity: '300' }]);

    // More than the block still holds: the API refuses (LED-3) and nothing moves.
    await page.getByLabel('转入账户').fill(emitterAccount);
    await page.getByLabel('转让数量').fill('650');
    await choose(page, page.getByRole('combobox', { name: /^批次/ }), block.prefix);
    await page.getByRole('button', { name: '核对转让' }).click();
    await page.getByRole('dialog', { name: '确认转让以下减排量' }).getByRole('button', { name: '确认转让' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'INSUFFICIENT_HOLDINGS' });
    await expect(refusal).toContainText('持有量不足');
    await expect(refusal).toContainText('INSUFFICIENT_HOLDINGS');
    await expect(refusal).toContainText('649');
    await expect(blockRow).toContainText('000000301 – 000000949');

    // A quantity that is not whole tonnes never leaves the form.
    await page.getByLabel('转让数量').fill('1.5');
    await expect(page.getByText('请填写正整数吨数')).toBeVisible();

    await page.getByText('English', { exact: true }).click();
    await page.reload();
    await expect(page.getByRole('heading', { name: `Account ${block.accountNo}`, level: 1 })).toBeVisible();
    await expectAccessible(page, 'account-en-US', testInfo);
    await screenshot(page, 'account-en-US');
    await page.goto(consoleUrl('/accounts'));
    await expect(page.getByRole('heading', { name: 'My accounts', level: 1 })).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(block.accountNo) })).toBeVisible();
    await screenshot(page, 'accounts-en-US');
  });

  test('LED-1: an organisation without an account opens one from its accounts page', async ({ page }, testInfo) => {
    // The other demo developer has had no issuance, so no account yet (a developer's opens with its first issuance).
    await signIn(page, USERS.otherDeveloper);
    await page.goto(consoleUrl('/accounts'));
    await expect(page.getByText('本单位尚未开立登记账户')).toBeVisible();
    await expectAccessible(page, 'accounts-none-zh-CN', testInfo);
    await page.getByRole('button', { name: '开立账户' }).click();
    const row = page.getByRole('row', { name: /BJ-ACC-\d{6}/ });
    await expect(row).toContainText('持有账户');
    await expect(row).toContainText('0 tCO₂e');
    const accounts = await httpClient(stack().baseUrl).get('/accounts', await tokenFor(USERS.otherDeveloper));
    expect(accounts).toHaveLength(1);
    await expect(row).toContainText(accounts[0].accountNo);
  });
});
