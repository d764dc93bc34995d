import { expect, test } from '@playwright/test';
import { httpClient } from '../../scripts/demo/http-client';
import { beijingDay, registeredProject } from './arrange';
import { consoleUrl, expectAccessible, screenshot, serverNow, signIn, skipTime, stack, tokenFor, user, USERS } from './support';

const DAY = 86_400_000;

/** Issue 8, point 6: the verifier's cases — those naming its organisation (BJ-21, ROLE-1), and whether its report is still missing. */
test('BJ-21: the verifier sees the issuance cases naming its organisation, and whether its report is still missing', async ({ page }, testInfo) => {
  const api = httpClient(stack().baseUrl);
  const { projectId, projectName } = await registeredProject();
  const registeredOn = beijingDay(await serverNow());
  await skipTime(3 * DAY);
  const yesterday = beijingDay((await serverNow()) - DAY);
  const dev = await tokenFor(USERS.developer);
  const named = await api.post('/issuances', dev, {
    projectId, monitoringPeriod: { start: registeredOn, end: registeredOn }, claimedTco2e: '12.5', verifierOrganisationId: user(USERS.verifier).organisationId,
  });
  const selfVerified = await api.post('/issuances', dev, { projectId, monitoringPeriod: { start: beijingDay(Date.parse(`${registeredOn}T12:00:00+08:00`) + DAY), end: yesterday }, claimedTco2e: '30' });

  await signIn(page, USERS.verifier);
  await expect(page).toHaveURL(/\/console\/verification$/);
  await expect(page.getByRole('heading', { name: '核查案件', level: 1 })).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(named.caseNo) });
  await expect(row).toContainText(projectName);
  await expect(row).toContainText('草稿');
  await expect(row).toContainText('12.5 tCO₂e');
  await expect(row).toContainText('尚未上传');
  // ROLE-1: a case that names no verifier is not the verifier's to see.
  await expect(page.getByRole('row', { name: new RegExp(selfVerified.caseNo) })).toHaveCount(0);
  await expectAccessible(page, 'verification-zh-CN', testInfo);
  await screenshot(page, 'verification-zh-CN');

  // The report uploaded (on the case page; here over the API, as the verifier): the list says so.
  await api.upload(`/issuances/${named.caseNo}/documents`, await tokenFor(USERS.verifier), 'verification_report', 'report.pdf', '%PDF-1.4 report');
  await page.reload();
  await expect(row).toContainText('已上传');
  await expect(row).not.toContainText('尚未上传');

  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Verification cases', level: 1 })).toBeVisible();
  await expect(row).toContainText('Uploaded');
  await expectAccessible(page, 'verification-en-US', testInfo);
  await screenshot(page, 'verification-en-US');
  await row.getByRole('link', { name: named.caseNo }).click();
  await expect(page).toHaveURL(consoleUrl(`/cases/${named.caseNo}`));
});
