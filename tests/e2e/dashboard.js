// dashboard.js - the dashboard end to end in headless Chromium
// (playwright-core driving Debian's chromium): it loads on the sample
// corpus, the map shows every placed incident, a filter narrows the map
// and the table and goes into the URL, a shared URL restores the view,
// an incident opens with its evidence sentence marked in the article,
// the keyboard reaches the map, and no request leaves the server.
// Run by tests/cli/dashboard.sh: node dashboard.js BASE-URL SCREENSHOT.
'use strict';
const assert = require('assert');
const { chromium } = require(process.env.PLAYWRIGHT_CORE || 'playwright-core');

async function main() {
  const [base, shot] = process.argv.slice(2);
  const browser = await chromium.launch({executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
                                         args: ['--no-sandbox', '--disable-gpu']});
  try {
    const page = await browser.newPage({viewport: {width: 1400, height: 1000}});
    const outside = [], errors = [];
    page.on('request', (r) => { if (!r.url().startsWith(base)) outside.push(r.url()); });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });

    await page.goto(base + '/');
    await page.waitForSelector('body[data-ready="1"]', {timeout: 20000});
    const api = await page.evaluate(() => fetch('/api/map').then((r) => r.json()));
    const placed = api.cells.reduce((s, c) => s + c.incidents, 0);
    const dots = await page.$$eval('#dots circle', (cs) => cs.map((c) => +c.dataset.incidents));
    assert.ok(dots.length >= 10, `the map shows ${dots.length} places`);
    assert.strictEqual(dots.reduce((a, b) => a + b, 0), placed, 'every placed incident is on the map');
    const rows = await page.locator('#incidents tbody tr').count();
    assert.ok(rows > dots.length / 2, `the table lists ${rows} incidents`);

    // a filter narrows the map and the table, and goes into the URL
    await page.fill('#f-country', 'ng');
    await page.click('#filters button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#status').textContent.startsWith('Filtered'));
    assert.ok(page.url().includes('country=NG'), page.url());
    const countries = await page.$$eval('#incidents tbody tr td:nth-child(5)', (t) => t.map((x) => x.textContent));
    assert.ok(countries.length > 0 && countries.every((c) => c === 'NG'), countries.join(' '));
    const ngDots = await page.locator('#dots circle').count();
    assert.ok(ngDots > 0 && ngDots < dots.length, `${ngDots} places in Nigeria`);

    // the shared URL gives the same view
    const again = await browser.newPage({viewport: {width: 1400, height: 1000}});
    await again.goto(page.url());
    await again.waitForSelector('body[data-ready="1"]', {timeout: 20000});
    assert.strictEqual(await again.inputValue('#f-country'), 'NG');
    assert.strictEqual(await again.locator('#dots circle').count(), ngDots);
    await again.close();

    // an incident opens with its sentence marked in its article
    await page.click('#incidents tbody tr');
    await page.waitForSelector('#detail mark.evidence', {timeout: 10000});
    const marked = await page.textContent('#detail mark.evidence');
    const quoted = await page.textContent('#detail blockquote.quote');
    assert.ok(marked.length > 20 && marked === quoted, `marked "${marked}" vs quoted "${quoted}"`);
    const article = await page.textContent('#detail .article');
    assert.ok(article.includes(marked) && article.length > marked.length);

    // the keyboard reaches a place on the map and opens it
    await page.focus('#dots circle[data-incidents="1"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#detail h2').textContent !== 'Incident');
    const label = await page.getAttribute('#dots circle[data-incidents="1"]', 'aria-label');
    assert.ok(/incident/.test(label), label);

    await page.screenshot({path: shot});
    assert.deepStrictEqual(outside, [], 'no request leaves the server');
    assert.deepStrictEqual(errors, [], 'no script error');
  } finally {
    await browser.close();
  }
}

main().then(() => console.log('dashboard: all checks passed'),
            (e) => { console.error(e); process.exit(1); });
