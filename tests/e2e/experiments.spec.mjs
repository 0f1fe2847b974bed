// Experiments as an analyst uses them: pin A, edit B, run both in workers
// while the map keeps running, read B − A with its interval, export the
// spec and check that supply-cli gives the page's result byte for byte.
import { test, expect, openApp } from './fixtures.mjs';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const CLI = process.env.SUPPLY_CLI ?? 'target/debug/supply-cli';
const items = (page) => page.getByTestId('facility-list').getByTestId('facility-item');

/// Click an export button and return the downloaded file's path.
async function exported(page, testid) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return download.path();
}

test('compare runs A and B with shared seeds in workers, and the CLI gives the same result', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page);
  await page.getByTestId('experiments-open').click();
  const panel = page.getByTestId('experiments');
  await expect(panel).toBeVisible();
  await page.getByTestId('experiment-replications').fill('3');
  await page.getByTestId('experiment-replications').press('Enter');
  await page.getByTestId('experiment-days').fill('3');
  await page.getByTestId('experiment-days').press('Enter');
  await expect(page.getByTestId('compare-run')).toBeDisabled();

  await page.getByTestId('compare-pin').click();
  await expect(page.getByTestId('compare-state')).toContainText('B is still the same');
  // B: Coalville on a just-in-time rule (little safety stock) instead of
  // its base stock.
  await items(page).filter({ hasText: 'FC Coalville' }).click();
  await page.getByTestId('inspector-policy').selectOption('jit');
  await expect(page.getByTestId('compare-state')).toContainText('B: the scenario as it is now');

  const clock = page.getByTestId('sim-clock');
  const before = await clock.textContent();
  await page.getByTestId('compare-run').click();
  await expect(page.getByTestId('experiment-progress')).toContainText(/of 6 runs/);
  const result = page.getByTestId('experiment-result');
  await expect(result).toBeVisible({ timeout: 90_000 });
  // The map kept running while the workers ran.
  expect(await clock.textContent()).not.toBe(before);

  const rows = page.getByTestId('compare-row');
  await expect(rows).toHaveCount(10);
  // The same orders arrive in A and B: shared seeds.
  await expect(rows.filter({ hasText: 'Orders placed' })).toHaveAttribute('data-difference', '0');
  await expect(rows.filter({ hasText: 'Fill rate' })).toContainText(/pts \(/);
  await expect(page.getByTestId('compare-chart')).toBeVisible();
  await expect(page.getByTestId('experiment-took')).toContainText(/Ran in \d+ s on \d worker/);

  // The exported spec, run by the CLI, prints the page's result exactly.
  const spec = await exported(page, 'experiment-export-spec');
  const pageResult = readFileSync(await exported(page, 'experiment-export-json'), 'utf8');
  const cliResult = execFileSync(CLI, ['experiment', spec], { encoding: 'utf8' });
  expect(cliResult).toBe(pageResult);
  const csv = readFileSync(await exported(page, 'experiment-export-csv'), 'utf8');
  expect(csv).toBe(execFileSync(CLI, ['experiment', spec, '--csv'], { encoding: 'utf8' }));

  // A on the map is one undoable edit.
  await page.getByTestId('compare-show-a').click();
  await expect(page.getByTestId('status')).toContainText('A is on the map');
  await items(page).filter({ hasText: 'FC Coalville' }).click();
  await expect(page.getByTestId('inspector-policy')).toHaveValue('base_stock');
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('inspector-policy')).toHaveValue('jit');

  // The result is kept with the work.
  await page.reload();
  await expect(page.locator('header h1')).toHaveText('Supply Sandbox', { timeout: 15_000 });
  await page.getByTestId('experiments-open').click();
  await expect(page.getByTestId('compare-row')).toHaveCount(10);
});

test('an experiment can be cancelled, and the page says how far it got', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('experiments-open').click();
  await page.getByTestId('experiment-replications').fill('50');
  await page.getByTestId('experiment-replications').press('Enter');
  await page.getByTestId('compare-pin').click();
  await page.getByTestId('compare-run').click();
  const bar = page.getByTestId('experiment-progress');
  await expect(bar).toContainText(/of 100 runs/);
  await expect(bar).toContainText(/about \d+ (s|min \d+ s) left/, { timeout: 30_000 });
  await page.getByTestId('experiment-cancel').click();
  await expect(bar).toHaveCount(0);
  await expect(page.getByTestId('compare-run')).toBeEnabled();
  await expect(page.getByTestId('experiment-result')).toHaveCount(0);
});

test('a sweep of a safety factor charts fill against z, marks the Pareto front, and matches the CLI', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page);
  await page.getByTestId('experiments-open').click();
  await page.getByTestId('experiment-replications').fill('2');
  await page.getByTestId('experiment-replications').press('Enter');
  await page.getByTestId('experiment-days').fill('4');
  await page.getByTestId('experiment-days').press('Enter');
  // The first safety factor is chosen, from 0 to 3.
  await expect(page.getByTestId('sweep-first-knob')).toHaveValue('policies[0].rule.z');
  await expect(page.getByTestId('sweep-first-to')).toHaveValue('3');
  await page.getByTestId('sweep-first-steps').fill('3');
  await page.getByTestId('sweep-first-steps').press('Enter');
  await expect(page.getByTestId('sweep-run')).toContainText('(8 runs)');
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('experiment-result')).toBeVisible({ timeout: 90_000 });

  const rows = page.getByTestId('sweep-row');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(1)).toContainText('FC Coalville: safety factor z = 0');
  await expect(rows.nth(3)).toContainText('FC Coalville: safety factor z = 3');
  await expect(page.locator('[data-testid="sweep-row"][data-front="true"]')).not.toHaveCount(0);
  await expect(page.getByTestId('sweep-chart')).toBeVisible();
  await expect(page.getByTestId('sweep-pareto')).toBeVisible();
  // Fill rate: more safety stock fills more.
  await page.getByTestId('sweep-kpi').selectOption({ label: 'Fill rate' });
  const fill = async (i) => parseFloat(await rows.nth(i).locator('td').first().textContent());
  expect(await fill(3)).toBeGreaterThan(await fill(1));

  const spec = await exported(page, 'experiment-export-spec');
  const pageResult = readFileSync(await exported(page, 'experiment-export-json'), 'utf8');
  expect(execFileSync(CLI, ['experiment', spec], { encoding: 'utf8' })).toBe(pageResult);
});

test('a sweep over two parameters draws a heat map', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page);
  await page.getByTestId('experiments-open').click();
  await page.getByTestId('experiment-replications').fill('2');
  await page.getByTestId('experiment-replications').press('Enter');
  await page.getByTestId('experiment-days').fill('2');
  await page.getByTestId('experiment-days').press('Enter');
  await page.getByTestId('sweep-first-steps').fill('2');
  await page.getByTestId('sweep-first-steps').press('Enter');
  await page.getByTestId('sweep-two').check();
  await page.getByTestId('sweep-second-knob').selectOption('lanes[36].dispatch.every_hours');
  await page.getByTestId('sweep-second-steps').fill('2');
  await page.getByTestId('sweep-second-steps').press('Enter');
  await expect(page.getByTestId('sweep-run')).toContainText('(10 runs)');
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('experiment-result')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('sweep-row')).toHaveCount(5);
  await expect(page.getByTestId('experiment-result')).toContainText('darker is better');
  await expect(page.getByTestId('sweep-row').nth(4)).toContainText('dispatch every (h) = 4.5');
});

test('network design suggests stations off the page, shows them, and accepting is one undoable edit pinned for a compare', async ({ page }) => {
  test.setTimeout(90_000);
  await openApp(page);
  await page.getByTestId('experiments-open').click();
  await page.getByTestId('design-run').click();
  const summary = page.getByTestId('design-summary');
  await expect(summary).toBeVisible({ timeout: 30_000 });
  // The page's design is the CLI's: the same stations and cost.
  const cli = execFileSync(CLI, ['design', 'builtin:uk-network', '--json'], { encoding: 'utf8' });
  const d = JSON.parse(cli);
  const pounds = (x) => `£${Math.round(x).toLocaleString('en-GB')}`;
  await expect(summary).toContainText(`${d.sites.length} stations, ${pounds(d.cost_per_day)} a day, proved optimal`);
  await expect(summary).toContainText(`the network as it is: ${pounds(d.current_cost_per_day)}`);
  await expect(page.getByTestId('design-site')).toHaveCount(d.sites.length);
  const added = d.sites.filter((s) => s.candidate.existing === null).map((s) => s.candidate.name);
  expect(added.length).toBeGreaterThan(0);
  await expect(page.getByTestId('design-closed')).toContainText('Delivery station Newbridge');

  await page.getByTestId('design-accept').click();
  await expect(page.getByTestId('status')).toContainText('Design accepted');
  await expect(items(page).filter({ hasText: added[0] })).toHaveCount(1);
  await expect(items(page).filter({ hasText: 'Delivery station Newbridge' })).toHaveCount(0);
  await expect(page.getByTestId('compare-state')).toContainText('B: the scenario as it is now');
  await page.getByTestId('undo').click();
  await expect(items(page).filter({ hasText: added[0] })).toHaveCount(0);
  await expect(items(page).filter({ hasText: 'Delivery station Newbridge' })).toHaveCount(1);
});
