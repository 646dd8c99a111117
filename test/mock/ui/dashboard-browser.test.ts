import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type RunningMock, startMockServer } from '../../../src/mock/index.js';
import { launchChromium } from '../../helpers/chromium.js';

// The dashboard at /__mock/ui in real headless Chromium (one browser for the file): it shows every
// task, follows changes made by another client without a reload, shows near misses, moves the
// clock with its buttons, escapes what clients sent, masks secrets, requests nothing outside the
// mock, and passes axe's WCAG 2 A/AA checks at 1280 and 390 px, light and dark.

const START = '2026-01-15T12:00:00Z';
const PASSWORD = 'CANARY-pass-5b21e0';
const XSS = '<img src=x onerror="window.__pwned=1">';
const WAIT = { timeout: 20_000 };

let mock: RunningMock;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const requested: string[] = [];
const pageErrors: string[] = [];

const post = (path: string, fields: Record<string, string>) =>
  fetch(`${mock.url}${path}`, { method: 'POST', body: new URLSearchParams(fields) });

/** Waits until the element shows the text (the page follows the mock on its own; no sleeps, no eval: the page's CSP forbids it). */
const shows = (selector: string, text: string | RegExp) => page.locator(selector, { hasText: text }).waitFor(WAIT);

async function axeViolations(target: Page): Promise<string[]> {
  const axe = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  // evaluated through the DevTools protocol: the page's own policy would (rightly) refuse an injected script
  await target.evaluate(await readFile(axe, 'utf8'));
  return (await target.evaluate(`axe
    .run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((result) => result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id + ': ' + v.help + ' (' + v.nodes.map((n) => n.target.join(' ')).join(', ') + ')'))`)) as string[];
}

beforeAll(async () => {
  browser = await launchChromium(); // first: without a browser, fail at once with what to install
  mock = await startMockServer({ port: 0, clock: START, password: PASSWORD });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.on('request', (request) => requested.push(request.url()));
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(mock.uiUrl!);
  await page.locator('#live', { hasText: 'Live.' }).waitFor(WAIT);
  await page.locator('#task-rows tr').first().waitFor(WAIT);
  await page.evaluate('window.__sameDocument = true');
}, 60_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await mock?.close();
});

describe('the dashboard in Chromium', () => {
  it('is served with a strict Content-Security-Policy and can be turned off', async () => {
    const res = await fetch(mock.uiUrl!);
    expect(res.status).toBe(200);
    const policy = res.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toMatch(/script-src 'sha256-[^']+'(;|$)/);
    const off = await startMockServer({ port: 0, ui: false });
    try {
      expect(off.uiUrl).toBeUndefined();
      const answer = await fetch(`${off.url}/__mock/ui`);
      expect(await answer.text()).not.toContain('<html');
    } finally {
      await off.close();
    }
  });

  it('shows every task: title, type, state, schedule in words and as Quartz, next fire times, a link to its JSON', async () => {
    const { tasks } = mock.state();
    expect(await page.locator('#task-rows tr').count()).toBe(tasks.length);
    for (const task of tasks) {
      const row = page.locator(`#task-rows tr[data-task-id="${task.taskId}"]`);
      const text = (await row.textContent()) ?? '';
      expect(text).toContain(task.taskTitle);
      expect(text).toContain(task.taskType);
      expect(text).toContain(task.taskState);
      expect(text).toContain(task.cronExpression);
      expect(text).toContain('(UTC)');
      const href = await row.locator('a').getAttribute('href');
      const document = (await (await fetch(new URL(href!, mock.url))).json()) as { taskId: string };
      expect(document.taskId).toBe(task.taskId);
    }
    const hourly = tasks.find((t) => t.cronExpression === '0 0 * * * ?')!;
    const hourlyRow = page.locator(`#task-rows tr[data-task-id="${hourly.taskId}"]`);
    expect(await hourlyRow.textContent()).toContain('Every hour');
    expect(await hourlyRow.textContent()).toContain('2026-01-15 13:00:00 UTC'); // the next firing
  });

  it('follows POST /__mock/clock advance=P1D from another client: the new day and its runs, no reload', async () => {
    const res = await post('/__mock/clock', { advance: 'P1D' });
    expect(res.status).toBe(200);
    await shows('#clock-now', '2026-01-16 12:00:00');
    const { tasks, runs } = mock.state();
    const hourly = tasks.find((t) => t.cronExpression === '0 0 * * * ?')!;
    const newest = runs[hourly.taskId]!.at(-1)!;
    expect(String(newest.created)).not.toBe('');
    await page.locator(`#timeline .run[data-run-id="${newest.runId}"]`).waitFor(WAIT);
    // a run of the day that passed, finished: drawn with its status
    const earlier = runs[hourly.taskId]!.find(
      (r) => r.status === 'succeeded' && Number(r.created) > Date.parse(START),
    )!;
    await expect(
      page.locator(`#timeline .run[data-run-id="${earlier.runId}"]`).getAttribute('class'),
    ).resolves.toContain('status-succeeded');
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
  });

  it("shows a run's result on focus and on hover, and the arrow keys move between runs", async () => {
    const focused = page.locator('#timeline .run[tabindex="0"]');
    await focused.focus();
    const label = (await focused.getAttribute('aria-label'))!;
    expect(await page.locator('#run-detail').textContent()).toBe(label);
    await page.keyboard.press('Home');
    const first = await page.evaluate('document.activeElement.getAttribute("aria-label")');
    expect(first).not.toBe(label);
    expect(await page.locator('#run-detail').textContent()).toBe(first);
    await page.keyboard.press('ArrowRight');
    const second = await page.evaluate('document.activeElement.getAttribute("aria-label")');
    expect(second).not.toBe(first);
    expect(await page.locator('#run-detail').textContent()).toBe(second);
    const other = page.locator('#timeline .run').first();
    await other.hover();
    const hovered = (await other.getAttribute('aria-label'))!;
    await shows('#run-detail', hovered);
    expect(hovered).toMatch(/succeeded|failed|skipped|scheduled|executing/);
  });

  it('zooms the timeline out to 7 days, where a week of firings ahead shows', async () => {
    const before = await page.locator('#timeline line.firing').count();
    await page.getByRole('button', { name: '±7 days' }).click();
    // more firings drawn ('attached': a vertical line has no width, so it is never "visible")
    await page
      .locator('#timeline line.firing')
      .nth(before)
      .waitFor({ ...WAIT, state: 'attached' });
    expect(await page.getByRole('button', { name: '±7 days' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: '±24 hours' }).click();
    await page
      .locator('#timeline .run')
      .nth(before)
      .waitFor({ ...WAIT, state: 'detached' });
  });

  it('marks an unmatched request with its near miss, escapes what the client sent and masks secrets', async () => {
    await fetch(`${mock.url}/arcgis/admin/system/taks?f=json`);
    await post('/arcgis/admin/system/tasks/nope/frobnicate', { note: XSS });
    await post('/arcgis/sharing/rest/generateToken', { username: 'admin', password: PASSWORD, f: 'json' });
    const row = page.locator('#journal-rows tr.unmatched', { hasText: '/arcgis/admin/system/taks' });
    await row.waitFor(WAIT);
    expect(await row.textContent()).toContain('Near miss');
    expect(await row.textContent()).toContain('listTasks');
    const xssRow = page.locator('#journal-rows tr', { hasText: 'frobnicate' });
    await xssRow.waitFor(WAIT);
    await xssRow.locator('summary').click();
    expect(await xssRow.locator('pre').textContent()).toContain('<img src=x onerror=');
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await page.locator('#journal-rows img').count()).toBe(0);
    const token = page.locator('#journal-rows tr', { hasText: 'generateToken' });
    await token.waitFor(WAIT);
    expect(await page.content()).not.toContain(PASSWORD);
    await token.locator('summary').click();
    expect(await token.locator('pre').textContent()).toContain('********');
    // the journal's own filters
    await page.locator('#journal-filter select[name="unmatched"]').selectOption('true');
    await page
      .locator('#journal-rows tr:not(.unmatched)')
      .first()
      .waitFor({ ...WAIT, state: 'detached' });
    expect(await page.locator('#journal-rows tr.unmatched').count()).toBe(2);
    await page.locator('#journal-filter select[name="unmatched"]').selectOption('');
  });

  it('moves the clock with its buttons, through the control endpoints', async () => {
    const before = mock.clock.now();
    await page.getByRole('button', { name: '+1 hour' }).click();
    await shows('#clock-now', '2026-01-16 13:00:00');
    expect(mock.clock.now()).toBe(before + 3_600_000);
    await page.getByRole('button', { name: '+7 days' }).focus();
    await page.keyboard.press('Enter');
    await shows('#clock-now', '2026-01-23 13:00:00');
    await page.locator('#set-instant').fill('2026-02-01T08:30:00Z');
    await page.locator('#set-instant').press('Enter');
    await shows('#clock-now', '2026-02-01 08:30:00');
    expect(mock.clock.read().now).toBe('2026-02-01T08:30:00.000Z');
    await page.getByRole('button', { name: 'Resume' }).click();
    await shows('#clock-state', /^running$/);
    expect(mock.clock.isFrozen).toBe(false);
    await page.getByRole('button', { name: 'Freeze' }).click();
    await shows('#clock-state', /^frozen$/);
    expect(mock.clock.isFrozen).toBe(true);
    await page.locator('#set-instant').fill('not a time');
    await page.locator('#set-instant').press('Enter');
    await page.locator('#status.error').waitFor(WAIT);
  });

  it('sets an outcome ("the next nightly backup fails"), loads a scenario and resets', async () => {
    await page.getByRole('button', { name: 'The next nightly backup fails' }).click();
    await shows('#outcome-list', 'every CreateBackup task: failed');
    expect(mock.outcomes.list()).toEqual([{ target: { taskType: 'CreateBackup' }, outcome: 'failed', timesLeft: 1 }]);
    await page.getByRole('button', { name: 'Clear every rule' }).click();
    await shows('#outcome-list', 'None');
    expect(mock.outcomes.list()).toEqual([]);
    await page.locator('#scenario-select').selectOption('failed-backup');
    await page.getByRole('button', { name: 'Load' }).click();
    await shows('#scenario-name', /^failed-backup$/);
    // the name and the tasks are rendered from one view
    expect(await page.locator('#task-rows tr').count()).toBe(mock.state().tasks.length);
    await page.getByRole('button', { name: 'Reset the mock' }).click();
    await shows('#status', 'Mock reset.');
  });

  it('passes axe-core WCAG 2 A/AA (no serious or critical violation) at 1280 and 390 px, light and dark', async () => {
    expect(await axeViolations(page)).toEqual([]);
    const narrow = await context.newPage();
    try {
      await narrow.setViewportSize({ width: 390, height: 844 });
      await narrow.emulateMedia({ colorScheme: 'dark' });
      await narrow.goto(mock.uiUrl!);
      await narrow.locator('#task-rows tr').first().waitFor(WAIT);
      expect(await narrow.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      const background = await narrow.evaluate('getComputedStyle(document.body).backgroundColor');
      expect(background).not.toBe(await page.evaluate('getComputedStyle(document.body).backgroundColor'));
      expect(await axeViolations(narrow)).toEqual([]);
    } finally {
      await narrow.close();
    }
  });

  it('requested nothing outside the mock, and the dashboard journaled none of its own requests', () => {
    const origin = new URL(mock.url).origin;
    expect(requested.length).toBeGreaterThan(3);
    expect(requested.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(requested.some((url) => url.includes('/__mock/ui/events'))).toBe(true);
    expect(mock.requests().filter((r) => r.path.startsWith('/__mock'))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
