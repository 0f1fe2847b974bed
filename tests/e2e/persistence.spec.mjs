// Nothing lost: a page killed mid-run (its browser closed without a word)
// and opened again finds the person's work: the edited scenario, the lesson
// and how far they got in it, and the last stock plan. A browser that keeps
// no storage says so instead of losing work in silence.
import { test, expect } from './fixtures.mjs';
import { chromium } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const BASE = process.env.SANDBOX_URL ?? 'http://127.0.0.1:8080/';

/// A browser with a profile on disk, as a person's is: what one session
/// stores, the next finds.
function browserWithProfile(dir) {
  return chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium',
    args: ARGS,
    viewport: { width: 1280, height: 800 },
  });
}

/// Two steps; the first is met at once, so the student can move on.
const LESSON = {
  lesson: 1, id: 'two-steps', title: 'Two steps', intro: 'Kept across a crash.', scenario: 'uk-network',
  steps: [
    { title: 'First', instruction: 'Watch.', goal: { by_day: 1, all: [{ kpi: 'orders_placed', at_least: 1 }] } },
    {
      title: 'Second', instruction: 'Edit Coalville.', hints: ['Try its capacity.', 'Or its heads.'],
      goal: { by_day: 2, all: [{ kpi: 'on_time_rate', at_least: 0.99 }] },
    },
  ],
};

test('a page killed mid-run and opened again finds the edits, the lesson step, the hints and the stock plan', async () => {
  test.setTimeout(120_000);
  const profile = mkdtempSync(join(tmpdir(), 'profile-'));
  let browser = await browserWithProfile(profile);
  let page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(BASE);
  await expect(page.locator('header h1')).toHaveText('Supply Sandbox', { timeout: 15_000 });

  await page.getByTestId('import-scenario').setInputFiles({
    name: 'two-steps.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(LESSON)),
  });
  await expect(page.getByTestId('lesson-panel')).toContainText('Two steps');
  await page.getByTestId('speed').selectOption({ label: '1 day / s' });
  await expect(page.getByTestId('lesson-next')).toBeEnabled({ timeout: 30_000 });
  await page.getByTestId('lesson-next').click();
  await expect(page.getByTestId('lesson-step')).toContainText('Step 2 of 2');
  await expect(page.getByTestId('lesson-instruction')).toContainText('Edit Coalville');
  await page.getByTestId('lesson-hint').click();
  await expect(page.getByTestId('lesson-hints').locator('li')).toHaveCount(1);

  await page.getByTestId('facility-list').getByTestId('facility-item').filter({ hasText: 'FC Coalville' }).click();
  await page.getByTestId('inspector-capacity').fill('9100');
  await page.getByTestId('inspector-capacity').press('Enter');
  await expect(page.getByTestId('inspector-capacity')).toHaveValue('9100');

  await page.getByTestId('plan-open').click();
  await page.getByTestId('plan-run').click();
  await expect(page.getByTestId('plan-result')).toBeVisible({ timeout: 60_000 });

  // Killed while it runs: the browser goes, no chance to save on the way out.
  await browser.close();

  browser = await browserWithProfile(profile);
  page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(BASE);
  await expect(page.getByTestId('lesson-panel')).toContainText('Two steps', { timeout: 15_000 });
  await expect(page.getByTestId('lesson-step')).toContainText('Step 2 of 2');
  await expect(page.getByTestId('lesson-instruction')).toContainText('Edit Coalville');
  await expect(page.getByTestId('lesson-hints').locator('li')).toHaveCount(1);
  await page.getByTestId('facility-list').getByTestId('facility-item').filter({ hasText: 'FC Coalville' }).click();
  await expect(page.getByTestId('inspector-capacity')).toHaveValue('9100');
  await page.getByTestId('plan-open').click();
  await expect(page.getByTestId('plan-result')).toBeVisible();
  await expect(page.getByTestId('plan-row')).toHaveCount(5);
  // The plan was made before the capacity edit? No: after it, so it applies.
  await expect(page.getByTestId('plan-apply')).toBeEnabled();
  await browser.close();
});

test('a browser that keeps no storage is told its work cannot be kept', async ({ page }) => {
  // As a locked-down or private profile behaves: every write refused.
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await page.goto('/');
  await expect(page.locator('header h1')).toHaveText('Supply Sandbox', { timeout: 15_000 });
  await page.getByTestId('facility-list').getByTestId('facility-item').filter({ hasText: 'FC Coalville' }).click();
  await page.getByTestId('inspector-capacity').fill('9100');
  await page.getByTestId('inspector-capacity').press('Enter');
  await expect(page.getByTestId('status')).toContainText('Your work could not be saved');
  await expect(page.getByTestId('status')).toContainText('Export the scenario to keep it');
  // The edit itself stands: only keeping it failed.
  await expect(page.getByTestId('inspector-capacity')).toHaveValue('9100');
});
