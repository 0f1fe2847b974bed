// Experiment benchmark (not a test): a sweep of 20 points × 10
// replications of uk-network over 28 days, run in the page's experiment
// workers in headless Debian Chromium; then the exported spec run by the
// native CLI in one process and as 2 shards at once (merged, and checked
// byte for byte against the page's result). Prints the wall times.
//
//   node tests/bench/experiment-sweep.mjs <base-url> <supply-cli>
import { chromium } from '@playwright/test';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base = 'http://127.0.0.1:8080/', cli = 'target/release/supply-cli'] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'experiment-sweep-'));

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(base);
await page.getByTestId('experiments-open').click();
const set = async (id, v) => {
  await page.getByTestId(id).fill(String(v));
  await page.getByTestId(id).press('Enter');
};
await set('experiment-replications', 10);
await set('experiment-days', 28);
await page.getByTestId('sweep-first-knob').selectOption('policies[0].rule.z');
await set('sweep-first-from', 0);
await set('sweep-first-to', 4.75);
await set('sweep-first-steps', 20);
await page.getByTestId('sweep-run').click();
const took = page.getByTestId('experiment-took');
await took.waitFor({ timeout: 1_800_000 });
const pageMs = Number(await took.getAttribute('data-ms'));
const workers = (await took.innerText()).match(/on (\d+) worker/)[1];
const download = async (id) => {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(id).click()]);
  const path = join(dir, d.suggestedFilename());
  await d.saveAs(path);
  return path;
};
const spec = await download('experiment-export-spec');
const pageResult = readFileSync(await download('experiment-export-json'), 'utf8');
await browser.close();

const wall = (f) => {
  const t = process.hrtime.bigint();
  const out = f();
  return [Number(process.hrtime.bigint() - t) / 1e6, out];
};
const [cliMs, cliResult] = wall(() => execFileSync(cli, ['experiment', spec], { encoding: 'utf8', maxBuffer: 1 << 28 }));

const shard = (i, n) =>
  new Promise((resolve, reject) => {
    const file = join(dir, `shard-${i}.jsonl`);
    const p = spawn(cli, ['experiment', spec, '--shard', `${i}/${n}`]);
    const chunks = [];
    p.stdout.on('data', (c) => chunks.push(c));
    p.on('close', (code) => (code === 0 ? (writeFileSync(file, Buffer.concat(chunks)), resolve(file)) : reject(code)));
  });
const t0 = process.hrtime.bigint();
const files = await Promise.all([shard(1, 2), shard(2, 2)]);
const merged = execFileSync(cli, ['merge', spec, ...files], { encoding: 'utf8', maxBuffer: 1 << 28 });
const shardsMs = Number(process.hrtime.bigint() - t0) / 1e6;

console.log(JSON.stringify({
  runs: 210,
  page_ms: Math.round(pageMs),
  page_workers: Number(workers),
  cli_ms: Math.round(cliMs),
  page_over_cli: +(pageMs / cliMs).toFixed(2),
  two_shards_and_merge_ms: Math.round(shardsMs),
  two_shards_over_one: +(shardsMs / cliMs).toFixed(2),
  page_equals_cli: pageResult === cliResult,
  merge_equals_cli: merged === cliResult,
}, null, 2));
