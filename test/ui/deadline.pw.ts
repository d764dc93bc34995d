import { expect, test } from '@playwright/test';
import { registrationInPublicity } from './arrange';
import { consoleUrl, expectAccessible, screenshot, serverNow, signIn, stack, tokenFor, USERS } from './support';

interface ExplainedDay { date: string; counted: boolean; reason: string; name?: string }
interface Explained { days: ExplainedDay[]; lastWorkingDay: string; calendarVersion: string; workingDays: number; closesAt: string }

const get = async <T>(path: string, token?: string): Promise<T> => {
  const res = await fetch(`${stack().baseUrl}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};

/** The admin sets a calendar day as a workday or a holiday (CAL-4: open cases recompute their deadlines). */
async function override(date: string, kind: 'workday' | 'holiday', note: string): Promise<string> {
  const res = await fetch(`${stack().baseUrl}/calendar/overrides/${date}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${await tokenFor(USERS.admin)}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ kind, note }),
  });
  if (!res.ok) throw new Error(`PUT /calendar/overrides/${date}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { calendarVersion: string }).calendarVersion;
}

/** The Beijing calendar day after a day (YYYY-MM-DD). */
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Issue 8, point 3: every deadline can be opened to show how it was counted (CAL-2), so any party can check it by hand. */
test.describe('how a deadline was counted', () => {
  test('CAL-2: the developer opens the publicity deadline and sees the working days the API counted, the days passed over and why, and the calendar version', async ({ page }, testInfo) => {
    // A 调休 swap in the coming fortnight, as the State Council announces them: a weekday off, a weekend day worked.
    // The official schedule of the year may have none in these days, so the admin's table supplies one (CAL-4).
    const probe = await get<Explained>(`/calendar/deadline?from=${encodeURIComponent(new Date(await serverNow()).toISOString())}&workingDays=10`);
    const dayOff = probe.days.filter((d) => d.reason === 'workday')[1].date;
    const dayWorked = probe.days.find((d) => d.reason === 'weekend')!.date;
    await override(dayOff, 'holiday', '调休放假');
    const version = await override(dayWorked, 'workday', '调休上班');
    try {
      const { caseNo } = await registrationInPublicity();
      const explained = await get<Explained>(`/cases/${caseNo}/deadline`, await tokenFor(USERS.developer));
      // The API's count: the publicity's 10 working days (BJ-15) on today's calendar, the swap applied.
      expect(explained).toMatchObject({ workingDays: 10, calendarVersion: version });
      expect(explained.days.find((d) => d.date === dayOff)).toMatchObject({ counted: false, reason: 'override_holiday', name: '调休放假' });
      expect(explained.days.find((d) => d.date === dayWorked)).toMatchObject({ counted: true, reason: 'override_workday', name: '调休上班' });
      expect(explained.days.some((d) => d.reason === 'weekend')).toBe(true); // ten working days always pass over a weekend

      await signIn(page, USERS.developer);
      await page.goto(consoleUrl(`/cases/${caseNo}`));
      const deadline = page.getByRole('region', { name: '当前期限' });
      await expect(deadline).toContainText('公示期届满');
      // The deadline shown is 24:00 Beijing time of the last working day, i.e. 00:00 of the next day.
      await expect(deadline).toContainText(`${dayAfter(explained.lastWorkingDay)} 00:00`);
      await expect(deadline).toContainText('剩余');
      await expectAccessible(page, 'case-registration-developer-zh-CN', testInfo);
      await deadline.getByRole('button', { name: '期限如何计算' }).click();

      const modal = page.getByRole('dialog', { name: '期限如何计算：公示期届满' });
      await expect(modal).toContainText('CAL-2');
      await expect(modal).toContainText(`第 10 个工作日（${explained.lastWorkingDay}）北京时间 24:00 届满，即 ${dayAfter(explained.lastWorkingDay)} 00:00`);
      await expect(modal).toContainText(`所用日历版本：${version}`);
      // One row per day from the day after the start to the last working day, in order; the counted ones are the API's.
      const rows = modal.getByRole('row').filter({ hasText: /^\d{4}-\d{2}-\d{2}/ });
      await expect(rows).toHaveCount(explained.days.length);
      const shown = await rows.evaluateAll((trs) => trs.map((tr) => ({ date: tr.textContent!.slice(0, 10), text: tr.textContent! })));
      expect(shown.map((d) => d.date)).toEqual(explained.days.map((d) => d.date));
      const countedRows = shown.filter((d) => /计入：第 \d+ 个工作日/.test(d.text));
      expect(countedRows.map((d) => d.date)).toEqual(explained.days.filter((d) => d.counted).map((d) => d.date));
      expect(countedRows).toHaveLength(10);
      expect(countedRows.at(-1)!.date).toBe(explained.lastWorkingDay);
      expect(countedRows.at(-1)!.text).toContain('计入：第 10 个工作日');
      // Each day passed over says why; the swapped days say who changed them and the note.
      const row = (date: string) => shown.find((s) => s.date === date)!.text;
      for (const day of explained.days.filter((d) => d.reason === 'weekend')) expect(row(day.date)).toMatch(/不计入周末$/);
      expect(row(dayOff)).toContain('不计入管理员调整为休息日（调休放假）');
      expect(row(dayWorked)).toMatch(/计入：第 \d+ 个工作日管理员调整为工作日（调休上班）/);
      await expectAccessible(page, 'deadline-modal-zh-CN', testInfo);
      await screenshot(page, 'deadline-modal-zh-CN');

      // Keyboard: Escape closes it and focus returns to the button that opened it.
      await page.keyboard.press('Escape');
      await expect(modal).toHaveCount(0);
      await expect(deadline.getByRole('button', { name: '期限如何计算' })).toBeFocused();

      await page.getByText('English', { exact: true }).click();
      await page.getByRole('button', { name: 'How was this counted' }).click();
      const english = page.getByRole('dialog', { name: 'How the deadline was counted: Publicity closes' });
      await expect(english).toContainText(`working day 10 (${explained.lastWorkingDay})`);
      await expect(english).toContainText(version);
      await expect(english.getByRole('row').filter({ hasText: dayOff })).toContainText('Passed over');
      await expectAccessible(page, 'deadline-modal-en-US', testInfo);
      await screenshot(page, 'deadline-modal-en-US');
    } finally {
      // The calendar as it was for the tests after this one (the table then agrees with the official schedule).
      await override(dayOff, 'workday', '恢复');
      await override(dayWorked, 'holiday', '恢复');
    }
  });
});
