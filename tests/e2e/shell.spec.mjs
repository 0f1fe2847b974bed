import { test, expect, openApp, canvasStats, screenshotPath, play, pause } from './fixtures.mjs';

test('the shell renders a drawn map and KPIs computed by the sim core', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('map')).toBeVisible();
  await expect(page.getByTestId('inspector')).toBeVisible();

  // The sim runs in wasm: orders appear and are a whole number.
  await expect.poll(async () => Number(await page.getByTestId('kpi-orders').innerText())).toBeGreaterThan(0);

  const stats = await canvasStats(page);
  expect(stats.width).toBeGreaterThan(300);
  expect(stats.nonBackground).toBeGreaterThan(10_000);
  // Sea, land, lanes, icons: many colours, not a blank fill.
  expect(stats.colours).toBeGreaterThan(20);

  await page.screenshot({ path: screenshotPath('shell') });
});

test.describe('with the Content Security Policy bypassed', () => {
  // The policy (connect-src 'self') stops the request before it leaves;
  // the guard behind it must still catch one, should the policy ever slip.
  test.use({ bypassCSP: true });

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
});
