import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { packageRoot } from '../../src/contract/package-root.js';
import { launchChromium } from '../helpers/chromium.js';
import { runCli } from '../helpers/cli.js';
import { driftPact } from '../helpers/drift-pact.js';
import { type Json, SEED_TOKEN, startSeedServer } from '../verify/helpers/seed-server.js';

// The verify HTML report of a broken server, opened from file:// in real headless Chromium (one
// launch for the file): it must show what the JSON report says, expand to the curl command, filter,
// escape what the server sent, request nothing, print, and pass axe's WCAG checks.

const XSS = '<script>window.__pwned = 1</script>';
const CANARY = 'CANARY-passcode-77aa31';

interface JsonReport {
  counts: Record<'error' | 'security' | 'warning' | 'toolErrors', number>;
  tally: { endpoint: string; check: string; passed: number; failed: number; warned: number }[];
  findings: { check: string; severity: string; endpoint: string; pointer: string; message: string; curl: string }[];
}

const dir = await mkdtemp(join(tmpdir(), 'html-report-'));
const htmlFile = join(dir, 'verify.html');
let report: JsonReport;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const requests: string[] = [];

beforeAll(async () => {
  browser = await launchChromium(); // first: without a browser, fail at once with what to install
  const seed = await startSeedServer({
    mutateTask: (task: Json) => {
      if (task['taskType'] === 'CleanGPJobs') task['taskState'] = XSS; // an actual value with markup in it
      if (task['taskType'] === 'CreateBackup')
        task['parameters'] = { ...(task['parameters'] as Json), passcode: CANARY };
      return task;
    },
    // f=pjson of the runs on one line: a warning
    respond: (request, answer) =>
      request.kind === 'runs' && request.format === 'pjson' && request.auth === 'valid'
        ? { ...answer, body: JSON.stringify(JSON.parse(answer.body)) }
        : undefined,
  });
  try {
    const json = join(dir, 'verify.json');
    const result = await runCli(
      [
        'verify',
        '--base-url',
        seed.adminUrl,
        '--token',
        SEED_TOKEN,
        '--report',
        `json:${json}`,
        '--report',
        `html:${htmlFile}`,
      ],
      { env: { TASKS_CONTRACT_TOKEN: '', TASKS_CONTRACT_USERNAME: '', TASKS_CONTRACT_PASSWORD: '' } },
    );
    expect(result.code).toBe(1);
    report = JSON.parse(await readFile(json, 'utf8')) as JsonReport;
  } finally {
    await seed.close();
  }
  // bypassCSP: the escaping is proven on its own, not by the page's Content-Security-Policy
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  context.on('request', (request) => requests.push(request.url()));
  await context.route('**/*', (route) =>
    route.request().url().startsWith('file:') ? route.continue() : route.abort(),
  );
  page = await context.newPage();
  await page.goto(pathToFileURL(htmlFile).href);
});

afterAll(async () => {
  await browser?.close();
});

const visibleItems = () => page.locator('[data-item]:visible');

async function axeViolations(target: Page): Promise<string[]> {
  const axe = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  await target.addScriptTag({ content: await readFile(axe, 'utf8') });
  return (await target.evaluate(`axe
    .run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((result) => result.violations.map((v) => v.id + ': ' + v.help + ' (' + v.nodes.length + ')'))`)) as string[];
}

describe('the verify HTML report in Chromium', () => {
  it('shows the counts, the findings and the matrix of the JSON report', async () => {
    expect(report.findings.length).toBeGreaterThan(3);
    for (const severity of ['error', 'security', 'warning', 'toolErrors'] as const) {
      expect(Number(await page.locator(`[data-count="${severity}"]`).textContent())).toBe(report.counts[severity]);
      if (severity !== 'toolErrors') expect(report.counts[severity]).toBeGreaterThan(0);
    }
    expect(Number(await page.locator('[data-count="findings"]').textContent())).toBe(report.findings.length);
    expect(await page.locator('[data-item]').count()).toBe(report.findings.length);
    expect(await page.locator('#verdict').textContent()).toContain('Does not conform');
    for (const row of report.tally) {
      const cell = page.locator(`td[data-endpoint="${row.endpoint}"][data-check="${row.check}"]`);
      expect(await cell.getAttribute('data-passed')).toBe(String(row.passed));
      expect(await cell.getAttribute('data-failed')).toBe(String(row.failed));
      expect(await cell.getAttribute('data-warned')).toBe(String(row.warned));
    }
  });

  it('expands a finding to its curl command when clicked, and copies it', async () => {
    const item = page.locator('[data-item]').first();
    const curl = item.locator('code[id^="curl-"]');
    expect(await curl.isVisible()).toBe(false);
    await item.locator('summary').click();
    expect(await curl.isVisible()).toBe(true);
    const [check, severity, endpoint] = await Promise.all(
      ['data-check', 'data-severity', 'data-endpoint'].map((name) => item.getAttribute(name)),
    );
    const candidates = report.findings.filter(
      (f) => f.check === check && f.severity === severity && f.endpoint === endpoint,
    );
    expect(candidates.map((f) => f.curl)).toContain(await curl.textContent());
    await item.getByRole('button', { name: 'Copy curl command' }).click();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(await curl.textContent());
  });

  it('filters by severity, and a matrix cell narrows the list to its endpoint and check', async () => {
    await page.selectOption('select[data-filter="severity"]', 'warning');
    const warnings = report.findings.filter((f) => f.severity === 'warning');
    expect(await visibleItems().count()).toBe(warnings.length);
    for (const item of await visibleItems().all()) expect(await item.getAttribute('data-severity')).toBe('warning');
    expect(await page.locator('#filter-status').textContent()).toBe(
      `Showing ${warnings.length} of ${report.findings.length}.`,
    );

    const failing = report.tally.find((row) => row.failed > 0 && row.check === 'response-schema')!;
    await page.locator(`td[data-endpoint="${failing.endpoint}"][data-check="${failing.check}"] button`).click();
    const expected = report.findings.filter((f) => f.endpoint === failing.endpoint && f.check === failing.check);
    expect(await visibleItems().count()).toBe(expected.length);
    expect(await page.locator('select[data-filter="severity"]').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Show all' }).click();
    expect(await visibleItems().count()).toBe(report.findings.length);
  });

  it('shows markup the server sent as text, never runs it, and masks the plaintext passcode', async () => {
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('pre', { hasText: XSS }).count()).toBeGreaterThan(0);
    const text = await readFile(htmlFile, 'utf8');
    expect(text).not.toContain(XSS);
    expect(text).not.toContain(CANARY);
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(policy).toMatch(/^default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+';/);
  });

  it('requests nothing but the file itself', () => {
    expect(requests).toEqual([pathToFileURL(htmlFile).href]);
  });

  it('prints every finding expanded, without the controls', async () => {
    const closedCurl = page.locator('[data-item]').nth(1).locator('code[id^="curl-"]');
    expect(await closedCurl.isVisible()).toBe(false);
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await closedCurl.isVisible()).toBe(true);
      expect(await page.locator('.filters').isVisible()).toBe(false);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('passes axe-core WCAG 2 A/AA checks and shows where the keyboard focus is', async () => {
    const violations = await axeViolations(page);
    expect(violations).toEqual([]);
    await page.locator('summary').first().focus();
    await page.keyboard.press('Tab');
    const outline = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle');
    expect(outline).not.toBe('none');
  });

  it('saves a screenshot under reports/ (and refreshes the README one with UPDATE_SCREENSHOT=1)', async () => {
    const reports = join(packageRoot(), 'reports');
    await mkdir(reports, { recursive: true });
    const first = page.locator('[data-item]').first();
    if ((await first.locator('details').getAttribute('open')) === null) await first.locator('summary').click();
    const png = await page.screenshot({ path: join(reports, 'verify-report.png'), fullPage: true });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    if (process.env['UPDATE_SCREENSHOT'] === '1') {
      // the README's: the top of the page, wide enough for the whole matrix
      await page.setViewportSize({ width: 1500, height: 1150 });
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: join(packageRoot(), 'docs', 'report-screenshot.png') });
    }
  });
});

describe('the pact check-spec HTML report in Chromium', () => {
  const committed = [
    'contracts/pacts/BackupDashboard-ArcGISEnterpriseAdmin.json',
    'contracts/pacts/OpsScript-ArcGISEnterpriseAdmin.json',
  ];

  async function open(file: string): Promise<Page> {
    const pactPage = await context.newPage();
    await pactPage.goto(pathToFileURL(file).href);
    return pactPage;
  }

  it('shows a verdict per interaction and the can-i-deploy matrix of the JSON report, markup escaped', async () => {
    const drift = join(dir, 'drift.json');
    await writeFile(drift, JSON.stringify(driftPact(`a task with a field the spec lacks ${XSS}`)));
    const [json, html] = [join(dir, 'check.json'), join(dir, 'check.html')];
    const result = await runCli([
      'pact',
      'check-spec',
      ...committed,
      drift,
      '--report',
      `json:${json}`,
      '--report',
      `html:${html}`,
    ]);
    expect(result.code).toBe(1);
    const outcome = JSON.parse(await readFile(json, 'utf8')) as {
      verdicts: { verdict: string; interaction: string }[];
      matrix: { consumer: string; compatible: boolean }[];
    };
    const pactPage = await open(html);
    for (const verdict of ['compatible', 'incompatible', 'not-covered'])
      expect(Number(await pactPage.locator(`[data-count="${verdict}"]`).textContent())).toBe(
        outcome.verdicts.filter((v) => v.verdict === verdict).length,
      );
    for (const row of outcome.matrix)
      expect(await pactPage.locator(`tr[data-consumer="${row.consumer}"]`).textContent()).toContain(
        row.compatible ? '✓ yes' : '✗ no',
      );
    expect(await pactPage.locator('#verdict').textContent()).toBe('✗ Cannot deploy: Drifter.');
    const drifted = pactPage.locator('[data-item][data-verdict="incompatible"]');
    await drifted.locator('summary').click();
    expect(await drifted.locator('.detail').textContent()).toContain('nextRun');
    expect(await drifted.locator('summary').textContent()).toContain(XSS);
    expect(await pactPage.evaluate('typeof window.__pwned')).toBe('undefined');
    await pactPage.selectOption('select[data-filter="consumer"]', 'Drifter');
    expect(await pactPage.locator('[data-item]:visible').count()).toBe(1);
    expect(await axeViolations(pactPage)).toEqual([]);
    await pactPage.close();
  });

  it('requested nothing but the files themselves, all along', () => {
    expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
  });
});
