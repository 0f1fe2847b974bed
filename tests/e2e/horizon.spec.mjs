// The run stops at the scenario's horizon with a summary, and the person
// chooses to go on or to start again.
import { test, expect, openApp } from './fixtures.mjs';

test('the run stops at the horizon with a summary; Continue goes on, Run again restarts', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('speed').selectOption({ label: '1 week / s' });
  const end = page.getByTestId('end-of-run');
  await expect(end).toBeVisible({ timeout: 15_000 });
  await expect(end).toContainText('End of the run: day 14 is over');
  await expect(end).toContainText('On time');
  await expect(page.getByTestId('play-pause')).toHaveAttribute('aria-pressed', 'false');
  // Stopped exactly at the end of day 14.
  await expect(page.getByTestId('sim-clock')).toHaveText('Day 15 (Mon) 00:00');
  await page.waitForTimeout(500);
  await expect(page.getByTestId('sim-clock')).toHaveText('Day 15 (Mon) 00:00');

  await page.getByTestId('continue').click();
  await expect(end).toBeHidden();
  await expect(page.getByTestId('sim-clock')).not.toHaveText('Day 15 (Mon) 00:00');
  await expect(page.getByTestId('sim-clock')).toHaveText(/Day (1[6-9]|[2-9]\d)/, { timeout: 10_000 });

  // A reset stops at the horizon again.
  await page.getByTestId('reset').click();
  await expect(end).toBeVisible({ timeout: 15_000 });
  await page.getByTestId('run-again').click();
  await expect(end).toBeHidden();
  await expect(page.getByTestId('play-pause')).toHaveAttribute('aria-pressed', 'true');
});

test("the scenario's description is shown, and can be folded away", async ({ page }) => {
  await openApp(page, '?scenario=beer-game&autoplay=0');
  const about = page.getByTestId('about');
  await expect(about).toContainText('Sterman');
  await about.locator('summary').click();
  await expect(about.getByText('Sterman')).toBeHidden();
});
