import { expect, test } from '@playwright/test';
import { consoleUrl, expectAccessible, screenshot, signIn, stack, tokenFor, USERS } from './support';

/** Issue 8, point 1: sign in, menus by role, 中文/English, the inbox badge, sign out, an ended session. */
test.describe('the console shell', () => {
  test('ROLE-1: sign in shows the menus of the role; sign out returns to sign-in', async ({ page }, testInfo) => {
    await page.goto(consoleUrl('/login?motion=off'));
    await expectAccessible(page, 'login', testInfo);
    await screenshot(page, 'login-zh-CN');
    await signIn(page, USERS.officer);
    await expect(page).toHaveURL(/\/console\/worklist$/);
    const menu = page.getByRole('navigation', { name: '主菜单' });
    await expect(menu.getByRole('link', { name: '待办案件' })).toBeVisible();
    await expect(menu.getByRole('link', { name: /站内通知/ })).toBeVisible();
    await expect(menu.getByRole('link', { name: '我的申请' })).toHaveCount(0);
    await page.getByRole('button', { name: '退出登录' }).click();
    await expect(page).toHaveURL(/\/console\/login$/);
    await signIn(page, USERS.developer);
    await expect(page).toHaveURL(/\/console\/applications$/);
    await expect(page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '待办案件' })).toHaveCount(0);
  });

  test('the language switch: the browser language by default, English chosen is remembered', async ({ browser }, testInfo) => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(consoleUrl('/login?motion=off'));
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await screenshot(page, 'login-en-US');
    await page.getByText('中文', { exact: true }).click();
    await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: '登录' })).toBeVisible(); // remembered
    await page.getByText('English', { exact: true }).click();
    await signIn(page, USERS.officer, 'en-US');
    await expect(page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Worklist' })).toBeVisible();
    await expectAccessible(page, 'worklist-en', testInfo);
    await context.close();
  });

  test('an ended session returns to sign-in with the page kept', async ({ page }) => {
    await signIn(page, USERS.developer);
    await page.goto(consoleUrl('/inbox'));
    await expect(page.getByRole('heading', { name: '站内通知' })).toBeVisible();
    // The person ends every session elsewhere (another device): this tab's tokens stop working.
    const token = await tokenFor(USERS.developer);
    const res = await fetch(`${stack().baseUrl}/auth/logout-everywhere`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(204);
    await page.getByRole('link', { name: /站内通知/ }).first().click();
    await page.reload();
    await expect(page).toHaveURL(/\/console\/login\?next=%2Finbox/);
    await expect(page.getByText('登录已过期')).toBeVisible();
    await signIn(page, USERS.developer, 'zh-CN', true);
    await expect(page).toHaveURL(/\/console\/inbox$/);
  });
});
