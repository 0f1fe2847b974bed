// Frame-time benchmark (not a test): opens a scenario with the perf overlay in
// headless Debian Chromium (software rendering), lets it run, and prints our
// work per animation frame (sim step + draw) with the vehicles in flight.
//
//   node tests/bench/frame-time.mjs <base-url> [scenario] [seconds] [speed-label]
import { chromium } from '@playwright/test';

const [base = 'http://127.0.0.1:8080/', scenario = 'stress-vehicles', seconds = '20', speed = '1 hour / s'] =
  process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(`${base}?scenario=${scenario}&perf=1&horizon=off`);
await page.getByTestId('speed').selectOption({ label: speed });
const perf = page.getByTestId('perf');
const read = async () => {
  const a = (n) => perf.getAttribute(`data-${n}`).then(Number);
  return {
    fps: await a('fps'),
    frame_ms: await a('frame-ms'),
    sim_ms: await a('sim-ms'),
    draw_ms: await a('draw-ms'),
    max_frame_ms: await a('max-frame-ms'),
    events_per_s: await a('events-per-s'),
    vehicles: await a('vehicles'),
  };
};
const samples = [];
const end = Date.now() + Number(seconds) * 1000;
while (Date.now() < end) {
  await page.waitForTimeout(500);
  const s = await read();
  if (s.fps > 0) samples.push(s);
}
const clock = await page.getByTestId('sim-clock').innerText();
await browser.close();
const peak = samples.reduce((m, s) => Math.max(m, s.vehicles), 0);
const busy = samples.filter((s) => s.vehicles >= 0.9 * peak);
const mean = (k) => busy.reduce((t, s) => t + s[k], 0) / Math.max(1, busy.length);
const worst = busy.reduce((m, s) => Math.max(m, s.frame_ms), 0);
console.log(JSON.stringify({
  scenario, speed, sim_clock: clock, windows: busy.length, peak_vehicles: peak,
  mean_vehicles: Math.round(mean('vehicles')), fps: +mean('fps').toFixed(1),
  frame_ms: +mean('frame_ms').toFixed(2), sim_ms: +mean('sim_ms').toFixed(2), draw_ms: +mean('draw_ms').toFixed(2),
  worst_window_frame_ms: +worst.toFixed(2), events_per_s: Math.round(mean('events_per_s')),
}, null, 2));
