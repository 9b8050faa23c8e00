// The console as an operator uses it, in a real headless Chromium: sign in, find the failed
// minute_1m execution, restart it, follow its progress bar to COMPLETED, look at the bars it
// loaded, open the coverage matrix and drill down to the symbols behind a missing day, then
// launch daily from the form over a range of days and watch it complete, and last open the funds
// page from the navigation and see an unknown fund refused in one line (with FUND_CODE, a fund the
// warehouse knows, also add it to the watchlist, open it and queue its NAV sync), and at the end
// open the self-test page, set its schedule to 15m and back off, and run one now.
// Screenshots of each step go to SCREENSHOT_DIR. Exit 0 only when all held.
//
//   CONSOLE_URL=http://localhost:8080 CONSOLE_USER=otto CONSOLE_PASSWORD=... \
//   BARS_SYMBOL=600000.SH BARS_FROM=2026-11-17 BARS_TO=2026-11-19 \
//   COVERAGE_FROM=2026-11-16 COVERAGE_TO=2026-11-20 COVERAGE_DATASET=minute_1m COVERAGE_DAY=2026-11-18 \
//   COVERAGE_SYMBOL=600999.SH DAILY_FROM=2026-11-16 DAILY_TO=2026-11-20 [FUND_CODE=000001] \
//   SCREENSHOT_DIR=target/e2e node e2e.mjs
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const base = env('CONSOLE_URL');
const user = env('CONSOLE_USER');
const password = env('CONSOLE_PASSWORD');
const shots = env('SCREENSHOT_DIR', 'target/e2e-screenshots');
const bars = { symbol: env('BARS_SYMBOL'), from: env('BARS_FROM'), to: env('BARS_TO', env('BARS_FROM')) };
const coverage = { from: env('COVERAGE_FROM'), to: env('COVERAGE_TO'), dataset: env('COVERAGE_DATASET', 'minute_1m'),
  day: env('COVERAGE_DAY'), symbol: env('COVERAGE_SYMBOL') };
const daily = { from: env('DAILY_FROM'), to: env('DAILY_TO') };
// A fund the warehouse knows (six digits); without it only the refusal of an unknown one is checked.
const fundCode = process.env.FUND_CODE || null;
mkdirSync(shots, { recursive: true });

const profile = mkdtempSync(join(tmpdir(), 'console-e2e-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: env('CHROMIUM', '/usr/bin/chromium'),
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = context.pages()[0] ?? await context.newPage();
page.setDefaultTimeout(20000);
const problems = [];
// Refusals a step provokes on purpose, as method, path and status; each excuses one answer.
const expectedFailures = [];
const expectFailure = (method, path, status) => expectedFailures.push({ method, path, status });
page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
page.on('console', (message) => {
  // Failed loads are judged below by their URL, which the console message lacks.
  if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
    problems.push(`console: ${message.text()}`);
  }
});
page.on('response', (response) => {
  const url = new URL(response.url());
  if (response.status() < 400 || url.pathname === '/favicon.ico') return;
  const excused = expectedFailures.findIndex((f) => f.method === response.request().method()
    && f.path === url.pathname && f.status === response.status());
  if (excused >= 0) expectedFailures.splice(excused, 1);
  else problems.push(`HTTP ${response.status()} ${url}`);
});
const shot = (name) => page.screenshot({ path: join(shots, name), fullPage: true });
const step = (text) => console.log(`e2e: ${text}`);
const answer = (method, path, query) => page.waitForResponse((response) => {
  const url = new URL(response.url());
  return response.request().method() === method && url.pathname === path && (query === undefined || url.search === query);
});

try {
  step('sign in');
  await page.goto(base + '/');
  await page.waitForURL(/\/login/);
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', password);
  await shot('01-login.png');
  await page.click('button[type=submit]');
  await page.waitForSelector('#executions tbody tr');

  step('find the failed minute_1m execution');
  await page.selectOption('#filter-job', 'minute_1m');
  await page.check('#filter-failed');
  await page.click('#filters button[type=submit]');
  const failedRow = page.locator('#executions tbody tr[data-job=minute_1m][data-status=FAILED]').first();
  await failedRow.waitFor();
  const failedId = await failedRow.getAttribute('data-id');
  await shot('02-failed-executions.png');
  await failedRow.locator('a').click();
  await page.waitForURL(new RegExp(`execution\\.html\\?id=${failedId}$`));
  await page.waitForSelector('#restart:not([disabled])');
  await page.waitForSelector('#failed-units tbody tr');
  await shot('03-failed-execution.png');

  step(`restart execution ${failedId}`);
  page.once('dialog', (dialog) => dialog.accept());
  await page.click('#restart');
  await page.waitForURL((url) => url.searchParams.get('id') && url.searchParams.get('id') !== failedId);
  const restartedId = new URL(page.url()).searchParams.get('id');
  step(`following execution ${restartedId}`);

  const seen = [];
  let midShot = false;
  const deadline = Date.now() + 120000;
  for (;;) {
    const status = (await page.textContent('#fact-status').catch(() => '')) ?? '';
    const section = await page.isVisible('#progress-section');
    const value = section ? Number(await page.getAttribute('#progress', 'aria-valuenow')) : null;
    if (value !== null && seen[seen.length - 1] !== value) seen.push(value);
    if (!midShot && value !== null && value > 0 && value < 100 && status.trim() === 'STARTED') {
      await shot('04-restart-in-progress.png');
      midShot = true;
    }
    if (status.trim() === 'COMPLETED' && value === 100) break;
    if (['FAILED', 'STOPPED', 'ABANDONED'].includes(status.trim())) throw new Error(`restart ended ${status}`);
    if (Date.now() > deadline) throw new Error(`no COMPLETED in time; status ${status}, progress ${seen}`);
    await page.waitForTimeout(250);
  }
  step(`progress went ${seen.join(' → ')}`);
  if (seen.length < 3) throw new Error(`the progress bar did not advance visibly: ${seen}`);
  if (!midShot) throw new Error('never saw the execution running part-way');
  await page.waitForSelector('#units tbody tr[data-unit-status=complete]');
  await page.waitForTimeout(600); // the bar's width eases in
  await shot('05-restart-completed.png');

  step('look at the bars');
  await page.goto(`${base}/bars.html?symbol=${bars.symbol}&interval=5m&from=${bars.from}&to=${bars.to}`);
  await page.waitForFunction(() => Number(document.getElementById('chart').dataset.bars || 0) > 0);
  await page.waitForSelector('#chart canvas');
  await page.waitForTimeout(300);
  const summary = await page.textContent('#summary');
  step(`bars page: ${summary}`);
  await shot('06-bars.png');

  step('open the coverage matrix');
  await page.goto(`${base}/coverage.html?from=${coverage.from}&to=${coverage.to}`);
  await page.waitForFunction(() => Number(document.getElementById('matrix').dataset.cells || 0) > 0);
  await page.waitForSelector('#matrix canvas');
  await page.waitForTimeout(300);
  step(`coverage: ${await page.textContent('#summary')}`);
  await shot('07-coverage.png');

  step(`drill down to ${coverage.dataset} on ${coverage.day}`);
  const day = page.locator(`#attention tbody tr[data-dataset="${coverage.dataset}"][data-day="${coverage.day}"]`);
  await day.waitFor();
  await day.locator('button').click();
  await page.waitForSelector(`#gaps tbody tr[data-symbol="${coverage.symbol}"][data-status=missing]`);
  step(`drill-down: ${await page.textContent('#drill-summary')}`);
  await shot('08-coverage-drill-down.png');

  step(`launch daily from ${daily.from} to ${daily.to} from the form`);
  await page.goto(`${base}/launch.html`);
  // The server reads the sandbox by default, and every page says so.
  await page.waitForSelector('#synthetic-banner');
  await page.selectOption('#job', 'daily');
  await page.waitForSelector('#launch input[name=start_date]');
  for (const name of ['trade_date', 'start_date', 'end_date', 'symbols', 'source', 'mode', 'force']) {
    if (!(await page.isVisible(`#launch input[name="${name}"]`))) throw new Error(`daily's form has no ${name}`);
  }
  await page.fill('#launch input[name=start_date]', daily.from);
  await page.fill('#launch input[name=end_date]', daily.to);
  await shot('09-launch-daily.png');
  page.once('dialog', (dialog) => dialog.accept());
  await page.click('#launch button[type=submit]');
  await page.waitForURL(/execution\.html\?id=\d+$/);
  const dailyId = new URL(page.url()).searchParams.get('id');
  step(`following daily execution ${dailyId}`);
  const dailyDeadline = Date.now() + 120000;
  for (;;) {
    const status = ((await page.textContent('#fact-status').catch(() => '')) ?? '').trim();
    const section = await page.isVisible('#progress-section');
    const value = section ? Number(await page.getAttribute('#progress', 'aria-valuenow')) : null;
    if (status === 'COMPLETED' && value === 100) break;
    if (['FAILED', 'STOPPED', 'ABANDONED'].includes(status)) throw new Error(`daily ended ${status}`);
    if (Date.now() > dailyDeadline) throw new Error(`daily did not complete in time; status ${status}, progress ${value}`);
    await page.waitForTimeout(250);
  }
  await page.waitForSelector('#units tbody tr[data-unit-status=complete]');
  step(`daily: ${(await page.textContent('#exit')) ?? ''}`.substring(0, 300));
  await page.waitForSelector('#coverage-link[href*="dataset=daily"]');
  await page.waitForTimeout(600);
  await shot('10-daily-completed.png');

  step('open the funds page from the navigation');
  const fundsLink = page.locator('header a[href="/funds.html"]');
  if (((await fundsLink.textContent()) ?? '').trim() !== 'Funds') throw new Error('the navigation has no Funds link');
  const beforeFunds = problems.length;
  await Promise.all([page.waitForURL(/\/funds\.html$/), fundsLink.click()]);
  await page.waitForSelector('header a.current[href="/funds.html"]');
  // The first refresh of the estimates (and the queue) and the accuracy over the default 30 days.
  await page.waitForSelector('#estimates[data-refreshes]');
  await page.waitForSelector('#accuracy-charts[data-days="30"]', { state: 'attached' });
  await page.waitForSelector('#queue tbody tr');
  if (!(await page.isVisible('#watch-form'))) throw new Error('an operator sees no watchlist form');
  // A freshly reset warehouse follows no fund yet, and the page says what to do.
  const empty = ((await page.textContent('#estimates-empty')) ?? '').trim();
  if (!empty.includes('add one to the watchlist')) throw new Error(`no empty state on the funds page: ${empty}`);
  if (problems.length > beforeFunds) throw new Error(`the funds page logged:\n${problems.slice(beforeFunds).join('\n')}`);

  step('add an unknown fund to the watchlist');
  expectFailure('PUT', '/api/funds/watchlist/123456', 400);
  await page.fill('#watch-form input[name=code]', '123456');
  const [refused] = await Promise.all([answer('PUT', '/api/funds/watchlist/123456'),
    page.click('#watch-form button[type=submit]')]);
  if (refused.status() !== 400) throw new Error(`an unknown fund was answered ${refused.status()}`);
  const refusal = page.locator('#message .notice.error', { hasText: '123456.OF' });
  await refusal.waitFor();
  const refusalText = ((await refusal.textContent()) ?? '').trim();
  step(`refused: ${refusalText}`);
  if (!refusalText.startsWith('Not an open-end fund the warehouse knows: 123456.OF') || refusalText.includes('\n')) {
    throw new Error(`not the one-line problem: ${refusalText}`);
  }
  await shot('11-funds-unknown-code.png');

  if (fundCode) {
    const symbol = `${fundCode}.OF`;
    step(`add ${symbol} to the watchlist`);
    await page.fill('#watch-form input[name=code]', fundCode);
    const [watched] = await Promise.all([answer('PUT', `/api/funds/watchlist/${fundCode}`),
      page.click('#watch-form button[type=submit]')]);
    if (watched.status() !== 200) throw new Error(`watching ${symbol} was answered ${watched.status()}`);
    await page.locator('#message .notice:not(.error)', { hasText: `${symbol} is on the watchlist.` }).waitFor();
    const row = page.locator(`#estimates tbody tr[data-code="${symbol}"]`);
    await row.waitFor();
    const tier = ((await row.locator('td.tier').textContent()) ?? '').trim();
    if (tier !== 'watchlist') throw new Error(`${symbol} is estimated in tier ${tier}, not watchlist`);
    step(`estimates: ${((await row.textContent()) ?? '').replace(/\s+/g, ' ').trim()}`);

    step(`open ${symbol} and queue its NAV sync`);
    await Promise.all([answer('GET', `/api/funds/${fundCode}`), row.locator('a').click()]);
    await page.waitForSelector(`#detail[data-code="${symbol}"]:not([hidden])`);
    await page.waitForSelector('#scored tbody tr');
    const [synced] = await Promise.all([answer('POST', '/api/funds/nav-history/sync'), page.click('#sync')]);
    if (synced.status() !== 200) throw new Error(`the NAV sync was answered ${synced.status()}`);
    await page.locator('#detail-message .notice:not(.error)', { hasText: 'NAV history sync' }).waitFor();
    await shot('12-funds-detail.png');
  }

  step('accuracy over 7 days');
  await Promise.all([answer('GET', '/api/funds/accuracy', '?days=7'),
    page.selectOption('#accuracy-form select[name=days]', '7')]);
  await page.waitForSelector('#accuracy-charts[data-days="7"]', { state: 'attached' });
  step(`accuracy: ${((await page.textContent('#accuracy-summary')) ?? '').trim()}`);
  await shot('13-funds-accuracy.png');
  step('open the self-test page from the navigation, set its schedule and run one now');
  const selfTestLink = page.locator('header a[href="/selftest.html"]');
  await Promise.all([page.waitForURL(/\/selftest\.html$/), selfTestLink.click()]);
  await page.waitForSelector('header a.current[href="/selftest.html"]');
  await page.waitForSelector('#set-schedule:not([disabled])');
  for (const [choice, shown] of [['15m', 'next run at'], ['off', 'no run planned']]) {
    await page.selectOption('#every', choice);
    const [scheduled] = await Promise.all([answer('PUT', '/api/selftest/schedule'), page.click('#set-schedule')]);
    if (scheduled.status() !== 200) throw new Error(`setting the schedule to ${choice} was answered ${scheduled.status()}`);
    const named = choice === 'off' ? 'Off' : `Every ${choice}`;
    await page.locator('#schedule', { hasText: `${named}, set by ${user}` }).waitFor();
    const text = (await page.textContent('#schedule')) ?? '';
    if (!text.includes(shown)) throw new Error(`the schedule ${choice} shows: ${text}`);
  }
  const [started] = await Promise.all([answer('POST', '/api/selftest/run'), page.click('#run-now')]);
  if (started.status() !== 202) throw new Error(`run now was answered ${started.status()}`);
  const runId = (await started.json()).run;
  await page.waitForFunction((id) => {
    const row = document.querySelector(`#runs tbody tr[data-id="${id}"]`);
    return row !== null && row.children[2].textContent !== '–' && row.classList.contains('selected');
  }, runId);
  await page.waitForSelector('#checks tbody tr[data-status]');
  // The page follows the run until the server says it is over.
  await page.waitForSelector('#run-now:not([disabled])');
  const download = await page.getAttribute(`#runs tbody tr[data-id="${runId}"] a`, 'href');
  if (download !== `/api/selftest/${runId}?download=true`) throw new Error(`no download link for run ${runId}: ${download}`);
  step(`self-test ${runId}: ${((await page.textContent('#checks tbody tr')) ?? '').replace(/\s+/g, ' ').trim()}`);
  await shot('14-selftest.png');
  if (expectedFailures.length) {
    throw new Error(`refusals that never came: ${expectedFailures.map((f) => `${f.method} ${f.path}`).join(', ')}`);
  }
  if (problems.length) throw new Error(problems.join('\n'));
  step('all held');
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  process.exit(0);
} catch (error) {
  console.error(`e2e: FAILED: ${error.stack || error}`);
  if (problems.length) console.error(problems.join('\n'));
  await shot('failure.png').catch(() => {});
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  process.exit(1);
}
