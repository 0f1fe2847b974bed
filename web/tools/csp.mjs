// Trunk post-build hook: give the built page a strict Content Security
// Policy as a <meta> tag. The only script the page runs inline is Trunk's
// loader; its SHA-256 is computed here, after the build, so the policy
// names exactly that script and nothing else inline can run.
//
//   node web/tools/csp.mjs [index.html]   (default: $TRUNK_STAGING_DIR/index.html)
//
// The same policy is sent as a header by `cargo xtask serve`'s server, with
// `frame-ancestors` added (a meta tag cannot carry it).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const file = process.argv[2] ?? join(process.env.TRUNK_STAGING_DIR ?? 'dist', 'index.html');
let html = readFileSync(file, 'utf8');

const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  ([, body]) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`,
);

export const policy = [
  "default-src 'none'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  // Style sheets from the page's own origin; style attributes (a bar's
  // width, a swatch's colour) are set by the app and carry no script.
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

html = html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
if (!/<meta charset="utf-8" \/>/.test(html)) {
  throw new Error(`${file}: no <meta charset> to put the policy after`);
}
html = html.replace(/<meta charset="utf-8" \/>/, (m) => `${m}\n    ${meta}`);
writeFileSync(file, html);
console.log(`csp: ${hashes.length} inline script(s) hashed into ${file}`);
