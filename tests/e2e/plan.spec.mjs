// Optimise stock and information sharing, as a person uses them: plan in
// the worker while the map runs, read the plan beside its run, apply it as
// one undoable edit; switch an FC to forecast from end-customer demand.
import { test, expect, openApp } from './fixtures.mjs';

const items = (page) => page.getByTestId('facility-list').getByTestId('facility-item');

test('Optimise stock plans in a worker while the map runs, and applying it is one undoable edit', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('plan-open').click();
  const panel = page.getByTestId('stock-plan');
  await expect(panel).toBeVisible();

  // A target outside 50–99.99 % is named and not taken.
  const target = page.getByTestId('plan-target');
  await target.fill('120');
  await target.press('Enter');
  await expect(panel.getByRole('alert')).toContainText('give a percentage from 50 to 99.99');
  await target.fill('97.5');
  await target.press('Enter');
  await expect(panel.getByRole('alert')).toHaveCount(0);

  const clock = page.getByTestId('sim-clock');
  const before = await clock.textContent();
  await page.getByTestId('plan-run').click();
  // Longer than a moment: a progress bar says what is being done.
  await expect(page.getByTestId('plan-progress')).toBeVisible({ timeout: 5_000 });
  await expect(page.getByTestId('plan-progress')).toContainText(/Replaying|Running the plan/);
  const result = page.getByTestId('plan-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  // The sim kept running on the main thread while the worker planned.
  expect(await clock.textContent()).not.toBe(before);

  const rows = result.getByTestId('plan-row');
  await expect(rows).toHaveCount(5);
  await expect(rows.first()).toContainText('guaranteed service (Graves–Willems)');
  await expect(rows.first()).toContainText(/Cycle service 97\.5 % target, \d+\.\d % simulated/);
  await expect(result).toContainText('planned for a 97.5 % cycle service');
  await expect(page.getByTestId('plan-totals')).toContainText(/units on hand expected, [\d,]+ simulated/);

  await page.getByTestId('plan-apply').click();
  await expect(page.getByTestId('status')).toContainText('Stock plan applied');
  await expect(panel).toHaveCount(0);
  await items(page).filter({ hasText: 'FC Coalville' }).click();
  await expect(page.getByTestId('inspector-policy')).toHaveValue('periodic');
  await expect(page.getByTestId('revert')).toBeEnabled();

  // One Ctrl+Z-able edit: undo puts Coalville's base-stock rule back.
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('inspector-policy')).toHaveValue('base_stock');
  await expect(page.getByTestId('revert')).toBeDisabled();
});

test('a plan made before an edit cannot be applied over it', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('plan-open').click();
  await page.getByTestId('plan-run').click();
  await expect(page.getByTestId('plan-result')).toBeVisible({ timeout: 60_000 });
  await items(page).filter({ hasText: 'FC Coalville' }).click();
  await page.getByTestId('inspector-policy').selectOption('periodic');
  await expect(page.getByTestId('plan-apply')).toBeDisabled();
  await expect(page.getByTestId('stock-plan')).toContainText('plan again to apply it');
});

test('an upstream FC can forecast from end-customer demand, and undo shows its choice again', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('scenario-select').selectOption('beer-game');
  // The retailer supplies no FC: it has nothing to share and no choice.
  await items(page).filter({ hasText: 'Retailer' }).click();
  await expect(page.getByTestId('inspector-forecast')).toBeVisible();
  await expect(page.getByTestId('inspector-forecast-from')).toHaveCount(0);

  await items(page).filter({ hasText: 'Wholesaler' }).click();
  const from = page.getByTestId('inspector-forecast-from');
  await expect(from).toHaveValue('orders');
  await from.selectOption('end_customers');
  await expect(from).toHaveValue('end_customers');
  await expect(page.locator('fieldset.policy')).toContainText('from end-customer demand');
  await page.getByTestId('undo').click();
  await expect(page.locator('fieldset.policy')).not.toContainText('from end-customer demand');
  await expect(from).toHaveValue('orders');
});
