import { expect, test, type Browser, type Page } from '@playwright/test';
import { issuanceAwaitingSignOff } from './arrange';
import { consoleUrl, expectAccessible, screenshot, signIn, stack, tokenFor, user, USERS } from './support';

/** An admin changes a user's role and organisation over the API (PATCH /admin/users/{id}: the role must suit the organisation's kind). */
async function moveUser(email: string, change: { role: string; organisationId: string }) {
  const res = await fetch(`${stack().baseUrl}/admin/users/${user(email).userId}`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${await tokenFor(USERS.admin)}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(change),
  });
  if (!res.ok) throw new Error(`PATCH /admin/users: ${res.status} ${await res.text()}`);
}

/** A signed-in page of its own (its own session), in a language. */
async function signedIn(browser: Browser, email: string, lang: 'zh-CN' | 'en-US'): Promise<Page> {
  const page = await (await browser.newContext({ locale: lang })).newPage();
  await signIn(page, email, lang);
  return page;
}

/** Issue 8, point 4: the bureau's queue and sign-off, four eyes (ROLE-2), and an API refusal shown to the person. */
test.describe('issuance sign-off by the bureau', () => {
  test('ROLE-2: a reviewer made a bureau user is not offered sign-off and is told why; another bureau user signs off and the credits are issued', async ({ browser }, testInfo) => {
    // Officer Li reviews the issuance (claimed 1050.5, audited 1000), then is moved to the bureau.
    const { caseNo } = await issuanceAwaitingSignOff({ reviewer: USERS.officer2 });
    const reviewer = user(USERS.officer2);
    await moveUser(USERS.officer2, { role: 'bureau', organisationId: user(USERS.bureau).organisationId });
    try {
      const stale = await signedIn(browser, USERS.officer2, 'zh-CN');
      await expect(stale).toHaveURL(/\/console\/signoff$/);
      await stale.getByRole('row').filter({ hasText: caseNo }).getByRole('link', { name: caseNo }).click();
      await expect(stale.getByRole('region', { name: caseNo })).toContainText('待签发');
      const actions = stale.getByRole('region', { name: '可办理事项' });
      await expect(actions).toContainText('您参与了本案的技术审核，按审签分离原则（ROLE-2），不能签发本案');
      await expect(actions.getByRole('button', { name: '签发', exact: true })).toHaveCount(0);
      await expect(actions.getByRole('button', { name: '不予签发' })).toBeVisible(); // refusing is not barred by four eyes
      await expectAccessible(stale, 'case-issuance-four-eyes-zh-CN', testInfo);

      // Another bureau user, in English: the queue, the case, the sign-off form.
      const english = await signedIn(browser, USERS.bureau, 'en-US');
      await expect(english).toHaveURL(/\/console\/signoff$/);
      await expect(english.getByRole('heading', { level: 1, name: 'Sign-off queue' })).toBeVisible();
      await expect(english.getByRole('row').filter({ hasText: caseNo })).toContainText('Awaiting sign-off');
      await expectAccessible(english, 'sign-off-queue-en-US', testInfo);
      await screenshot(english, 'sign-off-queue-en-US');
      await english.getByRole('link', { name: caseNo }).click();
      const signOffForm = english.getByRole('region', { name: 'Sign off', exact: true });
      await expect(signOffForm).toContainText('Issue 949 t as one serial block');
      await expect(english.getByRole('region', { name: 'Reductions' })).toContainText(
        'The excess 50.5 is at least 5 % of audited 1000 (50): audited minus the excess is issued, rounded down to whole tonnes: 949 t.',
      );
      await expectAccessible(english, 'case-issuance-en-US', testInfo);
      await screenshot(english, 'case-issuance-en-US');
      await english.context().close();

      // The same user in Chinese signs off.
      const page = await signedIn(browser, USERS.bureau, 'zh-CN');
      await expect(page.getByRole('heading', { level: 1, name: '签发队列' })).toBeVisible();
      await expectAccessible(page, 'sign-off-queue-zh-CN', testInfo);
      await screenshot(page, 'sign-off-queue-zh-CN');
      await page.goto(consoleUrl(`/cases/${caseNo}`));
      const quantities = page.getByRole('region', { name: '减排量' });
      await expect(quantities).toContainText('超报量 50.5 不小于核定量 1000 的 5%（50）：签发核定量减去超报量，向下取整为 949 吨。');
      await expectAccessible(page, 'case-issuance-zh-CN', testInfo);
      await screenshot(page, 'case-issuance-zh-CN');
      await page.getByRole('region', { name: '签发', exact: true }).getByRole('button', { name: '签发', exact: true }).click();
      await expect(page.getByRole('region', { name: caseNo })).toContainText('已签发');
      const issued = (await (await fetch(`${stack().baseUrl}/issuances/${caseNo}`, { headers: { Authorization: `Bearer ${await tokenFor(USERS.bureau)}` } })).json()) as {
        blockPrefix: string;
        issuedTco2e: string;
        reviewedBy: string[];
      };
      expect(issued).toMatchObject({ issuedTco2e: '949', reviewedBy: [reviewer.userId] });
      await expect(quantities).toContainText('949 t');
      await expect(quantities).toContainText(`${issued.blockPrefix}-000000001 至 ${issued.blockPrefix}-000000949`);
      await expect(page.getByRole('region', { name: '办理记录' })).toContainText('签发：949 吨');
      await expect(page.getByRole('region', { name: '办理记录' })).toContainText(`${user(USERS.bureau).name}（生态环境局）`);
      await expect(page.getByRole('region', { name: '可办理事项' })).toContainText('您当前在本案没有可办理的事项');

      // The reviewer's page was loaded before the sign-off: refusing now is refused by the API, and the page says so.
      const refuse = actions.getByRole('region', { name: '不予签发' });
      await refuse.getByLabel('不予签发的理由').fill('监测数据存疑。');
      await refuse.getByRole('button', { name: '不予签发' }).click();
      const refusal = refuse.getByRole('alert');
      await expect(refusal).toContainText('当前状态不允许此操作');
      await expect(refusal).toContainText('Cannot refuse a case that is issued. The case is closed; nothing more can be done. (WRONG_STATE)');
      await Promise.all([stale.context().close(), page.context().close()]);
    } finally {
      await moveUser(USERS.officer2, { role: 'officer', organisationId: reviewer.organisationId });
    }
  });
});
