// A person's first five minutes: place, move, undo, tweak demand, play, switch.
import { test, expect, openApp, screenshotPath, play, pause } from './fixtures.mjs';

const num = async (page, id) => Number((await page.getByTestId(id).innerText()).replace(/[^0-9.\-]/g, ''));
/// A tile's figure as a number: "£2.05" → 2.05, "29,199" → 29199; "–" → NaN.
const figure = (text) => (/\d/.test(text) ? Number(text.replace(/[£,]/g, '')) : NaN);
const items = (page) => page.getByTestId('facility-list').getByTestId('facility-item');

/// Count pixels of one colour (±tolerance) on the map canvas, in a CSS-pixel
/// rectangle [x, y, w, h] or all of it.
async function colourIn(page, rgb, rect = null) {
  return page.getByTestId('map-canvas').evaluate((c, [rgb, rect]) => {
    const dpr = c.width / c.clientWidth;
    const [x, y, w, h] = rect ? rect.map((v) => v * dpr) : [0, 0, c.width, c.height];
    const d = c.getContext('2d').getImageData(x, y, w, h).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (Math.abs(d[i] - rgb[0]) < 12 && Math.abs(d[i + 1] - rgb[1]) < 12 && Math.abs(d[i + 2] - rgb[2]) < 12) n++;
    }
    return n;
  }, [rgb, rect]);
}

/// Pixels of one colour in a square of half-side `half` round (x, y).
const colourNear = (page, x, y, rgb, half = 14) => colourIn(page, rgb, [x - half, y - half, 2 * half, 2 * half]);
const colourCount = (page, rgb) => colourIn(page, rgb);

async function canvasHash(page) {
  return page.getByTestId('map-canvas').evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let h = 0;
    for (let i = 0; i < d.length; i += 97) h = (h * 31 + d[i]) | 0;
    return h;
  });
}

const FC_ORANGE = [211, 84, 0];

/// The centre of a delivery station's icon (a green triangle) on the map.
async function findStation(page) {
  return page.getByTestId('map-canvas').evaluate((c) => {
    const dpr = c.width / c.clientWidth;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const green = (x, y) => {
      const i = (Math.round(y) * c.width + Math.round(x)) * 4;
      return d[i] === 30 && d[i + 1] === 132 && d[i + 2] === 73;
    };
    for (let y = 40; y < c.height - 40; y++) {
      for (let x = 40; x < c.width - 200; x++) {
        if (green(x, y) && green(x, y + 2) && green(x - 2, y + 3) && green(x + 2, y + 3)) return { x: x / dpr, y: (y + 3) / dpr };
      }
    }
    return null;
  });
}

// Facility icons take clicks first, so vehicles are picked clear of them.
/// Run a day and a bit, pause, and zoom in on a delivery station, where vans
/// and the station's zones stand apart from the icons.
async function zoomOnStationAfterADay(page) {
  await openApp(page);
  await page.getByTestId('speed').selectOption({ label: '1 day / s' });
  await expect.poll(() => num(page, 'kpi-delivered'), { timeout: 10_000 }).toBeGreaterThan(500);
  await pause(page);
  const station = await findStation(page);
  expect(station, 'a delivery station on the map').not.toBeNull();
  const box = await page.getByTestId('map-canvas').boundingBox();
  await page.mouse.move(box.x + station.x, box.y + station.y);
  for (let k = 0; k < 3; k++) await page.mouse.wheel(0, -400);
}

const FACILITY_COLOURS = [[211, 84, 0], [36, 113, 163], [30, 132, 73], [183, 149, 11], [31, 58, 95], [125, 60, 152]];

/// A point on a vehicle drawn in one of `colours`, clear of facility
/// icons; vehicles come and go, so the clock runs a little until one is.
async function findVehicle(page, colours) {
  const look = () => page.getByTestId('map-canvas').evaluate((c, [colours, avoid]) => {
    const dpr = c.width / c.clientWidth;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const is = (j, set) => set.some(([r, g, b]) => d[j] === r && d[j + 1] === g && d[j + 2] === b);
    const clear = (x, y) => {
      const r = Math.round(20 * dpr);
      for (let yy = Math.max(0, y - r); yy < Math.min(c.height, y + r); yy++) {
        for (let xx = Math.max(0, x - r); xx < Math.min(c.width, x + r); xx++) {
          if (is((yy * c.width + xx) * 4, avoid)) return false;
        }
      }
      return true;
    };
    for (let y = 2; y < c.height - 2; y++) {
      for (let x = 2; x < c.width - 2; x++) {
        const i = (y * c.width + x) * 4;
        const same = (j) => is(j, colours);
        // Inside a vehicle's solid cab: the same opaque colour one pixel
        // away on every side (lanes are translucent, so never match).
        if (same(i) && same(i - 4) && same(i + 4) && same(i - 4 * c.width) && same(i + 4 * c.width) && clear(x, y)) {
          return { x: x / dpr, y: y / dpr };
        }
      }
    }
    return null;
  }, [colours, FACILITY_COLOURS]);
  let hit = await look();
  for (let tries = 0; !hit && tries < 20; tries++) {
    await play(page);
    await page.waitForTimeout(250);
    await pause(page);
    hit = await look();
  }
  return hit;
}

test('drag a fulfillment center onto the map, move it, undo both', async ({ page }) => {
  await openApp(page);
  await pause(page);
  const before = await items(page).count();
  expect(before).toBeGreaterThan(10);

  // Somewhere empty in the North Sea-ish east of the map.
  const drop = { x: 640, y: 180 };
  expect(await colourNear(page, drop.x, drop.y, FC_ORANGE)).toBe(0);
  await page.getByTestId('palette-fulfillment-center').dragTo(page.getByTestId('map'), { targetPosition: drop });

  await expect(items(page)).toHaveCount(before + 1);
  await expect(items(page).last()).toContainText('New fulfillment center');
  await expect.poll(() => colourNear(page, drop.x, drop.y, FC_ORANGE)).toBeGreaterThan(50);
  await expect(page.getByTestId('status')).toContainText('automatic lane');
  await page.screenshot({ path: screenshotPath('placed-fc') });

  // Move it by dragging on the map.
  const pos0 = await page.getByTestId('inspector-position').innerText();
  const box = await page.getByTestId('map').boundingBox();
  await page.mouse.move(box.x + drop.x, box.y + drop.y);
  await page.mouse.down();
  await page.mouse.move(box.x + drop.x - 60, box.y + drop.y + 40, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByTestId('inspector-position')).not.toHaveText(pos0);
  await expect.poll(() => colourNear(page, drop.x - 60, drop.y + 40, FC_ORANGE)).toBeGreaterThan(50);
  expect(await colourNear(page, drop.x, drop.y, FC_ORANGE)).toBe(0);

  // Ctrl+Z undoes the move, then the placement.
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('inspector-position')).toHaveText(pos0);
  await page.keyboard.press('Control+z');
  await expect(items(page)).toHaveCount(before);
  // And Ctrl+Shift+Z brings it back.
  await page.keyboard.press('Control+Shift+z');
  await expect(items(page)).toHaveCount(before + 1);
});

test('keyboard: Enter places at the map centre, arrows nudge', async ({ page }) => {
  await openApp(page);
  await pause(page);
  const before = await items(page).count();
  await page.getByTestId('palette-delivery-station').focus();
  await page.keyboard.press('Enter');
  await expect(items(page)).toHaveCount(before + 1);
  await expect(page.getByTestId('inspector')).toContainText('Delivery station');
  const pos0 = await page.getByTestId('inspector-position').innerText();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('inspector-position')).not.toHaveText(pos0);
  const [, lon0] = pos0.split(',').map(parseFloat);
  const [, lon1] = (await page.getByTestId('inspector-position').innerText()).split(',').map(parseFloat);
  expect(lon1).toBeGreaterThan(lon0);
});

test('the demand multiplier changes how many orders arrive', async ({ page }) => {
  await openApp(page);
  await pause(page);
  const ordersInTwelveHours = async (multiplier) => {
    await page.getByTestId('reset').click();
    await expect(page.getByTestId('sim-clock')).toHaveText('Day 1 (Mon) 00:00');
    await page.getByTestId('demand-multiplier').fill(String(multiplier));
    await expect(page.getByTestId('demand-multiplier-value')).toHaveText(`×${multiplier.toFixed(1)}`);
    // Recorded from the first hour: the whole half-day runs at this rate.
    await expect(page.getByTestId('controls-list')).toHaveText(`Demand ×${multiplier.toFixed(1)} from Day 1 (Mon) 00:00✕`);
    for (let i = 0; i < 12; i++) await page.getByTestId('step').click();
    await expect(page.getByTestId('sim-clock')).toHaveText('Day 1 (Mon) 12:00');
    return num(page, 'kpi-orders');
  };
  const one = await ordersInTwelveHours(1);
  const two = await ordersInTwelveHours(2);
  const zero = await ordersInTwelveHours(0);
  expect(one).toBeGreaterThan(50);
  expect(two).toBeGreaterThan(1.6 * one);
  expect(two).toBeLessThan(2.4 * one);
  expect(zero).toBe(0);
});

test('the demand slider is kept with the scenario: undo, redo, export and import replay it', async ({ page }) => {
  await openApp(page);
  await pause(page);
  await page.getByTestId('reset').click();
  for (let i = 0; i < 5; i++) await page.getByTestId('step').click();
  await expect(page.getByTestId('sim-clock')).toHaveText('Day 1 (Mon) 05:00');
  await page.getByTestId('demand-multiplier').fill('2');
  const list = page.getByTestId('controls-list');
  await expect(list).toContainText('Demand ×2.0 from Day 1 (Mon) 06:00');
  for (let i = 0; i < 3; i++) await page.getByTestId('step').click();
  const live = await num(page, 'kpi-orders');

  // Undo takes the control away (and re-runs without it); redo brings it back.
  await page.getByTestId('map').focus();
  await page.keyboard.press('Control+z');
  await expect(list).toBeEmpty();
  await expect(page.getByTestId('demand-multiplier-value')).toHaveText('×1.0');
  await expect.poll(() => num(page, 'kpi-orders')).toBeLessThan(live);
  await page.keyboard.press('Control+Shift+z');
  await expect(list).toContainText('Demand ×2.0 from Day 1 (Mon) 06:00');
  await expect.poll(() => num(page, 'kpi-orders')).toBe(live);

  // Export holds it; importing the export and replaying to the same moment
  // shows the same run.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-scenario').click()]);
  const fs = await import('node:fs/promises');
  const text = await fs.readFile(await download.path(), 'utf8');
  expect(JSON.parse(text).controls).toEqual([{ at_h: 6, demand_multiplier: 2 }]);
  await page.getByTestId('reset').click();
  await page.getByTestId('import-scenario').setInputFiles({
    name: 'replay.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  await expect(page.getByTestId('status')).toContainText('Opened replay.json');
  await pause(page);
  await expect(list).toContainText('Demand ×2.0 from Day 1 (Mon) 06:00');
  await page.getByTestId('reset').click();
  for (let i = 0; i < 8; i++) await page.getByTestId('step').click();
  await expect(page.getByTestId('sim-clock')).toHaveText('Day 1 (Mon) 08:00');
  expect(await num(page, 'kpi-orders')).toBe(live);
});

test('play: deliveries rise and vehicles move on the canvas', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('speed').selectOption({ label: '1 day / s' });
  await play(page);
  const d0 = await num(page, 'kpi-delivered');
  await expect.poll(() => num(page, 'kpi-delivered'), { timeout: 10_000 }).toBeGreaterThan(d0);
  // Per-package figures wait until half the orders are delivered, and say so.
  const cost = page.getByTestId('kpi-cost-per-package');
  // Both read in one go, so the figure cannot arrive between the reads.
  const [costNow, why] = await page.evaluate(() =>
    ['kpi-cost-per-package', 'kpi-withheld'].map((id) => document.querySelector(`[data-testid=${id}]`).innerText),
  );
  if (costNow === '–') expect(why).toContain('so far');
  await expect.poll(async () => Number.isFinite(figure(await cost.innerText())), { timeout: 20_000 }).toBe(true);
  await expect(page.getByTestId('kpi-withheld')).toHaveText('');
  // Each tile explains itself from the glossary.
  await expect(page.getByTestId('tile-on_time_rate')).toHaveAttribute('title', /open order past its promise counts as late/);
  // Every KPI is a number once parcels are delivered, and rates are in range.
  for (const id of ['kpi-orders', 'kpi-delivered', 'kpi-on-time', 'kpi-fill-rate', 'kpi-lead-time', 'kpi-cost-per-package', 'kpi-co2-per-package', 'kpi-net-zero', 'kpi-labour']) {
    const text = await page.getByTestId(id).innerText();
    expect(Number.isFinite(figure(text)), `${id} = ${text}`).toBe(true);
  }
  for (const id of ['kpi-on-time', 'kpi-fill-rate', 'kpi-net-zero']) {
    const v = await num(page, id);
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThanOrEqual(100);
  }
  expect(await num(page, 'kpi-lead-time')).toBeGreaterThan(0);
  const h1 = await canvasHash(page);
  await page.waitForTimeout(300);
  const h2 = await canvasHash(page);
  expect(h2).not.toBe(h1);
  const clock = await page.getByTestId('sim-clock').innerText();
  expect(clock).toMatch(/^Day \d+ \((Mon|Tue|Wed|Thu|Fri|Sat|Sun)\) \d\d:\d\d$/);
  await page.screenshot({ path: screenshotPath('playing') });

  await pause(page);
  const paused = await page.getByTestId('sim-clock').innerText();
  await page.waitForTimeout(400);
  await expect(page.getByTestId('sim-clock')).toHaveText(paused);
});

test('switching scenario loads the beer game', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('scenario-select').selectOption('beer-game');
  // The four classic stages (plus the customers and the raw-material source).
  for (const stage of ['Retailer', 'Wholesaler', 'Distributor', 'Factory']) {
    await expect(items(page).filter({ hasText: stage })).toHaveCount(1);
  }
  expect(await items(page).count()).toBeLessThan(8);
  // A weekly game runs at a week a second by default.
  await expect(page.getByTestId('speed')).toHaveValue('6');
  await page.getByTestId('scenario-select').selectOption('uk-network');
  await expect.poll(() => items(page).count()).toBeGreaterThan(10);
});

test('the inspector shows bad input inline and keeps the work', async ({ page }) => {
  await openApp(page);
  await pause(page);
  await items(page).filter({ hasText: 'FC Coalville' }).click();
  const cap = page.getByTestId('inspector-capacity');
  await cap.fill('fast');
  await cap.press('Enter');
  await expect(page.getByTestId('inspector')).toContainText('"fast" is not a number');
  await cap.fill('-5');
  await cap.press('Enter');
  // Named as a person knows it, in the list and beside the field.
  await expect(page.getByTestId('problems')).toContainText('Facility FC Coalville · capacity per hour: must be a finite number > 0, got -5');
  await expect(page.getByTestId('facility-problems')).toHaveText('capacity per hour: must be a finite number > 0, got -5');
  await page.getByTestId('map').focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('problems')).toHaveCount(0);
});

test('zoom buttons and the wheel change the view', async ({ page }) => {
  await openApp(page);
  await pause(page);
  const h0 = await canvasHash(page);
  await page.getByTestId('zoom-in').click();
  await expect.poll(() => canvasHash(page)).not.toBe(h0);
  const h1 = await canvasHash(page);
  const box = await page.getByTestId('map').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 400);
  await expect.poll(() => canvasHash(page)).not.toBe(h1);
  await page.getByTestId('fit').click();
});

test('work survives a reload', async ({ page }) => {
  await openApp(page);
  await pause(page);
  const before = await items(page).count();
  await page.getByTestId('palette-customer-zone').focus();
  await page.keyboard.press('Enter');
  await expect(items(page)).toHaveCount(before + 1);
  await page.reload();
  await expect(items(page)).toHaveCount(before + 1);
});

test('the perf overlay reports frame time and events', async ({ page }) => {
  await openApp(page, '?perf=1');
  await expect(page.getByTestId('perf')).toContainText('fps', { timeout: 10_000 });
  await expect(page.getByTestId('perf')).toContainText('ms/frame');
});

test('connect a lane from the inspector and change its mode', async ({ page }) => {
  await openApp(page);
  await pause(page);
  await items(page).filter({ hasText: 'Delivery station Leeds' }).click();
  const lanes = page.getByTestId('inspector-lanes').locator('li');
  const n = await lanes.count();
  await page.getByTestId('inspector-connect').selectOption({ label: 'Newcastle NE' });
  await expect(lanes).toHaveCount(n + 1);
  await lanes.filter({ hasText: 'Newcastle NE' }).getByRole('button').click();
  await expect(page.getByTestId('inspector')).toContainText('Lane');
  await page.getByTestId('inspector-mode').selectOption('diesel_van');
  await expect(page.getByTestId('inspector-mode')).toHaveValue('diesel_van');
  await expect(page.getByTestId('inspector')).toContainText('tailpipe emissions');
});

test('a two-finger pinch zooms the map', async ({ page }) => {
  await openApp(page);
  await pause(page);
  const box = await page.getByTestId('map').boundingBox();
  const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
  // Scale-bar length in km tells the zoom: it shrinks when zooming in.
  const scale0 = await page.getByTestId('scale').innerText();
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, d) => cdp.send('Input.dispatchTouchEvent', {
    type,
    touchPoints: type === 'touchEnd' ? [] : [{ x: cx - d, y: cy, id: 1 }, { x: cx + d, y: cy, id: 2 }],
  });
  await touch('touchStart', 40);
  for (let d = 50; d <= 200; d += 15) await touch('touchMove', d);
  await touch('touchEnd', 0);
  await expect(page.getByTestId('scale')).not.toHaveText(scale0);
  const km = (t) => Number(t.replace(/[^0-9.]/g, ''));
  expect(km(await page.getByTestId('scale').innerText())).toBeLessThan(km(scale0));
});

test('click a vehicle to see where it is going and what it carries', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('speed').selectOption({ label: '1 day / s' });
  await expect.poll(() => num(page, 'kpi-delivered'), { timeout: 10_000 }).toBeGreaterThan(500);
  await pause(page);
  // Vehicles are drawn opaque in their mode's colour; lanes are translucent.
  const modeColours = [[17, 122, 101], [39, 174, 96], [97, 106, 107], [160, 64, 0], [108, 52, 131]];
  // Vehicles come and go: let the clock run a little until one is in the clear.
  const hit = await findVehicle(page, modeColours);
  expect(hit, 'a vehicle on the canvas').not.toBeNull();
  await page.getByTestId('map-canvas').click({ position: hit });
  await expect(page.getByTestId('inspector-vehicle')).toContainText('units');
  await expect(page.getByTestId('inspector-vehicle')).toContainText('arrives');
});

test('click a van to list its parcels, then one to follow its order on the map', async ({ page }) => {
  await zoomOnStationAfterADay(page);
  // Diesel and electric vans: parcel vehicles.
  const hit = await findVehicle(page, [[160, 64, 0], [39, 174, 96]]);
  expect(hit, 'a van on the canvas').not.toBeNull();
  await page.getByTestId('map-canvas').click({ position: hit });
  const parcels = page.getByTestId('vehicle-parcels').getByTestId('parcel');
  await expect(parcels.first()).toContainText(/Order \d+ for .+ promised by Day/);
  await parcels.first().click();
  const trace = page.getByTestId('order-trace').locator('li');
  await expect(page.getByTestId('inspector-order')).toContainText(/Order \d+/);
  await expect(trace.first()).toContainText('Placed in');
  await expect(trace.filter({ hasText: 'Picked and packed at' })).toHaveCount(1);
  await expect(trace.filter({ hasText: 'Leaves' }).first()).toBeVisible();
  // The way it took is drawn on the map in magenta.
  const magenta = () => page.getByTestId('map-canvas').evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] === 194 && d[i + 1] === 24 && d[i + 2] === 91) n++;
    return n;
  });
  await expect.poll(magenta, { timeout: 5_000 }).toBeGreaterThan(50);
  await page.screenshot({ path: screenshotPath('order-trace') });
});

test('switch an FC to a learned or seasonal forecast and read its accuracy', async ({ page }) => {
  await openApp(page);
  await items(page).filter({ hasText: 'FC Tilbury' }).click();
  const forecast = page.getByTestId('inspector-forecast');
  await expect(forecast).toHaveValue('moving_average');
  // The live figures score the forecast in use once the warm-up has passed.
  await expect(page.getByTestId('inspector-live')).toContainText(/forecast \(moving_average\): WAPE \d/, { timeout: 30_000 });
  // The chart draws the forecast (blue) beside the demand (orange).
  const chartColours = () => page.getByTestId('forecast-chart').evaluate((c) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    const near = (i, [r, g, b]) => Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 40;
    let blue = 0, orange = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (near(i, [31, 119, 180])) blue++;
      if (near(i, [211, 84, 0])) orange++;
    }
    return { blue, orange };
  });
  await expect.poll(async () => Math.min(...Object.values(await chartColours())), { timeout: 30_000 }).toBeGreaterThan(50);

  await forecast.selectOption('holt_winters');
  await expect(forecast).toHaveValue('holt_winters');
  for (const id of ['inspector-alpha', 'inspector-beta', 'inspector-gamma']) {
    await expect(page.getByTestId(id)).toBeVisible();
  }
  await page.getByTestId('inspector-gamma').fill('0.4');
  await page.getByTestId('inspector-gamma').press('Enter');
  await expect(page.getByTestId('inspector-gamma')).toHaveValue('0.4');
  await expect(page.getByTestId('problems')).toHaveCount(0);
  // A weight outside (0, 1] is named beside the policy.
  await page.getByTestId('inspector-gamma').fill('1.5');
  await page.getByTestId('inspector-gamma').press('Enter');
  await expect(page.locator('fieldset.policy').getByTestId('policy-problems')).toHaveText('forecast gamma: must be in (0, 1]');
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('problems')).toHaveCount(0);

  await forecast.selectOption('learned');
  await expect(forecast).toHaveValue('learned');
  await expect(page.getByTestId('inspector-alpha')).toHaveCount(0);
  await expect(page.getByTestId('inspector-live')).toContainText(/forecast \(learned\): WAPE \d/, { timeout: 30_000 });
  // Undo takes the FC back to Holt-Winters: the run and the policy's
  // summary say so.
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('inspector-live')).toContainText(/forecast \(holt_winters\)/, { timeout: 30_000 });
  await expect(page.locator('fieldset.policy')).toContainText('forecast: holt-winters');
  // The select shows the model the policy has again, not the undone one.
  await expect(forecast).toHaveValue('holt_winters');
});

test('switch an FC to base-stock with more safety stock', async ({ page }) => {
  await openApp(page);
  await items(page).filter({ hasText: 'FC Coalville' }).click();
  await expect(page.getByTestId('inspector-live')).toContainText('holding cost £');
  await page.getByTestId('inspector-policy').selectOption('base_stock');
  await expect(page.getByTestId('inspector-policy')).toHaveValue('base_stock');
  const z = page.getByTestId('inspector-z');
  await z.fill('2.5');
  await z.press('Enter');
  await expect(page.getByTestId('inspector-z')).toHaveValue('2.5');
  await expect(page.getByTestId('problems')).toHaveCount(0);
  await expect(page.getByTestId('inspector')).toContainText('Base-stock');

  // (s, S): both numbers edit the same rule.
  await page.getByTestId('inspector-policy').selectOption('s_S');
  for (const [id, v] of [['inspector-s', '300'], ['inspector-big-s', '900']]) {
    await page.getByTestId(id).fill(v);
    await page.getByTestId(id).press('Enter');
    await expect(page.getByTestId(id)).toHaveValue(v);
  }
  await expect(page.getByTestId('inspector-s')).toHaveValue('300');
  // s above S is a problem the inspector names, inline in the policy.
  await page.getByTestId('inspector-s').fill('1200');
  await page.getByTestId('inspector-s').press('Enter');
  await expect(page.getByTestId('problems')).toBeVisible();
  const inline = page.locator('fieldset.policy').getByTestId('policy-problems');
  await expect(inline).toHaveText('rule S: S must be greater than s');
  // Fixing it clears both.
  await page.getByTestId('inspector-s').fill('100');
  await page.getByTestId('inspector-s').press('Enter');
  await expect(inline).toHaveCount(0);
  await expect(page.getByTestId('problems')).toHaveCount(0);
});

test('a bad weekday weight is one problem naming a zone, and undo clears it', async ({ page }) => {
  await openApp(page);
  await pause(page);
  // The weekly pattern is shared by all 21 zones' demand streams.
  await page.getByTestId('weekly-5').fill('-1');
  await page.getByTestId('weekly-5').press('Enter');
  const list = page.getByTestId('problems').locator('li');
  await expect(list).toHaveCount(1);
  await expect(list).toHaveText(/^Demand for London N, .* and 19 more · weekly: Saturday's weight must be a finite number >= 0, got -1$/);
  await page.getByTestId('map').focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('problems')).toHaveCount(0);
});

test('export the scenario, import a broken file, import a good one', async ({ page }) => {
  await openApp(page);
  await pause(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-scenario').click()]);
  expect(download.suggestedFilename()).toBe('uk-fulfillment-network.json');
  const fs = await import('node:fs/promises');
  const scenario = JSON.parse(await fs.readFile(await download.path(), 'utf8'));
  expect(scenario.version).toBe(1);
  const before = await items(page).count();
  expect(scenario.facilities.length).toBe(before);

  // A broken file: a clear message naming where, and the work is kept.
  await page.getByTestId('import-scenario').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"version": 1, "name": "x", "facilities": [{"id": "a", "lat": "north"}], "lanes": []}'),
  });
  await expect(page.getByTestId('status')).toContainText('Cannot open broken.json');
  await expect(page.getByTestId('status')).toContainText('facilities[0]');
  // Where it is wrong is said once, not twice.
  expect((await page.getByTestId('status').innerText()).match(/line \d+, column \d+/g)).toHaveLength(1);
  await expect(items(page)).toHaveCount(before);

  // A good one: the exported scenario with one facility fewer.
  scenario.name = 'Trimmed network';
  const gone = scenario.facilities.pop().id;
  scenario.lanes = scenario.lanes.filter((l) => l.from !== gone && l.to !== gone);
  scenario.demand = scenario.demand.filter((d) => d.zone !== gone);
  scenario.policies = (scenario.policies ?? []).filter((p) => p.facility !== gone && p.source !== gone);
  await page.getByTestId('import-scenario').setInputFiles({
    name: 'trimmed.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(scenario)),
  });
  await expect(page.getByTestId('status')).toHaveText('Opened trimmed.json');
  await expect(items(page)).toHaveCount(before - 1);

  const [report] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-report').click()]);
  const r = JSON.parse(await fs.readFile(await report.path(), 'utf8'));
  expect(r.scenario).toBe('Trimmed network');
  expect(r.conservation.supplied).toBeGreaterThanOrEqual(0);
});

test('a bad link or unreadable saved work opens the UK network with a message', async ({ page }) => {
  await openApp(page, '?scenario=no-such-thing');
  await expect(page.getByTestId('status')).toContainText('No built-in scenario named "no-such-thing"');
  await expect(page.getByTestId('scenario-select')).toHaveValue('uk-network');
  await page.evaluate(() => localStorage.setItem('supply-sandbox/scenario/v1', '{"version": 1, "facilities": ['));
  await page.reload();
  await expect(page.getByTestId('status')).toContainText('Your saved work could not be read');
  await expect.poll(() => items(page).count()).toBeGreaterThan(10);
});

test('in a narrow frame the map and the KPIs sit side by side, the palette below the map', async ({ page }) => {
  await page.setViewportSize({ width: 820, height: 600 });
  await openApp(page);
  const map = await page.getByTestId('map').boundingBox();
  expect(map.width).toBeGreaterThan(500);
  expect(map.height).toBeGreaterThan(350);
  const kpis = await page.getByTestId('tile-orders_placed').boundingBox();
  expect(kpis.x).toBeGreaterThanOrEqual(map.x + map.width - 1);
  expect(kpis.y).toBeLessThan(map.y + map.height);
  const palette = await page.getByTestId('palette-customer-zone').boundingBox();
  expect(palette.y).toBeGreaterThan(map.y + map.height - 1);
  const before = await items(page).count();
  await page.getByTestId('palette-customer-zone').focus();
  await page.keyboard.press('Enter');
  await expect(items(page)).toHaveCount(before + 1);
  await page.screenshot({ path: screenshotPath('narrow'), fullPage: true });
});

test('the KPI and demand charts draw, and the KPI chart switches metric', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('speed').selectOption({ label: '1 day / s' });
  await expect.poll(() => num(page, 'kpi-delivered'), { timeout: 10_000 }).toBeGreaterThan(100);
  const inked = (id) =>
    page.getByTestId(id).evaluate((c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) n++;
      return n;
    });
  expect(await inked('kpi-chart')).toBeGreaterThan(500);
  expect(await inked('demand-chart')).toBeGreaterThan(500);
  await pause(page);
  const hash = () =>
    page.getByTestId('kpi-chart').evaluate((c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let h = 0;
      for (let i = 0; i < d.length; i += 53) h = (h * 31 + d[i]) | 0;
      return h;
    });
  const before = await hash();
  await page.getByTestId('chart-metric').selectOption({ label: 'Cost per package' });
  await expect.poll(hash).not.toBe(before);
});

test('hovering a facility names it even when labels are hidden', async ({ page }) => {
  await openApp(page);
  await pause(page);
  // A delivery station: minor sites are unlabelled at national zoom.
  const station = await findStation(page);
  expect(station, 'a delivery station on the map').not.toBeNull();
  const ink = () =>
    page.getByTestId('map-canvas').evaluate((c, p) => {
      const dpr = c.width / c.clientWidth;
      // The label goes wherever it has room round the icon.
      const d = c.getContext('2d').getImageData((p.x - 150) * dpr, (p.y - 40) * dpr, 300 * dpr, 80 * dpr).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] === 23 && d[i + 1] === 32 && d[i + 2] === 42) n++;
      return n;
    }, station);
  const before = await ink();
  await page.getByTestId('map-canvas').hover({ position: station });
  await expect.poll(ink).toBeGreaterThan(before + 20);
});

test('the FC choice rule and weights are edited with nothing selected and kept with the scenario', async ({ page }) => {
  await openApp(page);
  await pause(page);
  await expect(page.getByTestId('fulfilment')).toBeVisible();
  await page.getByTestId('assignment-rule').selectOption('fastest_with_stock');
  await page.getByTestId('weight-co2e').fill('5');
  await page.getByTestId('weight-co2e').press('Enter');
  await expect(page.getByTestId('weight-co2e')).toHaveValue('5');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-scenario').click()]);
  const fs = await import('node:fs/promises');
  const scenario = JSON.parse(await fs.readFile(await download.path(), 'utf8'));
  expect(scenario.assignment).toBe('fastest_with_stock');
  expect(scenario.assignment_weights).toEqual({ hours: 0, gbp: 0, co2e_kg: 5 });
  await page.getByTestId('map').focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('weight-co2e')).toHaveValue('0');
});

test('heads per shift and absence are edited in the inspector and kept with the scenario', async ({ page }) => {
  await openApp(page);
  await pause(page);
  await items(page).filter({ hasText: 'FC Daventry' }).click();
  const heads = page.getByTestId('inspector-heads');
  await expect(heads).toHaveValue('');
  // Left blank, the roster is what the capacity needs; the live line says how many.
  await expect(page.getByTestId('inspector-live')).toContainText('heads per shift');
  await heads.fill('1');
  await heads.press('Enter');
  await expect(heads).toHaveValue('1');
  await expect(page.getByTestId('inspector-live')).toContainText('heads per shift 1, 1');
  await page.getByTestId('inspector-absence').fill('0.1');
  await page.getByTestId('inspector-absence').press('Enter');
  await expect(page.getByTestId('problems')).toHaveCount(0);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-scenario').click()]);
  const fs = await import('node:fs/promises');
  const scenario = JSON.parse(await fs.readFile(await download.path(), 'utf8'));
  const fc = scenario.facilities.find((f) => f.id === 'FC-DIR');
  expect(fc.shifts.map((s) => s.heads)).toEqual([1, 1]);
  expect(fc.absence_rate).toBe(0.1);
  // Zero heads is a problem named at the field; undo restores the roster.
  await heads.fill('0');
  await heads.press('Enter');
  await expect(page.getByTestId('problems')).toContainText('heads');
  await page.getByTestId('map').focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('problems')).toHaveCount(0);
});

test('click a van to see its round drawn on the map', async ({ page }) => {
  await zoomOnStationAfterADay(page);
  const BLUE = [31, 111, 235];
  const before = await colourCount(page, BLUE);
  const hit = await findVehicle(page, [[160, 64, 0], [39, 174, 96]]);
  expect(hit, 'a van on the canvas').not.toBeNull();
  await page.getByTestId('map-canvas').click({ position: hit });
  const text = page.getByTestId('inspector-vehicle');
  await expect(text).toContainText('Round:');
  await expect(text).toContainText('stops');
  await expect(text).toContainText('% share of the network');
  // The round is drawn: far more selection blue than the ring alone.
  await expect.poll(() => colourCount(page, BLUE)).toBeGreaterThan(before + 300);
  await page.screenshot({ path: screenshotPath('van-round') });
});

test('Escape and a click on empty map always lead back to the demand panel', async ({ page }) => {
  await openApp(page);
  await pause(page);
  await expect(page.getByTestId('fulfilment')).toBeVisible();
  // A lane, chosen from an FC's list of lanes: Escape clears it.
  await items(page).filter({ hasText: 'FC Daventry' }).click();
  await page.getByTestId('inspector').getByText('→ FC Dunfermline').click();
  await expect(page.getByTestId('fulfilment')).toHaveCount(0);
  await page.getByTestId('map').focus();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('fulfilment')).toBeVisible();
  // A facility: a click on empty map (open sea, bottom right) clears it.
  await items(page).filter({ hasText: 'FC Daventry' }).click();
  await expect(page.getByTestId('fulfilment')).toHaveCount(0);
  const box = await page.getByTestId('map-canvas').boundingBox();
  await page.getByTestId('map-canvas').click({ position: { x: box.width - 40, y: box.height - 40 } });
  await expect(page.getByTestId('fulfilment')).toBeVisible();
  // Dragging the map is not a click: the selection stays.
  await items(page).filter({ hasText: 'FC Daventry' }).click();
  await page.mouse.move(box.x + box.width - 40, box.y + box.height - 40);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width - 80, box.y + box.height - 60, { steps: 4 });
  await page.mouse.up();
  await expect(page.getByTestId('fulfilment')).toHaveCount(0);
});

test('zooming in on a city and wheeling out fast below the centre keeps the network in view', async ({ page }) => {
  await openApp(page);
  await pause(page);
  const box = await page.getByTestId('map-canvas').boundingBox();
  const station = await findStation(page);
  await page.mouse.move(box.x + station.x, box.y + station.y);
  for (let k = 0; k < 8; k++) await page.mouse.wheel(0, -400);
  // Out, hard, with the pointer near the bottom edge of the map.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height - 10);
  for (let k = 0; k < 12; k++) await page.mouse.wheel(0, 1200);
  // The scale bar reads a national scale and the FCs are drawn, not piled up.
  await expect(page.getByTestId('scale')).toHaveText(/\d{3,} km/);
  const orange = await colourCount(page, FC_ORANGE);
  expect(orange, 'FC icons drawn').toBeGreaterThan(200);
});

test('undo and redo are disabled until there is something to undo or redo', async ({ page }) => {
  await openApp(page);
  await pause(page);
  const [undo, redo] = [page.getByTestId('undo'), page.getByTestId('redo')];
  await expect(undo).toBeDisabled();
  await expect(redo).toBeDisabled();
  await items(page).filter({ hasText: 'FC Daventry' }).click();
  await page.getByTestId('inspector-absence').fill('0.05');
  await page.getByTestId('inspector-absence').press('Enter');
  await expect(undo).toBeEnabled();
  await expect(redo).toBeDisabled();
  await undo.click();
  await expect(undo).toBeDisabled();
  await expect(redo).toBeEnabled();
  await redo.click();
  await expect(redo).toBeDisabled();
  await expect(page.getByTestId('inspector-absence')).toHaveValue('0.05');
});

test('a status message is read out politely and clears itself', async ({ page }) => {
  await openApp(page);
  await pause(page);
  const status = page.getByTestId('status');
  await expect(status).toHaveAttribute('aria-live', 'polite');
  await page.getByTestId('reset').click();
  await expect(status).toHaveText('Reset to day 1, 00:00');
  await expect(status).toHaveText('', { timeout: 15_000 });
  await expect(status).toBeHidden();
});

test('Shipment Zero: an electric last mile counts only where the stock came electric too', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('speed').selectOption({ label: '1 day / s' });
  await expect.poll(() => num(page, 'kpi-delivered'), { timeout: 10_000 }).toBeGreaterThan(2000);
  await pause(page);
  const before = { legs: await num(page, 'kpi-net-zero'), shipments: await num(page, 'kpi-shipment-zero') };
  // Most legs are electric, few shipments are electric end to end.
  expect(before.shipments).toBeLessThan(before.legs - 20);
  // Castle Bromwich's stock comes from Coalville by electric HGV all the way:
  // electrifying its diesel vans to Birmingham makes those shipments net-zero.
  await items(page).filter({ hasText: 'Delivery station Castle Bromwich' }).click();
  await page.getByTestId('inspector-lanes').locator('li').filter({ hasText: 'Birmingham B' }).getByRole('button').click();
  await expect(page.getByTestId('inspector-mode')).toHaveValue('diesel_van');
  await page.getByTestId('inspector-mode').selectOption('electric_van');
  await expect.poll(() => num(page, 'kpi-shipment-zero'), { timeout: 10_000 }).toBeGreaterThan(before.shipments + 3);
  expect(await num(page, 'kpi-net-zero')).toBeGreaterThan(before.legs);
  // Undo puts the diesel vans back, and the share with them.
  await page.getByTestId('undo').click();
  await expect.poll(() => num(page, 'kpi-shipment-zero'), { timeout: 10_000 }).toBe(before.shipments);
});

test('packaging: turning right-sizing off fills the parcels with air and uses more board', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('speed').selectOption({ label: '1 day / s' });
  await expect.poll(() => num(page, 'kpi-delivered'), { timeout: 10_000 }).toBeGreaterThan(2000);
  await pause(page);
  const figures = page.getByTestId('packaging-figures');
  // While an edit replays the run to now, the line may say nothing is packed yet.
  const read = async () => {
    const m = (await figures.innerText()).match(/([\d,]+) parcels, (\d+) g of board each .*?(\d+) % of their volume air/);
    return m ? { parcels: Number(m[1].replace(/,/g, '')), board: Number(m[2]), air: Number(m[3]) } : { air: NaN };
  };
  const on = await read();
  expect(on.parcels).toBeGreaterThan(2000);
  await expect(page.getByTestId('default-box')).toBeDisabled();
  await page.getByTestId('right-sizing').uncheck();
  await expect(page.getByTestId('default-box')).toBeEnabled();
  await expect(page.getByTestId('default-box')).toHaveValue('Medium');
  await expect.poll(async () => (await read()).air, { timeout: 10_000 }).toBeGreaterThan(on.air + 10);
  const off = await read();
  expect(off.board).toBeGreaterThan(on.board * 1.3);
  // A bigger default box: more air still.
  await page.getByTestId('default-box').selectOption('Large');
  await expect.poll(async () => (await read()).air, { timeout: 10_000 }).toBeGreaterThan(off.air + 5);
  await page.getByTestId('undo').click();
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('right-sizing')).toBeChecked();
  await expect.poll(async () => (await read()).air, { timeout: 10_000 }).toBe(on.air);
});

test('service by zone, SKU class and channel: a starved delivery station shows in its zone', async ({ page }) => {
  await openApp(page);
  await pause(page);
  // Starve Castle Bromwich, which serves Birmingham.
  await items(page).filter({ hasText: 'Delivery station Castle Bromwich' }).click();
  const capacity = page.getByTestId('inspector-capacity');
  await capacity.fill('1500');
  await capacity.press('Enter');
  await page.keyboard.press('Escape');
  await page.getByTestId('speed').selectOption({ label: '1 day / s' });
  await play(page);
  await expect.poll(() => page.getByTestId('sim-clock').innerText(), { timeout: 15_000 }).toMatch(/Day [4-9]/);
  await pause(page);
  await page.getByTestId('breakdown').locator('summary').click();
  const rows = page.getByTestId('breakdown-row');
  await expect(rows).toHaveCount(21);
  const onTime = async (name) => Number((await rows.filter({ hasText: name }).locator('td').nth(1).innerText()));
  const network = await num(page, 'kpi-on-time');
  expect(await onTime('Birmingham B')).toBeLessThan(network - 30);
  expect(await onTime('Manchester M')).toBeGreaterThan(network - 5);
  await page.getByTestId('breakdown-by').selectOption({ label: 'SKU class (ABC)' });
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText('A');
  await page.getByTestId('breakdown-by').selectOption({ label: 'Channel' });
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(2)).toContainText('multi-channel');
});

test('sales channels: a same-day multi-channel promise makes those orders late, not own retail; sellers pay fees', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('speed').selectOption({ label: '1 day / s' });
  await expect.poll(() => page.getByTestId('sim-clock').innerText(), { timeout: 15_000 }).toMatch(/Day [4-9]/);
  await pause(page);
  await page.getByTestId('breakdown').locator('summary').click();
  await page.getByTestId('breakdown-by').selectOption({ label: 'Channel' });
  const rows = page.getByTestId('breakdown-row');
  await expect(rows).toHaveCount(3);
  const onTime = async (name) => Number((await rows.filter({ hasText: name }).locator('td').nth(1).innerText()));
  const before = await onTime('multi-channel');
  const own = await onTime('own retail');
  await expect(page.getByTestId('channel-figures')).toContainText(/£[\d,]+ in seller fees/);
  await expect(page.getByTestId('multichannel-promise')).toHaveValue('zone');
  // Every multi-channel order due the same day: many more are late.
  await page.getByTestId('multichannel-promise').selectOption({ label: 'Same day' });
  await expect.poll(() => onTime('multi-channel'), { timeout: 10_000 }).toBeLessThan(before - 10);
  // Own retail keeps its promise: it moves only as the FC choice shifts
  // around the multi-channel orders.
  expect(Math.abs((await onTime('own retail')) - own)).toBeLessThan(2);
  await page.getByTestId('channel-priority').selectOption({ label: 'Our site first' });
  await expect(page.getByTestId('channel-priority')).toHaveValue('site_first');
  await page.getByTestId('undo').click();
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('multichannel-promise')).toHaveValue('zone');
  await expect(page.getByTestId('channel-priority')).toHaveValue('first_come');
  await expect.poll(() => onTime('multi-channel'), { timeout: 10_000 }).toBe(before);
});

test('disrupt: closing a delivery station from now makes its zone late, and the panel lists it with its recovery', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('speed').selectOption({ label: '1 day / s' });
  await expect.poll(() => page.getByTestId('sim-clock').innerText(), { timeout: 15_000 }).toMatch(/Day [3-9]/);
  await pause(page);
  await items(page).filter({ hasText: 'Delivery station Castle Bromwich' }).click();
  await page.getByTestId('disrupt-hours').fill('48');
  await page.getByTestId('disrupt-hours').press('Tab');
  await page.getByTestId('disrupt-outage').click();
  await page.keyboard.press('Escape');
  const item = page.getByTestId('disruption-item');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('outage at DS-BHM');
  await play(page);
  await expect.poll(() => page.getByTestId('sim-clock').innerText(), { timeout: 20_000 }).toMatch(/Day ([7-9]|1\d)/);
  await pause(page);
  // Birmingham's orders were due while its station was shut.
  await page.getByTestId('breakdown').locator('summary').click();
  const rows = page.getByTestId('breakdown-row');
  const onTime = async (name) => Number((await rows.filter({ hasText: name }).locator('td').nth(1).innerText()));
  await expect.poll(() => onTime('Birmingham B'), { timeout: 10_000 }).toBeLessThan((await onTime('Manchester M')) - 10);
  await expect(item).toContainText(/worst day [\d.]+ %/);
  // Undo takes the outage away and Birmingham is served like Manchester again.
  await page.getByTestId('undo').click();
  await expect(item).toHaveCount(0);
  await expect.poll(async () => (await onTime('Manchester M')) - (await onTime('Birmingham B')), { timeout: 10_000 }).toBeLessThan(10);
});

test('borders: London served from an FC across the border waits at customs and runs late; a low-emission zone bars diesel vans; Undo restores', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('scenario-select').selectOption('pan-eu');
  await expect(page.getByTestId('regulation')).toBeVisible();
  await page.getByTestId('speed').selectOption({ label: '1 day / s' });
  await expect.poll(() => page.getByTestId('sim-clock').innerText(), { timeout: 15_000 }).toMatch(/Day [3-9]/);
  await pause(page);
  await page.getByTestId('breakdown').locator('summary').click();
  const rows = page.getByTestId('breakdown-row');
  const onTime = async (name) => Number((await rows.filter({ hasText: name }).locator('td').nth(1).innerText()));
  const before = await onTime('London');
  expect(before).toBeGreaterThan(95);
  const figures = page.getByTestId('regulation-figures');
  await expect(figures).toContainText(/customs crossings/);
  // A day's wait at the border with France.
  const border = page.getByTestId('border').filter({ hasText: 'GB–FR' });
  await border.getByTestId('border-delay-0').fill('24');
  await border.getByTestId('border-delay-0').press('Tab');
  // London's own FC moved to France: every London parcel now crosses.
  await items(page).filter({ hasText: 'FC Daventry' }).click();
  await page.getByTestId('inspector-country').fill('FR');
  await page.getByTestId('inspector-country').press('Tab');
  await page.locator(':focus').blur();
  await page.keyboard.press('Escape');
  await expect.poll(() => onTime('London'), { timeout: 10_000 }).toBeLessThan(before - 20);
  await expect.poll(async () => Number((await figures.innerText()).match(/mean wait of ([\d.]+) h/)[1]), { timeout: 10_000 }).toBeGreaterThan(12);
  // London's low-emission zone bars diesel vans: its van lane must change.
  await page.getByTestId('facility-list').getByRole('button', { name: 'London', exact: true }).click();
  await page.getByTestId('inspector-lez').selectOption('bar');
  await expect(page.getByTestId('problems')).toContainText('barred');
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('problems')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.getByTestId('undo').click();
  await page.getByTestId('undo').click();
  await expect.poll(() => onTime('London'), { timeout: 10_000 }).toBe(before);
});

test('ocean: with the port\'s ETA updates off the planner expedites by the schedule and fewer orders are filled; expedite from nowhere, fewer still; Undo restores', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('scenario-select').selectOption('ocean-inbound');
  await page.getByTestId('speed').selectOption({ label: '1 week / s' });
  await expect.poll(() => page.getByTestId('sim-clock').innerText(), { timeout: 40_000 }).toMatch(/Day (1[2-9]\d)/);
  await pause(page);
  const fill = async () => Number(await page.getByTestId('kpi-fill-rate').innerText());
  const seen = await fill();
  expect(seen).toBeGreaterThan(97);
  // The port's visibility off: the planner plans with the schedule.
  await items(page).filter({ hasText: 'Port of Rotterdam' }).click();
  await page.getByTestId('inspector-eta-updates').fill('0');
  await page.getByTestId('inspector-eta-updates').press('Tab');
  await expect.poll(fill, { timeout: 20_000 }).toBeLessThan(seen - 4);
  const blind = await fill();
  // The FC expedites from nowhere: late vessels empty the shelves.
  await items(page).filter({ hasText: 'FC Venlo' }).click();
  await expect(page.getByTestId('inspector-expedite')).toHaveValue('SUP-PL');
  await page.getByTestId('inspector-expedite').selectOption('');
  await expect.poll(fill, { timeout: 20_000 }).toBeLessThan(blind - 10);
  await page.getByTestId('undo').click();
  await page.getByTestId('undo').click();
  await expect.poll(fill, { timeout: 20_000 }).toBe(seen);
});

test('competition: a same-day competitor takes orders from our slower zones, a two-day one gives them; Undo restores', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('speed').selectOption({ label: '1 day / s' });
  await expect.poll(() => page.getByTestId('sim-clock').innerText(), { timeout: 15_000 }).toMatch(/Day [4-9]/);
  await pause(page);
  const placed = async () => Number((await page.getByTestId('kpi-orders').innerText()).replace(/,/g, ''));
  const before = await placed();
  const figures = page.getByTestId('competition-figures');
  const average = async () => Number((await figures.innerText()).match(/([+-][\d.]+) % on average/)[1]);
  await expect(page.getByTestId('competitor-promise')).toHaveValue('none');
  await page.getByTestId('competitor-promise').selectOption({ label: 'Same day' });
  await expect(figures).toContainText('on average');
  expect(await average()).toBeLessThan(0);
  await expect.poll(placed, { timeout: 10_000 }).toBeLessThan(before);
  await page.getByTestId('competitor-promise').selectOption({ label: 'Two day' });
  await expect.poll(average, { timeout: 10_000 }).toBeGreaterThan(0);
  await expect.poll(placed, { timeout: 10_000 }).toBeGreaterThan(before);
  await page.getByTestId('undo').click();
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('competitor-promise')).toHaveValue('none');
  await expect(figures).toHaveText('');
  await expect.poll(placed, { timeout: 10_000 }).toBe(before);
});
