import { test, expect, openApp, canvasStats, screenshotPath } from './fixtures.mjs';

test('the shell renders with a drawn map and a value from the sim core', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('map')).toBeVisible();
  await expect(page.getByTestId('side-panel')).toBeVisible();

  const km = Number(await page.getByTestId('sim-total-km').innerText());
  // Felixstowe-Daventry-Warrington-Glasgow plus Daventry-London, great-circle.
  expect(km).toBeGreaterThan(600);
  expect(km).toBeLessThan(800);

  const stats = await canvasStats(page);
  expect(stats.width).toBeGreaterThan(100);
  expect(stats.nonBackground).toBeGreaterThan(500);
  expect(stats.colours).toBeGreaterThan(3);

  await page.screenshot({ path: screenshotPath('shell'), fullPage: true });
});

test('the loopback guard catches a request to another host', async ({ page, guard }) => {
  await openApp(page);
  await page.evaluate(() => fetch('https://tiles.example.com/0/0/0.png').catch(() => null));
  await expect.poll(() => guard.outside.length).toBe(1);
  expect(guard.outside[0]).toContain('tiles.example.com');
  // The guard proved it sees outside requests; clear it so only this
  // deliberate one is forgiven. (The aborted fetch also logs a console error.)
  guard.outside.length = 0;
  guard.consoleErrors.length = 0;
});
