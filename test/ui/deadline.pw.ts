import { expect, test } from '@playwright/test';
import { registrationInPublicity } from './arrange';
import { consoleUrl, expectAccessible, screenshot, signIn, stack, tokenFor, USERS } from './support';

interface ExplainedDay { date: string; counted: boolean; reason: string; name?: string }

/** Issue 8, point 3: every deadline can be opened to show how it was counted (CAL-2), so any party can check it by hand. */
test.describe('how a deadline was counted', () => {
  test('CAL-2: the developer opens the publicity deadline and sees exactly the working days the API counted', async ({ page }, testInfo) => {
    const { caseNo } = await registrationInPublicity();
    const explained = (await (await fetch(`${stack().baseUrl}/cases/${caseNo}/deadline`, { headers: { Authorization: `Bearer ${await tokenFor(USERS.developer)}` } })).json()) as {
      days: ExplainedDay[];
      lastWorkingDay: string;
      calendarVersion: string;
      workingDays: number;
    };
    await signIn(page, USERS.developer);
    await page.goto(consoleUrl(`/cases/${caseNo}`));
    const deadline = page.getByRole('region', { name: '当前期限' });
    await expect(deadline).toContainText('公示期届满');
    await deadline.getByRole('button', { name: '期限如何计算' }).click();

    const modal = page.getByRole('dialog', { name: '期限如何计算：公示期届满' });
    await expect(modal).toContainText('CAL-2');
    await expect(modal).toContainText(`第 ${explained.workingDays} 个工作日（${explained.lastWorkingDay}）北京时间 24:00 届满`);
    await expect(modal).toContainText(explained.calendarVersion);
    // One row per day from the day after the start to the last working day; the counted ones are the API's, in order.
    const rows = modal.getByRole('row').filter({ hasText: /^\d{4}-\d{2}-\d{2}/ });
    await expect(rows).toHaveCount(explained.days.length);
    const shown = await rows.evaluateAll((trs) => trs.map((tr) => ({ date: tr.textContent!.slice(0, 10), counted: /计入：第/.test(tr.textContent!), text: tr.textContent! })));
    expect(shown.map((d) => d.date)).toEqual(explained.days.map((d) => d.date));
    expect(shown.filter((d) => d.counted).map((d) => d.date)).toEqual(explained.days.filter((d) => d.counted).map((d) => d.date));
    expect(shown.filter((d) => d.counted)).toHaveLength(explained.workingDays);
    // Each passed-over day says why (a weekend, or a holiday with its name).
    const why: Record<string, string> = { weekend: '周末', statutory_holiday: '法定节假日', override_holiday: '管理员调整为休息日' };
    for (const day of explained.days.filter((d) => !d.counted)) expect(shown.find((s) => s.date === day.date)!.text).toContain(why[day.reason]);
    await expectAccessible(page, 'deadline-explanation-zh-CN', testInfo);
    await screenshot(page, 'deadline-explanation-zh-CN');

    // Keyboard: Escape closes it and focus returns to the button that opened it.
    await page.keyboard.press('Escape');
    await expect(modal).toHaveCount(0);
    await expect(deadline.getByRole('button', { name: '期限如何计算' })).toBeFocused();

    await page.getByText('English', { exact: true }).click();
    await page.getByRole('button', { name: 'How was this counted' }).click();
    const english = page.getByRole('dialog', { name: 'How the deadline was counted: Publicity closes' });
    await expect(english).toContainText(`the ${explained.workingDays}th working day (${explained.lastWorkingDay})`);
    await expectAccessible(page, 'deadline-explanation-en-US', testInfo);
    await screenshot(page, 'deadline-explanation-en-US');
  });
});
