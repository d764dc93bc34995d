/// <reference lib="dom" />
import { expect, type Page, type TestInfo } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What global-setup's stack offers the tests: the console's base URL, time control, the seeded users. */
export interface UiStack {
  baseUrl: string;
  controlUrl: string;
  users: { role: string; name: string; email: string; userId: string; organisationId: string; organisation: string }[];
  methodologyVersions: { tier1: string; tier2: string };
}
export const stack = (): UiStack => JSON.parse(process.env.UI_STACK ?? '{}');

/** The demo users' password (apps/api/src/seed/demo-seed.ts). */
export const PASSWORD = 'tanpuhui-demo-2026';
export const user = (email: string) => stack().users.find((u) => u.email === email)!;
export const USERS = {
  developer: 'chen@greenpv.example',
  otherDeveloper: 'zhou@lowcarbon.example',
  officer: 'wang@registry.example',
  officer2: 'li@registry.example',
  bureau: 'zhao@bureau.example',
  verifier: 'sun@verifier.example',
  emitter: 'liu@chengdongheat.example',
  admin: 'admin@registry.example',
} as const;

/** Console URL of a page (`?motion=off` on the first visit keeps screenshots still). */
export const consoleUrl = (path: string) => `${stack().baseUrl}/console${path}`;

/**
 * Signs in through the login page, in the given language: a fresh sign-in lands on the role's home page; with
 * `here`, the login page already open (an ended session sent the person there) is filled in as it is.
 */
export async function signIn(page: Page, email: string, lang: 'zh-CN' | 'en-US' = 'zh-CN', here = false) {
  if (!here) {
    await page.goto(consoleUrl('/login?motion=off'));
    await page.evaluate((l) => localStorage.setItem('console.lang', l), lang);
    await page.reload();
  }
  await page.getByLabel(lang === 'zh-CN' ? '电子邮箱' : 'E-mail').fill(email);
  await page.getByLabel(lang === 'zh-CN' ? '密码' : 'Password').fill(PASSWORD);
  await page.getByRole('button', { name: lang === 'zh-CN' ? '登录' : 'Sign in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));
}

/** A bearer token for API calls a test makes to arrange a case (the real login endpoint). */
export async function tokenFor(email: string): Promise<string> {
  const res = await fetch(`${stack().baseUrl}/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** Moves the Temporal server's clock (and the API's and the database's) forward. */
export async function skipTime(ms: number): Promise<string> {
  const res = await fetch(`${stack().controlUrl}/skip?ms=${Math.ceil(ms)}`, { method: 'POST' });
  if (!res.ok) throw new Error(`skip: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { now: string }).now;
}
export async function serverNow(): Promise<number> {
  return Date.parse(((await (await fetch(`${stack().controlUrl}/now`)).json()) as { now: string }).now);
}

/**
 * WCAG 2.1 AA: axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa) must find no serious or critical violation on the
 * page. The results per page are attached to the test and collected in .data/ui/axe/ for the resolve note.
 */
export async function expectAccessible(page: Page, name: string, testInfo: TestInfo) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  await testInfo.attach(`axe-${name}.json`, { body: JSON.stringify(result, null, 2), contentType: 'application/json' });
  const dir = join(__dirname, '..', '..', '.data', 'ui', 'axe');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(result, null, 2));
  expect(result.filter((v) => v.impact === 'serious' || v.impact === 'critical'), `axe on ${name}`).toEqual([]);
}

/** A full-page screenshot for reviewers: `.data/ui/screenshots/` (UI_SCREENSHOTS_DIR=docs/console to refresh the committed ones). */
export async function screenshot(page: Page, name: string) {
  const dir = process.env.UI_SCREENSHOTS_DIR ?? join(__dirname, '..', '..', '.data', 'ui', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
