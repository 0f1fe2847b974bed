// Embedding: ?embed=1 fits 800×600 with the map and the KPIs together; the
// JS API answers only the origins the page declares; the example training
// page drives a lesson through it.
import http from 'node:http';
import { test, expect, openApp } from './fixtures.mjs';

function inside(box, w, h) {
  return box && box.x >= 0 && box.y >= 0 && box.x + box.width <= w + 1 && box.y + box.height <= h + 1;
}

test('?embed=1 fits 800x600 with the map and the key KPIs, and opens the full sandbox in a new tab', async ({ page, context }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await openApp(page, '?embed=1&lesson=bullwhip&autoplay=0');
  for (const id of ['map', 'tile-on_time_rate', 'tile-fill_rate', 'open-full', 'play-pause']) {
    const box = await page.getByTestId(id).boundingBox();
    expect(inside(box, 800, 600), `${id} within 800x600: ${JSON.stringify(box)}`).toBe(true);
  }
  // The lesson starts on screen, under the KPIs, in a column that scrolls.
  const lesson = await page.getByTestId('lesson-panel').boundingBox();
  expect(lesson.y).toBeLessThan(600 - 100);
  const map = await page.getByTestId('map').boundingBox();
  expect(map.width).toBeGreaterThan(400);
  await expect(page.getByTestId('palette-delivery-station')).toBeHidden();
  await expect(page.getByTestId('export-scenario')).toBeHidden();
  const [full] = await Promise.all([context.waitForEvent('page'), page.getByTestId('open-full').click()]);
  await expect(full.locator('header h1')).toHaveText('Supply Sandbox', { timeout: 15_000 });
  await expect(full.getByTestId('lesson-panel')).toContainText('The bullwhip effect');
  await expect(full.getByTestId('palette-delivery-station')).toBeVisible();
});

test('the training page drives an embedded lesson through the JS API', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('/examples/course.html');
  const log = page.getByTestId('course-log');
  await expect(log).toContainText('The sandbox is ready.', { timeout: 20_000 });
  await expect(page.getByTestId('course-lesson')).toContainText('step 1 of 1: pending');
  // The lesson locks demand: the API says so, and the page shows it.
  await page.getByTestId('course-demand').click();
  await expect(log).toContainText('The sandbox said: This lesson step locks demand');
  // Seek to the end of the year: the goal is judged (missed as the lesson opens) and the run ends.
  await page.getByTestId('course-seek').click();
  await expect(page.getByTestId('course-time')).toHaveText('day 365', { timeout: 20_000 });
  await expect(page.getByTestId('course-lesson')).toContainText('missed');
  await expect(log).toContainText('Goal judged: not met yet.');
  await expect(log).toContainText('The run reached the end of the year.');
  const frame = page.frameLocator('[data-testid=course-frame]');
  await expect(frame.getByTestId('lesson-verdict')).toHaveAttribute('data-verdict', 'missed');
});

/// A host page on another origin (a server of this test's on another
/// loopback port), with the sandbox in an iframe; returns a function that
/// sends a message and resolves with the reply, or 'no reply' after a second.
async function hostPage(page, baseURL, parentParam) {
  const app = new URL(baseURL);
  let html = '';
  const server = http.createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  page.once('close', () => server.close());
  const host = `http://127.0.0.1:${server.address().port}`;
  const src = `${app.origin}/?embed=1&autoplay=0${parentParam ? `&parent=${encodeURIComponent(host)}` : ''}`;
  html = `<!doctype html><link rel="icon" href="data:,"><iframe id="f" src="${src}" width="800" height="600"></iframe>`;
  await page.goto(`${host}/host.html`);
  await expect(page.frameLocator('#f').getByTestId('map')).toBeVisible({ timeout: 15_000 });
  return (msg) =>
    page.evaluate(
      ([msg, origin]) =>
        new Promise((resolve) => {
          const f = document.getElementById('f');
          const done = (v) => { window.removeEventListener('message', on); resolve(v); };
          const on = (ev) => { if (ev.source === f.contentWindow && ev.data && 'ok' in ev.data) done(ev.data); };
          window.addEventListener('message', on);
          f.contentWindow.postMessage(msg, origin);
          setTimeout(() => done('no reply'), 1000);
        }),
      [msg, app.origin],
    );
}

test('the JS API ignores an origin the page did not declare', async ({ page, baseURL }) => {
  const send = await hostPage(page, baseURL, false);
  expect(await send({ supplySandbox: 1, id: 1, type: 'kpis' })).toBe('no reply');
});

test('the JS API answers a declared origin, and malformed messages get an error, never a crash', async ({ page, baseURL }) => {
  const send = await hostPage(page, baseURL, true);
  const ok = await send({ supplySandbox: 1, id: 1, type: 'kpis' });
  expect(ok.ok).toBe(true);
  expect(ok.result.scenario).toBe('UK fulfillment network');
  for (const bad of ['play', 42, null, [], {}, { supplySandbox: 2, type: 'play' }, { supplySandbox: 1, type: 'fly' },
    { supplySandbox: 1, type: 'seek', day: -3 }, { supplySandbox: 1, type: 'set', param: 'demand_multiplier', value: 'lots' },
    { supplySandbox: 1, type: 'set', pointer: '/facilities/9999/name', value: 'x' }, { supplySandbox: 1, type: 'load', scenario: 'atlantis' }]) {
    const r = await send(bad);
    expect(r.ok, JSON.stringify(bad)).toBe(false);
    expect(typeof r.error).toBe('string');
  }
  // A real edit through the API, then the sandbox still answers.
  const set = await send({ supplySandbox: 1, id: 'cap', type: 'set', facility: 'FC-DIR', field: 'capacity_per_hour', value: 8000 });
  expect(set).toMatchObject({ id: 'cap', ok: true });
  const seek = await send({ supplySandbox: 1, id: 2, type: 'seek', day: 1 });
  expect(seek.result.time_h).toBe(24);
  const k = await send({ supplySandbox: 1, id: 3, type: 'kpis' });
  expect(k.result.kpis.orders_placed).toBeGreaterThan(0);
});

/// A seeded stream of random messages: the API's own words in wrong shapes,
/// wrong types, out-of-range numbers, long strings and nesting.
function* randomMessages(count, seed) {
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) % 2147483648), x / 2147483648);
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  const value = (depth = 0) => pick([
    () => null, () => true, () => next() * 1e6 - 5e5, () => -1, () => 1e308, () => NaN, () => '',
    () => 'x'.repeat(Math.floor(next() * 5000)), () => pick(['kpis', 'play', 'seek', 'set', 'load', '/facilities/0/name']),
    () => (depth < 3 ? [value(depth + 1), value(depth + 1)] : []),
    () => (depth < 3 ? { [pick(['type', 'day', 'value', 'pointer', 'field'])]: value(depth + 1) } : {}),
  ])();
  const types = ['kpis', 'play', 'pause', 'seek', 'set', 'load', 'subscribe', 'unsubscribe', 'fly', ''];
  const fields = ['id', 'day', 'param', 'value', 'pointer', 'facility', 'field', 'scenario', 'lesson', 'events', 'speed'];
  for (let i = 0; i < count; i++) {
    if (next() < 0.1) {
      yield value();
      continue;
    }
    const m = { supplySandbox: next() < 0.9 ? 1 : value(), type: next() < 0.8 ? pick(types) : value() };
    for (let k = Math.floor(next() * 4); k > 0; k--) m[pick(fields)] = value();
    // Keep seeks and loads small, so a valid one stays quick.
    if (m.type === 'seek' && typeof m.day === 'number') m.day = Math.min(Math.abs(m.day) % 3, 2);
    if (m.type === 'load') delete m.scenario;
    yield m;
  }
}

test('hundreds of random messages each get an answer and never crash the API', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const send = await hostPage(page, baseURL, true);
  let answered = 0;
  for (const msg of randomMessages(300, 20261207)) {
    const r = await send(msg);
    expect(r, JSON.stringify(msg)?.slice(0, 200)).not.toBe('no reply');
    expect(typeof r.ok, JSON.stringify(msg)?.slice(0, 200)).toBe('boolean');
    if (!r.ok) expect(typeof r.error).toBe('string');
    answered++;
  }
  expect(answered).toBe(300);
  const k = await send({ supplySandbox: 1, id: 'after', type: 'kpis' });
  expect(k).toMatchObject({ id: 'after', ok: true });
});
