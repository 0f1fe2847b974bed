// A UI a class can use all afternoon: work kept across scenario switches,
// the inspector and KPIs in view, bad input named, KPIs that explain
// themselves, a full legend, keyboard and screen-reader access.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, openApp, pause, play } from './fixtures.mjs';

const items = (page) => page.getByTestId('facility-list').getByTestId('facility-item');

/// Place a fulfillment center at the map's centre from the palette (Enter).
async function placeFc(page) {
  await page.getByTestId('palette-fulfillment-center').focus();
  await page.keyboard.press('Enter');
}

test('switching scenario keeps your edits, marks them, and Revert brings back the original', async ({ page }) => {
  await openApp(page);
  await pause(page);
  const before = await items(page).count();
  await placeFc(page);
  await expect(items(page)).toHaveCount(before + 1);
  const select = page.getByTestId('scenario-select');
  await expect(select.locator('option[value="uk-network"]')).toHaveText('uk-network (edited)');
  await expect(page.getByTestId('revert')).toBeEnabled();

  await select.selectOption('beer-game');
  await expect(items(page)).toHaveCount(6);
  await expect(page.getByTestId('revert')).toBeDisabled();
  // The scenario left behind is still marked edited in the menu.
  await expect(select.locator('option[value="uk-network"]')).toHaveText('uk-network (edited)');
  await select.selectOption('uk-network');
  await expect(items(page)).toHaveCount(before + 1);
  await expect(page.getByTestId('status')).toContainText('with your edits');
  // The history came back too: undo takes the FC away.
  await page.getByTestId('undo').click();
  await expect(items(page)).toHaveCount(before);
  await page.getByTestId('redo').click();
  await expect(items(page)).toHaveCount(before + 1);

  // Edits survive a switch and a reload.
  await select.selectOption('beer-game');
  await page.reload();
  await expect(page.getByTestId('scenario-select')).toHaveValue('beer-game');
  await page.getByTestId('scenario-select').selectOption('uk-network');
  await expect(items(page)).toHaveCount(before + 1);

  // Revert is one undoable step back to the original.
  await page.getByTestId('revert').click();
  await expect(items(page)).toHaveCount(before);
  await expect(page.getByTestId('revert')).toBeDisabled();
  await expect(select.locator('option[value="uk-network"]')).toHaveText('uk-network');
  await page.getByTestId('undo').click();
  await expect(items(page)).toHaveCount(before + 1);
});

test('at 800×600 the KPIs sit beside the map, and a picked facility shows its whole name in view', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await openApp(page);
  await pause(page);
  const map = await page.getByTestId('map').boundingBox();
  const tiles = await page.getByTestId('tile-on_time_rate').boundingBox();
  expect(tiles.y + tiles.height, 'on-time tile above the fold').toBeLessThan(600);
  expect(tiles.x, 'tiles beside the map').toBeGreaterThanOrEqual(map.x + map.width - 1);
  expect(map.y + map.height).toBeLessThanOrEqual(600);

  await page.setViewportSize({ width: 1440, height: 900 });
  await items(page).filter({ hasText: 'FC Daventry (DIRFT)' }).click();
  const name = page.getByTestId('inspector-name');
  await expect(name).toBeInViewport();
  const cut = await name.evaluate((el) => el.scrollWidth > el.clientWidth);
  expect(cut, 'the name field shows the whole name').toBe(false);
});

test('bad input is named: a sale day that is not a day, a day past the horizon, an absurd capacity', async ({ page }) => {
  await openApp(page);
  await pause(page);
  const day = page.getByTestId('sale-start');
  await day.fill('abc');
  await day.press('Enter');
  await expect(page.getByTestId('sale-error')).toContainText('"abc" is not');
  await expect(page.getByTestId('add-sale')).toBeDisabled();
  await day.fill('999');
  await day.press('Enter');
  await expect(page.getByTestId('sale-error')).toContainText("Day 999 is outside the scenario's 14 days");
  await day.fill('5');
  await day.press('Enter');
  await expect(page.getByTestId('sale-error')).toHaveCount(0);
  await page.getByTestId('add-sale').click();
  await expect(page.getByTestId('event-text').last()).toHaveText('Two-day sale: demand ×3 on days 5–6');

  await items(page).filter({ hasText: 'FC Daventry (DIRFT)' }).click();
  const cap = page.getByTestId('inspector-capacity');
  await cap.fill('1e12');
  await cap.press('Enter');
  // Valid, so the run goes on, but the person is told, by name and field.
  await expect(page.getByTestId('warnings')).toContainText('FC Daventry (DIRFT) · capacity per hour');
  await expect(page.getByTestId('problems')).toHaveCount(0);
});

test('the beer game reads its demand step as a day, not a 100,000-day event', async ({ page }) => {
  await openApp(page, '?scenario=beer-game');
  await expect(page.getByTestId('event-text').first()).toContainText('demand ×2 from day 29 on');
});

test('while the scenario is invalid the last good run stays on screen, greyed, with the reason', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('speed').selectOption({ label: '1 day / s' });
  await expect.poll(async () => Number((await page.getByTestId('kpi-orders').innerText()).replace(/\D/g, ''))).toBeGreaterThan(1000);
  await pause(page);
  const clock = await page.getByTestId('sim-clock').innerText();
  const orders = await page.getByTestId('kpi-orders').innerText();
  await items(page).filter({ hasText: 'FC Daventry (DIRFT)' }).click();
  await page.getByTestId('inspector-capacity').fill('-5');
  await page.getByTestId('inspector-capacity').press('Enter');
  await expect(page.getByTestId('problems')).toContainText('1 problem');
  await expect(page.getByTestId('kpi-stale')).toBeVisible();
  await expect(page.getByTestId('kpi-orders')).toHaveText(orders);
  await expect(page.getByTestId('sim-clock')).toHaveText(clock);
  await page.getByTestId('map').focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('kpi-stale')).toHaveCount(0);
  await expect(page.getByTestId('sim-clock')).toHaveText(clock);
});

test('KPI tiles explain themselves: definitions, pounds, CO₂e, words a student knows', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('speed').selectOption({ label: '1 day / s' });
  await expect(page.getByTestId('kpi-cost-per-package')).toHaveText(/^£\d+\.\d\d$/, { timeout: 15_000 });
  await expect(page.getByTestId('tile-on_time_rate')).toHaveAttribute('title', /late whether or not it has been delivered|past its promise/);
  await expect(page.getByTestId('tile-co2e_g_per_package')).toContainText('CO₂e / package');
  await expect(page.getByTestId('tile-net_zero_share')).toContainText('Zero-emission legs');
  await expect(page.getByTestId('tile-labour_hours')).toContainText('Staff hours');
  await expect(page.locator('.kpis h2')).toContainText('since day 1');
});

test('the legend names every symbol on the map and can be collapsed', async ({ page }) => {
  await openApp(page);
  const legend = page.getByTestId('legend');
  const all = await legend.evaluate((el) => el.textContent);
  for (const words of ['Fulfillment center', "Zone's area", 'Arc: how busy', 'Red ring: out of stock', 'Vehicle: colour = how full', 'Electric van']) {
    expect(all).toContain(words);
  }
  // At 1280×800 it starts collapsed, so as not to hide the network.
  await expect(legend.getByText('Red ring: out of stock')).toBeHidden();
  await legend.locator('summary').click();
  await expect(legend.getByText('Red ring: out of stock')).toBeVisible();
  await legend.locator('summary').click();
  await expect(legend.getByText('Red ring: out of stock')).toBeHidden();
});

test('keyboard: list items are buttons, and on the map + zooms, arrows pan, Space plays and pauses', async ({ page }) => {
  await openApp(page);
  await pause(page);
  const item = items(page).filter({ hasText: 'FC Coalville' });
  await item.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector-name')).toHaveValue('FC Coalville');
  await page.keyboard.press('Escape');

  const map = page.getByTestId('map');
  await map.focus();
  const scale = page.getByTestId('scale');
  const before = await scale.innerText();
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await expect(scale).not.toHaveText(before);
  const hash = () => page.getByTestId('map-canvas').evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let h = 0;
    for (let i = 0; i < d.length; i += 97) h = (h * 31 + d[i]) | 0;
    return h;
  });
  const still = await hash();
  await page.keyboard.press('ArrowLeft');
  await expect.poll(hash).not.toBe(still);
  const toggle = page.getByTestId('play-pause');
  await page.keyboard.press(' ');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press(' ');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
});

test('the map has a text alternative, and text is 12 px or more, larger for a projector', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('map')).toHaveAttribute('aria-describedby', 'map-summary');
  await expect(page.getByTestId('map-summary')).toContainText('51 facilities');
  const smallest = () => page.evaluate(() => {
    let min = Infinity;
    for (const el of document.querySelectorAll('body *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!own || !el.getClientRects().length || el.closest('.sr-only')) continue;
      min = Math.min(min, parseFloat(getComputedStyle(el).fontSize));
    }
    return min;
  });
  expect(await smallest()).toBeGreaterThanOrEqual(12);
  await page.getByTestId('view-settings').locator('summary').click();
  await page.getByTestId('large-text').check();
  expect(await smallest()).toBeGreaterThanOrEqual(15);
  // Kept for the next visit.
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/large-text/);
});

test('play and pause are one toggle, and auto-play can be switched off for the next visit', async ({ page }) => {
  await openApp(page);
  const toggle = page.getByTestId('play-pause');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(toggle).toHaveText(/Pause/);
  await toggle.click();
  await expect(toggle).toHaveText(/Play/);
  await page.getByTestId('view-settings').locator('summary').click();
  await page.getByTestId('autoplay').uncheck();
  await page.reload();
  await expect(page.getByTestId('play-pause')).toHaveAttribute('aria-pressed', 'false');
  await page.waitForTimeout(600);
  await expect(page.getByTestId('sim-clock')).toHaveText('Day 1 (Mon) 00:00');
  // A link can say it too.
  await page.getByTestId('view-settings').locator('summary').click();
  await page.getByTestId('autoplay').check();
  await openApp(page, '?autoplay=0');
  await expect(page.getByTestId('play-pause')).toHaveAttribute('aria-pressed', 'false');
  await play(page);
});

test('benchmark scenarios are listed only with ?dev', async ({ page }) => {
  await openApp(page);
  const options = page.getByTestId('scenario-select').locator('option');
  await expect(options).toHaveText(['uk-network', 'pan-eu', 'ocean-inbound', 'beer-game']);
  await openApp(page, '?dev=1');
  await expect(options).toHaveText(['uk-network', 'pan-eu', 'ocean-inbound', 'beer-game', 'stress-vehicles']);
});

test('axe-core finds no serious or critical accessibility violations on the main views', async ({ page }) => {
  // Four full-page analyses: a few seconds each on a busy two-core machine.
  test.setTimeout(90_000);
  const check = async (view) => {
    const r = await new AxeBuilder({ page }).analyze();
    const bad = r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${view}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    expect(bad).toEqual([]);
  };
  await openApp(page);
  await pause(page);
  await check('first load');
  await items(page).filter({ hasText: 'FC Daventry (DIRFT)' }).click();
  await check('inspector');
  await page.getByTestId('inspector-capacity').fill('-5');
  await page.getByTestId('inspector-capacity').press('Enter');
  await check('an invalid edit');
  await page.getByTestId('undo').click();
  await page.getByTestId('scenario-select').selectOption('beer-game');
  await check('beer game');
});
