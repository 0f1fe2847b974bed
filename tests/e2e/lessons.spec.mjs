// Lessons: opened from the menu, a link or a file; the step's locks refuse
// what it does not teach; the goal is judged at its day and the debrief
// quotes the student's own figures.
import { test, expect, openApp } from './fixtures.mjs';

async function selectFacility(page, name) {
  await page.getByTestId('facility-item').filter({ hasText: name }).first().click();
  await expect(page.getByTestId('inspector-name')).toHaveValue(new RegExp(`^${name}`));
}

test('safety stock: a locked edit is refused, the goal is missed, a higher z at Daventry meets it', async ({ page }) => {
  test.setTimeout(90_000);
  await openApp(page, '?autoplay=0');
  await page.getByTestId('lesson-select').selectOption('safety-stock');
  const panel = page.getByTestId('lesson-panel');
  await expect(panel).toContainText('Lesson: Safety stock and service');
  await expect(page.getByTestId('lesson-instruction')).toContainText('FC Daventry');
  await expect(page.getByTestId('goal-condition')).toHaveCount(2);
  await expect(page.getByTestId('lesson-verdict')).toHaveAttribute('data-verdict', 'pending');

  // Another FC's policy is locked in this step, and says so.
  await selectFacility(page, 'FC Coalville');
  await page.getByTestId('inspector-z').fill('3');
  await page.getByTestId('inspector-z').press('Enter');
  await expect(page.getByTestId('status')).toContainText('locks the inventory policy at FC Coalville');
  await expect(page.getByTestId('status')).toContainText('the inventory policy at FC Daventry');
  await expect(page.getByTestId('undo')).toBeDisabled();

  // As it opens, the goal is missed at the end of day 9.
  await page.getByTestId('speed').selectOption({ label: '1 week / s' });
  await page.getByTestId('play-pause').click();
  // The introduction, folded while the run plays, stays folded.
  const intro = page.getByTestId('lesson-intro');
  await expect(intro).toHaveAttribute('open', '');
  await intro.locator('summary').click();
  await page.waitForTimeout(800);
  await expect(intro).not.toHaveAttribute('open', '');
  await expect(page.getByTestId('lesson-verdict')).toHaveAttribute('data-verdict', 'missed', { timeout: 40_000 });
  await expect(page.getByTestId('lesson-verdict')).toContainText('Not met at the end of day 9');

  // A hint, one at a time.
  await page.getByTestId('lesson-hint').click();
  await expect(page.getByTestId('lesson-hints').locator('li')).toHaveCount(1);

  // The student's edit: the run replays to now and the goal is met.
  await selectFacility(page, 'FC Daventry');
  await page.getByTestId('inspector-z').fill('3.3');
  await page.getByTestId('inspector-z').press('Enter');
  await expect(page.getByTestId('lesson-verdict')).toHaveAttribute('data-verdict', 'met', { timeout: 40_000 });
  await expect(page.getByTestId('lesson-verdict')).toContainText('Lesson complete');
  const debrief = page.getByTestId('lesson-debrief');
  await expect(debrief).toContainText(/FC Daventry now fills 9\d\.\d %/);
  await expect(debrief.getByTestId('goal-bar')).toHaveCount(2);
  await expect(page.getByTestId('goal-condition').filter({ hasText: '✓' })).toHaveCount(2);
});

test('a ?lesson= link opens the lesson and a reload keeps it', async ({ page }) => {
  await openApp(page, '?lesson=last-mile&autoplay=0');
  await expect(page.getByTestId('lesson-panel')).toContainText('The last mile');
  await expect(page.getByTestId('lesson-intro')).toContainText('DESNZ 2024');
  await page.reload();
  await expect(page.getByTestId('lesson-panel')).toContainText('The last mile');
});

test('a lesson file opens, and a broken one is refused with its path, the work kept', async ({ page }) => {
  await openApp(page, '?autoplay=0');
  const lesson = {
    lesson: 1, id: 'mine', title: 'My own lesson', intro: 'Hello class.', scenario: 'uk-network',
    steps: [{ title: 'Fast', instruction: 'Be quick.', goal: { by_day: 2, all: [{ kpi: 'on_time_rate', at_least: 0.9 }] } }],
  };
  const input = page.getByTestId('import-scenario');
  const broken = structuredClone(lesson);
  broken.steps[0].goal.all[0].kpi = 'happiness';
  await input.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  await expect(page.getByTestId('status')).toContainText('Cannot open the lesson broken.json');
  await expect(page.getByTestId('status')).toContainText('steps[0].goal.all[0].kpi');
  await expect(page.getByTestId('lesson-panel')).toHaveCount(0);
  await input.setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(lesson)) });
  await expect(page.getByTestId('lesson-panel')).toContainText('My own lesson');
  await expect(page.getByTestId('goal-condition')).toContainText('On time ≥ 90.0 %');
  // An imported lesson survives a reload, like a built-in one.
  await page.reload();
  await expect(page.getByTestId('lesson-panel')).toContainText('My own lesson');
});
