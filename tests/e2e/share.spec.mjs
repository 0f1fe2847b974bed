// Share links: a link carries the whole scenario, its controls and seed, and
// opening it replays the same run; a broken link keeps the person's work.
import { test, expect, openApp, pause } from './fixtures.mjs';

const items = (page) => page.getByTestId('facility-list').getByTestId('facility-item');
const TILES = ['kpi-orders', 'kpi-delivered', 'kpi-on-time', 'kpi-fill-rate', 'kpi-lead-time', 'kpi-on-hand', 'kpi-labour'];

/// Step the paused run `hours` sim hours and read every KPI tile.
async function stepAndRead(page, hours) {
  for (let h = 0; h < hours; h++) await page.getByTestId('step').click();
  await expect(page.getByTestId('sim-clock')).toHaveText(`Day 2 (Tue) ${String(hours - 24).padStart(2, '0')}:00`);
  const out = {};
  for (const id of TILES) out[id] = await page.getByTestId(id).innerText();
  return out;
}

test('a share link opens the same scenario and replays the same run', async ({ page, context }) => {
  // Sixty one-hour steps across two pages.
  test.setTimeout(90_000);
  await openApp(page, '?autoplay=0');
  await pause(page);
  // An edit and a recorded control, so the link must carry both.
  await items(page).filter({ hasText: 'FC Coalville' }).click();
  await page.getByTestId('inspector-capacity').fill('900');
  await page.getByTestId('inspector-capacity').press('Enter');
  await page.keyboard.press('Escape');
  await page.getByTestId('share').locator('summary').click();
  // The link is made when the menu's toggle event fires, just after the click.
  await expect(page.getByTestId('share-link')).toHaveValue(/#share=1\./);
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toContain('#share=1.');
  expect(link.length).toBeLessThan(8_000);
  await page.getByTestId('share-copy').click();
  await expect(page.getByTestId('status')).toContainText('Link copied');
  const here = await stepAndRead(page, 30);

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.locator('header h1')).toHaveText('Supply Sandbox', { timeout: 15_000 });
  await pause(other);
  await expect(other.getByTestId('scenario-select')).toHaveValue(/uk-network/);
  const there = await stepAndRead(other, 30);
  expect(there).toEqual(here);
  // The link is read once: the address bar no longer holds it.
  expect(other.url()).not.toContain('#share=');
});

test('a broken or newer link says why and keeps the work', async ({ page }) => {
  await openApp(page, '?autoplay=0');
  const before = await items(page).count();
  await page.getByTestId('palette-fulfillment-center').focus();
  await page.keyboard.press('Enter');
  await expect(items(page)).toHaveCount(before + 1);
  await page.goto('/?autoplay=0&n=1#share=1.not-a-real-link');
  await expect(page.getByTestId('status')).toContainText('This share link is damaged');
  await expect(page.getByTestId('status')).toContainText('your work is unchanged');
  await expect(items(page)).toHaveCount(before + 1);
  await page.goto('/?autoplay=0&n=2#share=7.abc');
  await expect(page.getByTestId('status')).toContainText('newer Supply Sandbox');
  await expect(items(page)).toHaveCount(before + 1);
});
