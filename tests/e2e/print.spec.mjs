// Print: a report of the run as a page of its own, the only thing on paper.
import { test, expect, openApp } from './fixtures.mjs';

test('Print lays out the run report, with the lesson, and prints only it', async ({ page }) => {
  await page.addInitScript(() => {
    window.print = () => { window.__printed = (window.__printed || 0) + 1; };
  });
  await openApp(page, '?lesson=safety-stock&autoplay=0');
  await page.getByTestId('speed').selectOption({ label: '1 day / s' });
  await page.getByTestId('play-pause').click();
  await expect(page.getByTestId('sim-clock')).toHaveText(/Day [3-9]/, { timeout: 20_000 });
  await page.getByTestId('play-pause').click();
  await page.getByTestId('print-report').click();
  await expect.poll(() => page.evaluate(() => window.__printed)).toBe(1);
  const view = page.getByTestId('print-view');
  await expect(view).toBeHidden();
  await page.emulateMedia({ media: 'print' });
  await expect(view).toBeVisible();
  await expect(view.locator('h1')).toHaveText('Supply Sandbox report: UK fulfillment network');
  await expect(view).toContainText('Lesson: Safety stock and service');
  await expect(view).toContainText('Fill rate at FC Daventry (DIRFT)');
  await expect(view.locator('table.print-grid').first()).toContainText('FC-DIR');
  await expect(view).toContainText(/Cost per package£\d\.\d\d/);
  await expect(page.getByTestId('map')).toBeHidden();
  await expect(page.locator('header.topbar')).toBeHidden();
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.length).toBeGreaterThan(20_000);
});
