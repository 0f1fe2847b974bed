// Optimise-stock benchmark (not a test): a fulfilment centre stocking
// 10,000 SKUs, every one forecast by the learned model (pooled across the
// SKUs), runs its 35 days in headless Debian Chromium; then Optimise stock
// plans all 10,000 from the day-35 forecasts in the plan worker. Prints the
// worker's phases (replay, forecast and plan, run of the plan) per attempt.
//
//   node tests/bench/plan-10k.mjs <base-url> [attempts]
import { chromium } from '@playwright/test';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base = 'http://127.0.0.1:8080/', attempts = '3'] = process.argv.slice(2);
const SKUS = 10_000;

/// One supplier, one FC, one zone; 20,000 orders a day over 10,000 SKUs
/// (Zipf s = 1, so most SKUs sell a unit or less a day); periodic review
/// with the learned forecast.
function scenario() {
  return {
    version: 1,
    name: `plan ${SKUS} SKUs`,
    days: 35,
    period_hours: 24,
    stockout: 'backorder',
    product_catalog: {
      count: SKUS, prefix: 'SKU-', weight_kg: 0.5, volume_m3: 0.002, value: 20,
      backorder_cost_per_unit_day: 0.5,
    },
    facilities: [
      { id: 'sup', name: 'Supplier', kind: 'supplier', lat: 52.0, lon: -1.5, lead_time_hours: 24 },
      { id: 'fc', name: 'FC', kind: 'fulfillment_center', lat: 52.2, lon: -1.2, capacity_per_hour: 100000 },
      { id: 'z', name: 'Zone', kind: 'customer_zone', lat: 52.4, lon: -1.5, radius_km: 10, promise: 'next_day' },
    ],
    lanes: [
      { from: 'sup', to: 'fc', mode: 'diesel_hgv' },
      { from: 'fc', to: 'z', mode: 'diesel_van', dispatch: { every_hours: 2 } },
    ],
    demand: [{ zone: 'z', orders_per_day: 20000, distribution: { type: 'poisson' }, sku_mix: { type: 'zipf', s: 1.0 } }],
    policies: [{ facility: 'fc', source: 'sup', rule: { type: 'periodic', z: 1.65 }, forecast: { type: 'learned' } }],
  };
}

const file = join(mkdtempSync(join(tmpdir(), 'plan-10k-')), 'plan-10k.json');
writeFileSync(file, JSON.stringify(scenario()));

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(base);
await page.getByTestId('import-scenario').setInputFiles(file);
await page.getByTestId('speed').selectOption({ index: 5 });
// The run stops at its horizon, day 35.
await page.getByTestId('end-of-run').waitFor({ timeout: 300_000 });
await page.getByTestId('plan-open').click();
const results = [];
for (let i = 0; i < Number(attempts); i++) {
  await page.getByTestId('plan-run').click();
  const t = page.getByTestId('plan-timings');
  await t.waitFor({ timeout: 300_000 });
  const ms = async (k) => Number(await t.getAttribute(`data-${k}-ms`));
  results.push({
    replay_ms: await ms('replay'),
    forecast_and_plan_ms: await ms('plan'),
    run_of_plan_ms: await ms('run'),
    rows: await page.getByTestId('plan-row').count(),
  });
}
const clock = await page.getByTestId('sim-clock').innerText();
await browser.close();
console.log(JSON.stringify({ skus: SKUS, planned_at: clock, attempts: results }, null, 2));
