// Shared fixtures: every test fails if the page asks for anything outside
// loopback or logs a console error. Outside requests are aborted before they
// leave the browser, and recorded.
import { test as base, expect } from '@playwright/test';

export function isLoopback(url) {
  const u = new URL(url);
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return true;
  return u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
}

export const test = base.extend({
  guard: [
    async ({ context, page }, use) => {
      const guard = { outside: [], consoleErrors: [] };
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (isLoopback(url)) return route.continue();
        guard.outside.push(url);
        return route.abort('blockedbyclient');
      });
      page.on('console', (msg) => {
        if (msg.type() === 'error') guard.consoleErrors.push(msg.text());
      });
      page.on('pageerror', (err) => guard.consoleErrors.push(String(err)));
      await use(guard);
      expect(guard.outside, 'requests outside 127.0.0.1').toEqual([]);
      expect(guard.consoleErrors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/// Open the app and wait until the wasm has mounted the shell.
export async function openApp(page, query = '') {
  await page.goto(`/${query}`);
  await expect(page.locator('header h1')).toHaveText('Supply Sandbox', { timeout: 15_000 });
}

/// Summary of the map canvas pixels: how many are not the background, and
/// how many distinct colours there are.
export async function canvasStats(page) {
  return page.locator('[data-testid="map"] canvas').first().evaluate((c) => {
    const ctx = c.getContext('2d');
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    const bg = `${data[0]},${data[1]},${data[2]},${data[3]}`;
    const colours = new Set();
    let nonBackground = 0;
    for (let i = 0; i < data.length; i += 4) {
      const key = `${data[i]},${data[i + 1]},${data[i + 2]},${data[i + 3]}`;
      if (data[i + 3] === 0) continue;
      if (key !== bg) nonBackground++;
      if (colours.size < 1000) colours.add(key);
    }
    return { nonBackground, colours: colours.size, width: c.width, height: c.height };
  });
}

/// Where screenshots go: target/screenshots/ at the workspace root.
export function screenshotPath(name) {
  return new URL(`../../target/screenshots/${name}.png`, import.meta.url).pathname;
}

/// Set the play/pause toggle to playing (`on`) or paused, as a person would:
/// press it only if it is not already so.
export async function setPlaying(page, on) {
  const toggle = page.getByTestId('play-pause');
  if ((await toggle.getAttribute('aria-pressed')) !== String(on)) await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', String(on));
}
export const play = (page) => setPlaying(page, true);
export const pause = (page) => setPlaying(page, false);
