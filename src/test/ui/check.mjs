// The web UI in a real Chromium against the running service on its built-in simulator, as a newcomer meets it.
//
//   node check.mjs BASE_URL OUT_DIR [GUARDED_URL TOKEN]
//
// GUARDED_URL is a second service whose POST endpoints need TOKEN as a Bearer token.
// Prints PASS/FAIL per check and a closing "N passed, N failed" line; exits 1 when a check failed. Screenshots go
// to OUT_DIR. Chromium is Debian's (/usr/bin/chromium, or $CHROMIUM); nothing is reached but BASE_URL.
import { chromium } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [base, out, guarded, token] = process.argv.slice(2);
if (!base || !out) {
  console.error('usage: node check.mjs BASE_URL OUT_DIR');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const started = Date.now();
const results = [];
const problems = []; // console errors and page errors, from every page

async function check(name, body) {
  const t0 = Date.now();
  try {
    const note = await body();
    results.push([name, true]);
    console.log(`PASS ${name}${note ? ': ' + note : ''} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (e) {
    results.push([name, false]);
    console.log(`FAIL ${name}: ${e.message.split('\n').slice(0, 6).join('\n    ')}`);
  }
}

function watch(page, label) {
  page.on('console', (m) => { if (m.type() === 'error') { problems.push(`${label}: console: ${m.text()}`); } });
  page.on('pageerror', (e) => problems.push(`${label}: ${e.message}`));
}

/** Canvases inside chart figures that have at least one painted pixel. */
async function paintedCharts(page, scope = 'figure.chart canvas') {
  return page.$$eval(scope, (canvases) => canvases.filter((c) => {
    if (!c.width || !c.height) { return false; }
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < data.length; i += 4) { if (data[i] !== 0) { return true; } }
    return false;
  }).length);
}

async function api(path) {
  const response = await fetch(base + path);
  if (!response.ok) { throw new Error(`${path}: HTTP ${response.status}`); }
  return response.json();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
// the page may reach the service and nothing else
await context.route((url) => !url.href.startsWith(base) && !(guarded && url.href.startsWith(guarded)), (route) => {
  problems.push(`request outside the service: ${route.request().url()}`);
  return route.abort();
});
const page = await context.newPage();
watch(page, 'ui');

try {
  await check('overview lists the target with its figures', async () => {
    await page.goto(base + '/');
    await page.waitForSelector('.target-card[data-target="simulator"] table.headline', { timeout: 90_000 });
    await page.waitForSelector('[data-spark="simulator|tg"] canvas', { timeout: 10_000 });
    const text = await page.textContent('.target-card[data-target="simulator"]');
    if (!/simulator/.test(text) || !/tg t\/s/.test(text)) { throw new Error('card text: ' + text); }
    return `figures shown ${((Date.now() - started) / 1000).toFixed(0)} s after the service was up`;
  });

  await check('run now, and the live view advances during the run', async () => {
    await page.goto(base + '/#/target/simulator');
    await page.waitForSelector('h1');
    // wait for the target to be idle, so the click starts a run of its own
    for (let i = 0; i < 120; i++) {
      const t = await api('/api/targets/simulator');
      if (t.state === 'idle' && Date.parse(t.next_run_at) - Date.now() > 8000) { break; }
      await page.waitForTimeout(500);
    }
    const before = (await api('/api/targets/simulator/reports?limit=1'))[0]?.id;
    await page.click('button:has-text("Run now"):not([disabled])');
    // queued, or refused because the schedule started a run at that very moment: its progress shows all the same
    // (a live event may repaint the page before the message is seen, so the progress line counts as the answer too)
    await page.waitForSelector('.message:has-text("is queued"), .message:has-text("already running"), '
      + '[data-live="simulator"] .progress', { timeout: 10_000 });
    const steps = [];
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      const line = await page.$eval('[data-live="simulator"]', (e) => e.textContent).catch(() => '');
      const m = /batch (\d+)\/(\d+)/.exec(line);
      if (m && steps[steps.length - 1] !== +m[1]) { steps.push(+m[1]); }
      if (steps.length === 2) { await page.screenshot({ path: join(out, 'live.png') }); }
      const newest = (await api('/api/targets/simulator/reports?limit=1'))[0]?.id;
      if (newest && newest !== before && !(await page.$('[data-live="simulator"] .progress'))) { break; }
      await page.waitForTimeout(150);
    }
    if (steps.length < 2 || steps.some((s, i) => i > 0 && s <= steps[i - 1])) {
      throw new Error('batches seen: ' + JSON.stringify(steps));
    }
    return 'batches seen without reloading: ' + steps.join(', ');
  });

  await check('a target page draws its charts', async () => {
    await page.goto(base + '/#/target/simulator');
    await page.waitForSelector('pre.markdown');
    await page.waitForFunction(() => document.querySelectorAll('figure.chart canvas').length >= 8, null,
      { timeout: 20_000 });
    await page.waitForTimeout(500);
    const painted = await paintedCharts(page);
    const table = await page.textContent('pre.markdown');
    if (!table.startsWith('| model')) { throw new Error('table: ' + table.slice(0, 80)); }
    if (painted < 8) { throw new Error(`${painted} painted charts`); }
    await page.screenshot({ path: join(out, 'target.png'), fullPage: true });
    await page.screenshot({ path: join(out, 'target-top.png') });
    return `${painted} charts painted`;
  });

  await check('compare shows a change, coloured', async () => {
    await page.goto(base + '/#/compare');
    await page.waitForSelector('table.compare tbody tr', { timeout: 20_000 });
    const rows = await page.$$eval('table.compare tbody tr', (trs) => trs.map((tr) => [tr.className,
      tr.querySelector('td.change').textContent]));
    const changed = rows.filter(([cls, change]) => (cls === 'better' || cls === 'worse') && change !== '0.00%');
    if (!changed.length) { throw new Error('no change in ' + JSON.stringify(rows)); }
    const colour = await page.$eval('table.compare tr.better td.change, table.compare tr.worse td.change',
      (td) => getComputedStyle(td).color);
    if (colour === 'rgb(17, 24, 39)') { throw new Error('the change is not coloured'); }
    await page.screenshot({ path: join(out, 'compare.png'), fullPage: true });
    return `${changed.length} of ${rows.length} values changed`;
  });

  await check('compare against the 7-day median', async () => {
    const newest = (await api('/api/reports?target=simulator&limit=1'))[0].id;
    await page.goto(base + `/#/compare?a=median&b=${newest}`);
    await page.waitForSelector('#compare-result .legend:has-text("median of")', { timeout: 20_000 });
    await page.waitForSelector('table.compare tbody tr', { timeout: 20_000 });
    const legend = await page.textContent('#compare-result .legend');
    if (!/A: median of \d+ runs? of simulator/.test(legend)) { throw new Error('legend: ' + legend); }
    return legend.split('\n')[0];
  });

  await check('a run page shows its report and charts, with downloads', async () => {
    const newest = (await api('/api/reports?target=simulator&limit=1'))[0].id;
    await page.goto(base + `/#/run/${newest}`);
    await page.waitForSelector('table.results');
    await page.waitForFunction(() => document.querySelectorAll('#charts canvas').length >= 4, null,
      { timeout: 20_000 });
    await page.waitForTimeout(300);
    const painted = await paintedCharts(page, '#charts figure.chart canvas');
    const links = await page.$$eval('a[download]', (as) => as.map((a) => a.getAttribute('href')));
    for (const f of ['json', 'md', 'csv', 'html']) {
      if (!links.some((l) => l.endsWith('format=' + f))) { throw new Error('no download of ' + f); }
    }
    const tokenizer = await page.textContent('.facts');
    if (!/tokenizer/.test(tokenizer)) { throw new Error('no tokenizer fact'); }
    await page.screenshot({ path: join(out, 'run.png'), fullPage: true });
    return `${painted} charts painted`;
  });

  await check('the HTML report opens offline and draws its charts', async () => {
    const newest = (await api('/api/reports?target=simulator&limit=1'))[0].id;
    const html = await (await fetch(`${base}/api/reports/${newest}?format=html`)).text();
    const file = join(out, 'report.html');
    writeFileSync(file, html);
    const offline = await browser.newContext({ viewport: { width: 1200, height: 900 }, offline: true });
    let requests = 0;
    await offline.route((url) => !url.href.startsWith('file:'), (route) => { requests++; return route.abort(); });
    const doc = await offline.newPage();
    watch(doc, 'report.html');
    await doc.goto('file://' + file);
    await doc.waitForFunction(() => document.querySelectorAll('#charts canvas').length >= 4, null,
      { timeout: 10_000 });
    const painted = await paintedCharts(doc);
    await doc.screenshot({ path: join(out, 'report.png'), fullPage: true });
    await offline.close();
    if (requests) { throw new Error(`${requests} requests from a file that should need none`); }
    return `${painted} charts painted, no request made`;
  });

  if (guarded) {
    await check('run now asks for the API token when one is set', async () => {
      const guardedPage = await context.newPage();
      watch(guardedPage, 'guarded');
      const refused = [];
      guardedPage.on('response', (r) => { if (r.status() === 401) { refused.push(r.url()); } });
      for (let i = 0; i < 120; i++) { // idle, and its next scheduled run not about to start
        const t = await (await fetch(guarded + '/api/targets/simulator')).json();
        if (t.state === 'idle' && Date.parse(t.next_run_at) - Date.now() > 8000) { break; }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      await guardedPage.goto(guarded + '/');
      await guardedPage.waitForSelector('.target-card[data-target="simulator"] button:has-text("Run now"):not([disabled])');
      await guardedPage.click('.target-card[data-target="simulator"] button:has-text("Run now")');
      await guardedPage.waitForSelector('.target-card input[type=password]', { timeout: 10_000 });
      await guardedPage.fill('.target-card input[type=password]', 'not-the-token');
      await guardedPage.click('.target-card form button[type=submit]');
      await guardedPage.waitForSelector('.target-card .message:has-text("That token was refused")', { timeout: 10_000 });
      await guardedPage.fill('.target-card input[type=password]', token);
      await guardedPage.click('.target-card form button[type=submit]');
      await guardedPage.waitForSelector('.target-card .message:has-text("is queued"), .target-card .message:has-text("already running")',
        { timeout: 10_000 });
      await guardedPage.close();
      // the two refusals are the expected answers, not errors of the page
      for (let i = problems.length - 1; i >= 0; i--) {
        if (/^guarded: console: Failed to load resource: the server responded with a status of 401/.test(problems[i])) {
          problems.splice(i, 1);
        }
      }
      if (refused.length !== 2) { throw new Error('401 answers: ' + refused.length); }
      return 'refused without and with a wrong token, queued with the right one';
    });
  }

  await check('overview screenshot', async () => {
    await page.goto(base + '/');
    await page.waitForSelector('[data-spark="simulator|tg"] canvas');
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(out, 'overview.png') });
  });

  await check('no console errors', async () => {
    if (problems.length) { throw new Error(problems.join('\n')); }
  });
} finally {
  await browser.close();
}

const failed = results.filter(([, ok]) => !ok).length;
console.log(`ui: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
