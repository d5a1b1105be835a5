// End-to-end test of the annals web UI in headless Debian Chromium.
//
// Expects `annals serve` running on ANNALS_URL over a store of
// tests/data/serve_corpus.jsonl (scripts/test starts it). Screenshots go to
// ANNALS_SCREENSHOT_DIR. The page may load nothing from anywhere else: every
// request to another origin fails the test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const base = (process.env.ANNALS_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');
const shots = process.env.ANNALS_SCREENSHOT_DIR || '.';
mkdirSync(shots, { recursive: true });

let browser, page;
const dialogs = [], pageErrors = [], foreign = [];

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base + '/')) return route.continue();
    foreign.push(url);
    return route.abort();
  });
});

after(async () => {
  await browser?.close();
});

test('search, click a date, read its sentences', async () => {
  await page.goto(base + '/');
  await page.waitForSelector('#search');
  await page.fill('#q', 'bridge');
  await page.press('#q', 'Enter');
  await page.waitForSelector('#chart circle.entry');
  const dates = await page.$$eval('#chart circle.entry', (cs) => cs.map((c) => c.dataset.date));
  assert.ok(dates.length > 0, 'the timeline shows dates');
  assert.ok(dates.includes('2021-03-08'), `2021-03-08 (the closure) is a timeline date: ${dates}`);
  assert.ok(await page.$$eval('#chart rect.bar-m', (r) => r.length) > 0, 'density bars are drawn');

  await page.click('#chart circle.entry[data-date="2021-03-08"]');
  await page.waitForSelector('#day-sentences li.day-sentence');
  assert.match(await page.textContent('#day-title'), /8 March 2021/);
  const sentences = await page.$$eval('#day-sentences li.day-sentence', (ls) =>
    ls.map((l) => ({ text: l.textContent, link: l.querySelector('a.article-link')?.getAttribute('href') })));
  assert.ok(sentences.some((s) => s.text.includes('begins March 8')), JSON.stringify(sentences));
  assert.ok(sentences.every((s) => s.link && s.link.includes('article=')), 'every sentence links its article');
  assert.ok(await page.$$eval('#day-sentences mark.timex', (m) => m.length) > 0, 'dates are marked');
  await page.screenshot({ path: path.join(shots, 'ui-timeline.png'), fullPage: true });

  // Follow a link: the article with its expressions highlighted.
  await page.click('#day-sentences li.day-sentence a.article-link');
  await page.waitForSelector('#article-text mark.timex');
  const tips = await page.$$eval('#article-text mark.timex', (m) => m.map((x) => x.dataset.tip));
  assert.ok(tips.some((t) => t.includes('2021-03-08')), JSON.stringify(tips));
  await page.hover('#article-text mark.timex');
  await page.screenshot({ path: path.join(shots, 'ui-article.png'), fullPage: true });
});

test('the current timeline downloads as TimelineJS, CSV and JSON', async () => {
  await page.goto(`${base}/#q=bridge`);
  await page.waitForSelector('#chart circle.entry');
  await page.waitForSelector('#downloads:not([hidden])');
  const dates = await page.$$eval('#chart circle.entry', (cs) => cs.map((c) => c.dataset.date));
  const links = await page.$$eval('#downloads a', (as) =>
    as.map((a) => ({ href: a.getAttribute('href'), download: a.getAttribute('download') })));
  assert.equal(links.length, 3);
  assert.deepEqual(links.map((l) => l.download),
                   ['annals-bridge.timelinejs.json', 'annals-bridge.csv', 'annals-bridge.json']);
  // A click downloads the file the server writes for the link.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
  assert.equal(download.suggestedFilename(), 'annals-bridge.csv');
  const [tjs, csv, json] = await Promise.all(links.map((l) => fetch(base + l.href)));
  assert.match(tjs.headers.get('content-type'), /application\/json/);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  const timelinejs = await tjs.json();
  assert.deepEqual(timelinejs.events.map((e) => e.start_date)
    .map((d) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`), dates);
  const lines = (await csv.text()).split('\r\n');
  assert.equal(lines[0], 'date,rank,sentence,article_id,published,collection');
  assert.deepEqual([...new Set(lines.slice(1).filter(Boolean).map((l) => l.slice(0, 10)))], dates);
  assert.deepEqual((await json.json()).dates.map((e) => e.date), dates);
  // A failed timeline hides the links.
  await page.goto(`${base}/#q=bridge&from=2021-13-40`);
  await page.waitForFunction(() => document.getElementById('status').className === 'error');
  assert.equal(await page.$eval('#downloads', (d) => d.hidden), true);
});

test('article text is shown, never run', async () => {
  const found = await (await fetch(base + '/api/search?q=security+note')).json();
  assert.ok(found.results.length > 0, 'the hostile article is in the store');
  const id = found.results[0].article;
  await page.goto(`${base}/#article=${id}`);
  // Wait for this article, not the one the test before left on the page
  // (only the hash changes, so the old text stays until the new arrives).
  await page.waitForFunction(() => {
    const t = document.getElementById('article-text');
    return t && t.textContent.includes('Security note') && t.querySelector('mark.timex');
  });
  const text = await page.textContent('#article-text');
  assert.ok(text.includes("<script>window.__xss = 1; alert('xss')</script>"), text);
  assert.ok(text.includes('<img src=x onerror="window.__xss = 2">'), text);
  assert.equal(await page.$$eval('main script, main img', (n) => n.length), 0);
  // The same sentence in the list of a day.
  await page.goto(`${base}/#q=bridge&date=2021-03-08`);
  await page.waitForSelector('#day-sentences li.day-sentence');
  assert.ok((await page.textContent('#day-sentences')).includes('<script>'));
  assert.equal(await page.$$eval('main script, main img', (n) => n.length), 0);
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.deepEqual(dialogs, []);
});

test('errors are shown, the page keeps working', async () => {
  await page.goto(`${base}/#q=bridge&from=2021-13-40`);
  await page.waitForFunction(() => document.getElementById('status').textContent.includes('from'));
  assert.equal(await page.getAttribute('#status', 'class'), 'error');
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(foreign, [], 'no request left the server');
});
