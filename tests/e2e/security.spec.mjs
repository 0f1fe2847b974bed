// The page's Content Security Policy and what it stops: the app runs under
// it with no violation (every part of it: the map, charts, the plan worker,
// the beer game, a lesson, share and print), an injected inline handler is
// refused, and names carrying markup are shown as text.
import { test, expect, openApp } from './fixtures.mjs';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/// Record every CSP violation the page reports, from its first script on.
async function watchViolations(page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
}

const violations = (page) => page.evaluate(() => window.__violations);

test('the page is served with a strict policy and runs under it without a violation', async ({ page }) => {
  await watchViolations(page);
  const response = await page.goto('/');
  const header = response.headers()['content-security-policy'];
  for (const directive of [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval' 'sha256-",
    "connect-src 'self'",
    "img-src 'self' data: blob:",
    "worker-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
    "frame-ancestors 'self' https:",
  ]) {
    expect(header).toContain(directive);
  }
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', /default-src 'none'/);
  await expect(page.locator('header h1')).toHaveText('Supply Sandbox', { timeout: 15_000 });

  // Run, chart, plan in the worker, open a lesson and the beer game.
  await page.getByTestId('speed').selectOption({ label: '1 day / s' });
  await page.getByTestId('plan-open').click();
  await page.getByTestId('plan-run').click();
  await expect(page.getByTestId('plan-result')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('plan-close').click();
  await page.getByTestId('facility-list').getByTestId('facility-item').filter({ hasText: 'FC Tilbury' }).click();
  await expect(page.getByTestId('forecast-chart')).toBeVisible();
  await page.getByTestId('beer-open').click();
  await expect(page.getByTestId('beer-dialog')).toBeVisible();
  await page.getByTestId('beer-close').click();
  await page.goto('/?lesson=bullwhip');
  await expect(page.getByTestId('lesson-panel')).toBeVisible({ timeout: 15_000 });
  expect(await violations(page)).toEqual([]);
});

test('an inline script or handler slipped into the page does not run', async ({ page, guard }) => {
  await watchViolations(page);
  await openApp(page);
  await page.evaluate(() => {
    document.body.insertAdjacentHTML('beforeend', '<img src="data:," onerror="window.__pwned = 1">');
    const s = document.createElement('script');
    s.textContent = 'window.__pwned = 2';
    document.body.append(s);
  });
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  const seen = await violations(page);
  expect(seen.some((v) => v.startsWith('script-src'))).toBe(true);
  // The fixture fails a test on any console error; the browser reports the
  // refusals this test provoked as errors, and only those are let go.
  const provoked = (e) => e.includes('Content Security Policy');
  expect(guard.consoleErrors.filter(provoked).length).toBeGreaterThan(0);
  guard.consoleErrors.splice(0, guard.consoleErrors.length, ...guard.consoleErrors.filter((e) => !provoked(e)));
});

test('names carrying markup are shown as text and never run', async ({ page }) => {
  await watchViolations(page);
  await openApp(page);
  const hostile = '<script>window.__pwned=3</script><img src=x onerror="window.__pwned=4">';
  const uk = JSON.parse(readFileSync(new URL('../../scenarios/uk-network.json', import.meta.url), 'utf8'));
  uk.name = `Net ${hostile}`;
  uk.description = `About ${hostile}`;
  uk.facilities[2].name = `FC ${hostile}`;
  const file = join(mkdtempSync(join(tmpdir(), 'hostile-')), 'hostile.json');
  writeFileSync(file, JSON.stringify(uk));
  await page.getByTestId('import-scenario').setInputFiles(file);
  await expect(page.getByTestId('about')).toContainText(`About ${hostile}`);
  await expect(page.getByTestId('facility-list')).toContainText(`FC ${hostile}`);
  await page.getByTestId('facility-list').getByTestId('facility-item').filter({ hasText: 'FC <script>' }).click();
  await expect(page.getByTestId('inspector-name')).toHaveValue(`FC ${hostile}`);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(await page.locator('script:not([src]):not([type="module"])').count()).toBe(0);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await violations(page)).toEqual([]);
});

test('a scenario too big for the page is refused with its figures, and the work is kept', async ({ page }) => {
  await openApp(page);
  const uk = JSON.parse(readFileSync(new URL('../../scenarios/uk-network.json', import.meta.url), 'utf8'));
  uk.name = 'Far too big';
  uk.days = 5;
  uk.scale = 1;
  for (const d of uk.demand) d.orders_per_day = 10_000_000;
  const file = join(mkdtempSync(join(tmpdir(), 'huge-')), 'huge.json');
  writeFileSync(file, JSON.stringify(uk));
  await page.getByTestId('import-scenario').setInputFiles(file);
  const problems = page.getByTestId('problems');
  await expect(problems).toContainText('the run waits until it is fixed');
  await expect(problems).toContainText(/Demand: 4\d\.\d million orders on day 1/);
  await expect(problems).toContainText('more than the page runs, at most 3.0 million orders a day');
  // Nothing ran: the clock stays at the start, and the page still answers.
  await expect(page.getByTestId('sim-clock')).toHaveText('Day 1 (Mon) 00:00');
  // The person's earlier work is one switch away.
  await page.getByTestId('scenario-select').selectOption('uk-network');
  await expect(page.getByTestId('problems')).toHaveCount(0);
});
