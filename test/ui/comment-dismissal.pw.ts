import { expect, test } from '@playwright/test';
import { registrationInPublicity } from './arrange';
import { consoleUrl, expectAccessible, screenshot, signIn, stack, tokenFor, user, USERS } from './support';

/** A member of the public comments on an open notice (POST /public/publicity/{id}/comments: no sign-in). */
async function comment(noticeId: string, authorName: string, body: string) {
  const res = await fetch(`${stack().baseUrl}/public/publicity/${noticeId}/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ authorName, body }),
  });
  if (!res.ok) throw new Error(`comment: ${res.status} ${await res.text()}`);
}

/** Issue 8, point 3: publicity rounds with their comments; the officer dismisses one with a reason. */
test.describe('public comments on the case page', () => {
  test('BJ-15: the officer sees the public comments of the open round and dismisses one with a reason; the other still stands', async ({ page }, testInfo) => {
    const { caseNo, noticeId } = await registrationInPublicity();
    await comment(noticeId, '广告商', '低价出售光伏板，请联系 138-0000-0000');
    await comment(noticeId, '居民张女士', '施工期间请注意噪声，晚上十点后不要施工。');
    const officer = user(USERS.officer);

    await signIn(page, USERS.officer);
    await page.goto(consoleUrl(`/cases/${caseNo}`));
    const round = page.getByRole('region', { name: '公示与公众意见' }).getByRole('region', { name: '第 1 轮公示' });
    const advert = round.getByRole('listitem').filter({ hasText: '广告商' });
    const resident = round.getByRole('listitem').filter({ hasText: '居民张女士' });
    await expect(advert).toContainText('低价出售光伏板');
    await expect(advert).toContainText('待处理');
    await expect(resident).toContainText('施工期间请注意噪声');
    await expectAccessible(page, 'case-publicity-zh-CN', testInfo);

    // A reason is required: the form says so before anything is sent.
    const form = advert.getByRole('form', { name: '驳回 广告商 的意见' });
    await form.getByRole('button', { name: '驳回该意见' }).click();
    await expect(form).toContainText('请选择驳回理由');
    await form.getByLabel('驳回理由').click();
    await page.getByRole('option', { name: '垃圾信息' }).click();
    await form.getByLabel('说明（可选）').fill('广告，与项目无关');
    await form.getByRole('button', { name: '驳回该意见' }).click();

    await expect(advert).toContainText('已驳回：垃圾信息');
    await expect(advert).toContainText('说明：广告，与项目无关');
    await expect(advert.getByRole('form')).toHaveCount(0);
    await expect(resident).toContainText('待处理');
    await expect(resident.getByRole('form', { name: '驳回 居民张女士 的意见' })).toBeVisible();
    const timeline = page.getByRole('region', { name: '办理记录' });
    await expect(timeline.getByRole('listitem').filter({ hasText: '驳回公众意见' })).toContainText(`${officer.name}（登记机构审核员）`);
    await expect(timeline).toContainText('驳回理由：垃圾信息');
    // What the API holds: the comment dismissed with that reason, by this officer.
    const held = (await (await fetch(`${stack().baseUrl}/registrations/${caseNo}`, { headers: { Authorization: `Bearer ${await tokenFor(USERS.officer)}` } })).json()) as {
      publicity: { comments: { authorName: string; dismissedReason: string | null; dismissedNote: string | null }[] }[];
    };
    expect(held.publicity[0].comments.map((c) => [c.authorName, c.dismissedReason, c.dismissedNote])).toEqual(
      expect.arrayContaining([
        ['广告商', 'spam', '广告，与项目无关'],
        ['居民张女士', null, null],
      ]),
    );
    await expectAccessible(page, 'case-publicity-dismissed-zh-CN', testInfo);
    await screenshot(page, 'case-publicity-zh-CN');

    await page.getByText('English', { exact: true }).click();
    const english = page.getByRole('region', { name: 'Publicity and public comments' }).getByRole('region', { name: 'Publicity round 1' });
    await expect(english.getByRole('listitem').filter({ hasText: '广告商' })).toContainText('Dismissed');
    await expect(english.getByRole('form', { name: 'Dismiss the comment by 居民张女士' })).toBeVisible();
    await expectAccessible(page, 'case-publicity-en-US', testInfo);
    await screenshot(page, 'case-publicity-en-US');
  });
});
