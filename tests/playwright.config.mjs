// End-to-end suite: Debian's Chromium (never a downloaded browser) against the
// release build that `cargo xtask test` serves on loopback at SANDBOX_URL.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './e2e',
  testMatch: /.*\.spec\.mjs/,
  outputDir: '../target/e2e-results',
  reporter: 'list',
  timeout: 30_000,
  workers: 2,
  use: {
    baseURL: process.env.SANDBOX_URL ?? 'http://127.0.0.1:8080/',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
