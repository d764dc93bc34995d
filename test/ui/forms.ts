import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Picks an option of a searchable select as a keyboard user does: types into the combobox and presses Enter on the
 * first match. (antd's visible option rows are not in the accessibility tree; its listbox for assistive technology
 * holds the active option, which is what Enter chooses.)
 */
export async function choose(page: Page, combobox: Locator, search: string, option: string | RegExp = new RegExp(search.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))) {
  await combobox.fill(search);
  await expect(page.getByRole('option', { name: option }).first()).toBeAttached();
  await combobox.press('Enter');
}
