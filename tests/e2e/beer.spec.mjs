// The beer game: set up, played week by week from the keyboard, the
// debrief's charts and tables, hot seat, link options, and the class view
// of downloaded results.
import fs from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, openApp } from './fixtures.mjs';

/// Pixels of a chart canvas that are not white (the background).
function inkedPixels(canvas) {
  return canvas.evaluate((c) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0 && (data[i] < 245 || data[i + 1] < 245 || data[i + 2] < 245)) n++;
    }
    return n;
  });
}

/// Serious or critical axe findings inside the dialog.
async function axeProblems(page, where) {
  const r = await new AxeBuilder({ page }).include('[data-testid="beer-dialog"]').analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/// Replace whatever is in the focused field with `text` and press Enter,
/// from the keyboard.
async function typeOrder(page, text) {
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  if (text) await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/// Press Tab until the element with `testid` has the focus (at most `max` times).
async function tabTo(page, testid, max = 20) {
  for (let i = 0; i < max; i++) {
    const at = await page.evaluate(() => document.activeElement?.dataset?.testid);
    if (at === testid) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${testid}`);
}

test('a person plays the retailer for 36 weeks from the keyboard, then the debrief', async ({ page }) => {
  test.setTimeout(90_000);
  await openApp(page, '?beer=1&autoplay=0');
  const dialog = page.getByTestId('beer-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('beer-seat-retailer')).toBeFocused();
  await expect(page.getByTestId('beer-seat-retailer')).toHaveValue('person');
  for (const role of ['wholesaler', 'distributor', 'factory']) {
    await expect(page.getByTestId(`beer-seat-${role}`)).toHaveValue('sterman');
  }
  await expect(page.getByTestId(`beer-seat-factory`)).toHaveAttribute('title', /Sterman.*1989 mean estimated/);
  await expect(page.getByTestId('beer-weeks')).toHaveValue('36');
  expect(await axeProblems(page, 'setup')).toEqual([]);
  await tabTo(page, 'beer-start');
  await page.keyboard.press('Enter');

  const order = page.getByTestId('beer-order');
  const week = page.getByTestId('beer-week');
  const error = page.getByTestId('beer-order-error');
  await expect(order).toBeFocused();
  await expect(page.getByTestId('beer-turn')).toHaveText('You are the retailer');
  await expect(page.getByTestId('beer-view')).toContainText('Inventory12');
  // Bad orders are refused beside the field, the week stays and so does the focus.
  for (const [text, says] of [
    ['', 'Type how many cases'],
    ['-2', 'negative'],
    ['2.5', 'not a whole number'],
    ['20000', 'over the 10000-case limit'],
    ['abc', 'is not a number'],
  ]) {
    await typeOrder(page, text);
    await expect(error).toContainText(says);
    await expect(order).toBeFocused();
    await expect(week).toHaveText('Week 1 of 36');
  }
  await expect(axeProblems(page, 'turn')).resolves.toEqual([]);
  for (let w = 1; w <= 36; w++) {
    await expect(week).toHaveText(`Week ${w} of 36`);
    await typeOrder(page, '8');
    if (w === 1) {
      await expect(error).toBeEmpty();
      await expect(page.getByTestId('beer-recent')).toContainText('Ordered');
    }
  }

  const debrief = page.getByTestId('beer-debrief');
  await expect(debrief).toBeVisible();
  for (const chart of ['beer-chart-orders', 'beer-chart-net', 'beer-chart-cost']) {
    expect(await inkedPixels(page.getByTestId(chart)), chart).toBeGreaterThan(2000);
  }
  const ratios = page.getByTestId('beer-ratio');
  await expect(ratios).toHaveCount(4);
  for (const r of await ratios.allTextContents()) expect(r).toMatch(/^\d+\.\d$/);
  // Ordering 8 every week, the retailer's orders never varied; Sterman's
  // factory upstream still swings.
  await expect(ratios.first()).toHaveText('0.0');
  expect(Number(await ratios.last().textContent())).toBeGreaterThan(1);
  const compare = page.getByTestId('beer-compare');
  await expect(compare.locator('tbody tr')).toHaveCount(3);
  await expect(compare).toContainText('Four Sterman players');
  await expect(compare).toContainText('Base-stock team');
  const teamCost = await page.getByTestId('beer-team-cost').textContent();
  await expect(compare.locator('tbody tr').first()).toContainText(teamCost);
  await expect(page.getByTestId('beer-bullwhip')).toContainText('times the customers');
  await expect(page.getByTestId('beer-bullwhip')).toContainText(teamCost);
  expect(await axeProblems(page, 'debrief')).toEqual([]);

  // Escape closes the dialog and gives the focus back to its button.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('beer-open')).toBeFocused();
});

test('hot seat: two people take turns, each sees whose turn it is and what is shared', async ({ page }) => {
  await openApp(page, '?beer=1&roles=retailer,factory&share=demand,inventory&weeks=3&autoplay=0');
  await expect(page.getByTestId('beer-notes')).toHaveCount(0);
  await expect(page.getByTestId('beer-seat-factory')).toHaveValue('person');
  await expect(page.getByTestId('beer-share-demand')).toBeChecked();
  await expect(page.getByTestId('beer-share-inventory')).toBeChecked();
  await page.getByTestId('beer-start').press('Enter');

  const turn = page.getByTestId('beer-turn');
  const week = page.getByTestId('beer-week');
  for (let w = 1; w <= 3; w++) {
    await expect(week).toHaveText(`Week ${w} of 3`);
    await expect(turn).toHaveText("Retailer's turn");
    await expect(page.getByTestId('beer-positions')).toBeVisible();
    await typeOrder(page, '6');
    await expect(turn).toHaveText("Factory's turn");
    await expect(week).toHaveText(`Week ${w} of 3`);
    await expect(page.getByTestId('beer-order')).toBeFocused();
    // The factory sees the shared end-customer demand: 4 cases before week 5.
    await expect(page.getByTestId('beer-view')).toContainText('End-customer demand4');
    await expect(page.getByTestId('beer-view')).toContainText('Brewing started');
    await typeOrder(page, '5');
  }
  await expect(page.getByTestId('beer-debrief')).toBeVisible();
  await expect(page.getByTestId('beer-headline')).toContainText('the retailer and the factory played by people');
  const rows = page.getByTestId('beer-ratios').locator('tbody tr');
  await expect(rows.nth(0)).toContainText('A person');
  await expect(rows.nth(1)).toContainText("Sterman's player");
  await expect(rows.nth(3)).toContainText('A person');
});

test("a link's unknown options are named and keep their defaults", async ({ page }) => {
  await openApp(page, '?beer=1&roles=manager&share=secrets&weeks=lots&autoplay=0');
  const notes = page.getByTestId('beer-notes');
  await expect(notes).toContainText('"manager", which is not a role');
  await expect(notes).toContainText('"secrets"');
  await expect(notes).toContainText('"lots" is not');
  await expect(page.getByTestId('beer-seat-retailer')).toHaveValue('person');
  await expect(page.getByTestId('beer-weeks')).toHaveValue('36');
  await page.getByTestId('beer-weeks').fill('0');
  await page.getByTestId('beer-start').click();
  await expect(page.getByTestId('beer-setup-error')).toContainText('from 1 to 520');
  await expect(page.getByTestId('beer-order')).toHaveCount(0);
});

test('the class view loads downloaded results together and names a bad file', async ({ page }) => {
  test.setTimeout(60_000);
  await openApp(page, '?beer=1&weeks=4&autoplay=0');
  const files = [];
  const costs = [];
  for (const cases of ['12', '0']) {
    await page.getByTestId('beer-start').click();
    for (let w = 1; w <= 4; w++) {
      await expect(page.getByTestId('beer-week')).toHaveText(`Week ${w} of 4`);
      await typeOrder(page, cases);
    }
    await expect(page.getByTestId('beer-debrief')).toBeVisible();
    costs.push(await page.getByTestId('beer-team-cost').textContent());
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('beer-download').click()]);
    expect(download.suggestedFilename()).toBe('beer-result-retailer.json');
    await expect(page.getByTestId('beer-saved')).toHaveText('Saved as beer-result-retailer.json');
    files.push(await fs.readFile(await download.path()));
    await page.getByTestId('beer-new-game').click();
    // A resize after the debrief's charts are gone reaches none of them.
    await page.setViewportSize({ width: 1000 + files.length * 100, height: 700 });
  }
  expect(costs[0]).not.toEqual(costs[1]);

  await page.getByTestId('beer-class-open').click();
  await page.getByTestId('beer-class-files').setInputFiles([
    { name: 'team-a.json', mimeType: 'application/json', buffer: files[0] },
    { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 1') },
    { name: 'team-b.json', mimeType: 'application/json', buffer: files[1] },
  ]);
  await expect(page.getByTestId('beer-class-problems')).toContainText('broken.json: not a beer game result');
  const rows = page.getByTestId('beer-class-table').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('team-a.json');
  await expect(rows.nth(0)).toContainText(costs[0]);
  await expect(rows.nth(1)).toContainText('team-b.json');
  await expect(rows.nth(1)).toContainText(costs[1]);
  expect(await inkedPixels(page.getByTestId('beer-class-chart'))).toBeGreaterThan(2000);
  await expect(page.locator('.beer-key')).toContainText('team-a.json');
});

test('opening the beer game pauses the network run behind it', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('play-pause')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('beer-open').click();
  await expect(page.getByTestId('beer-dialog')).toBeVisible();
  await expect(page.getByTestId('play-pause')).toHaveAttribute('aria-pressed', 'false');
});
