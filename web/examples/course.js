// @ts-check
// The course page drives the embedded sandbox through its JS API.
import { SupplySandbox } from './sandbox-client.js';

const frame = /** @type {HTMLIFrameElement} */ (document.getElementById('sandbox'));
const sandbox = new SupplySandbox(frame, window.location.origin);
const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** @param {string} text */
function log(text) {
  const li = document.createElement('li');
  li.textContent = text;
  $('log').append(li);
}

/** @param {import('./supply-sandbox-api').State | undefined} s */
function show(s) {
  if (!s) return;
  $('time').textContent = `day ${s.day}`;
  $('fill').textContent = s.kpis ? `${(s.kpis.fill_rate * 100).toFixed(1)} %` : '–';
  $('lesson').textContent = s.lesson
    ? `step ${s.lesson.step} of ${s.lesson.steps}: ${s.lesson.verdict}${s.lesson.complete ? ' (complete)' : ''}`
    : 'none';
}

sandbox.on('kpi', show);
sandbox.on('goal', (s) => {
  show(s);
  log(s?.lesson?.verdict === 'met' ? 'Goal met: well done.' : 'Goal judged: not met yet.');
});
sandbox.on('end', () => log('The run reached the end of the year.'));

async function ready() {
  await sandbox.request({ type: 'subscribe', events: ['kpi', 'goal', 'end'] });
  show(await sandbox.request({ type: 'kpis' }));
  for (const b of document.querySelectorAll('button')) b.removeAttribute('disabled');
  log('The sandbox is ready.');
}

$('start').addEventListener('click', async () => {
  await sandbox.request({ type: 'set', param: 'speed_hours_per_second', value: 168 });
  await sandbox.request({ type: 'play' });
});
$('pause').addEventListener('click', () => sandbox.request({ type: 'pause' }));
$('year').addEventListener('click', async () => {
  await sandbox.request({ type: 'seek', day: 364 });
  show(await sandbox.request({ type: 'kpis' }));
});
$('demand').addEventListener('click', async () => {
  try {
    await sandbox.request({ type: 'set', param: 'demand_multiplier', value: 2 });
    log('Demand doubled.');
  } catch (e) {
    log(`The sandbox said: ${/** @type {Error} */ (e).message}`);
  }
});

sandbox.ready().then(ready, (e) => log(String(e)));
