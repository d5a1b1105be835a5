// Files written by `annals timeline --format timelinejs` (and the server's
// download) opened in TimelineJS itself, in headless Debian Chromium.
//
// run.sh writes into ANNALS_TIMELINEJS_DIR:
//   story.timelinejs.json, story.annals.json  one timeline (a Timeline17
//       topic when ../shared exists, else the fixture corpus) written as
//       TimelineJS and as annals JSON
//   article.timelinejs.json, article.annals.json  the events of the
//       bundled example article (days, months, weeks)
//   empty.timelinejs.json                      a timeline with no dates
//   served.timelinejs.json                     GET /api/timeline?q=security+note&format=timelinejs
//       over the fixture store, whose articles hold hostile markup
// This test serves that folder and this one (timelinejs.html, node_modules)
// from a server of its own on 127.0.0.1; every other request fails it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const files = process.env.ANNALS_TIMELINEJS_DIR;
const shots = process.env.ANNALS_SCREENSHOT_DIR || '.';
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css',
                '.json': 'application/json', '.woff2': 'font/woff2', '.woff': 'font/woff',
                '.ttf': 'font/ttf', '.svg': 'image/svg+xml', '.eot': 'application/octet-stream' };

let server, base, browser;
const foreign = [];

// Static files: /files/NAME from ANNALS_TIMELINEJS_DIR, the rest from this
// folder. Names are resolved and must stay inside their folder.
function serve(req, res) {
  const url = new URL(req.url, 'http://x');
  const [root, rel] = url.pathname.startsWith('/files/')
    ? [files, url.pathname.slice('/files/'.length)] : [here, url.pathname.slice(1)];
  const file = path.resolve(root, decodeURIComponent(rel));
  if (!file.startsWith(path.resolve(root) + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404).end('not found');
    return;
  }
  res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' });
  res.end(readFileSync(file));
}

before(async () => {
  assert.ok(files, 'ANNALS_TIMELINEJS_DIR is set (tests/browser/run.sh sets it)');
  server = createServer(serve);
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((ok) => server?.close(ok) ?? ok());
  assert.deepEqual(foreign, [], 'no request left the test server');
});

// Opens FILE in TimelineJS; resolves with the page once TimelineJS is ready
// or has refused the data.
async function open(file) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const errors = [], dialogs = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base + '/')) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  await page.goto(`${base}/timelinejs.html?src=/files/${file}`);
  await page.waitForFunction(() => document.body.dataset.state, null, { timeout: 60000 });
  return { page, errors, dialogs, state: await page.evaluate(() => document.body.dataset.state) };
}

const read = (name) => JSON.parse(readFileSync(path.join(files, name), 'utf8'));
const iso = (d) => [d.year, d.month, d.day].filter((x) => x !== undefined)
  .map((x, i) => String(x).padStart(i ? 2 : 4, '0')).join('-');
// TimelineJS's English date formats: "April 20, 2010", "March 2011", "2013".
function shown(d) {
  const t = new Date(Date.UTC(d.year, (d.month || 1) - 1, d.day || 1));
  const opts = { timeZone: 'UTC', year: 'numeric' };
  if (d.month) opts.month = 'long';
  if (d.day) opts.day = 'numeric';
  return t.toLocaleDateString('en-US', opts);
}

test('every date of a written timeline shows in TimelineJS', async () => {
  const tjs = read('story.timelinejs.json');
  const annals = read('story.annals.json');
  // The file has the timeline's dates, in order, each once.
  const dates = annals.dates.map((e) => e.date);
  assert.ok(dates.length > 0, 'the timeline has dates');
  assert.deepEqual(tjs.events.map((e) => iso(e.start_date)), dates);
  assert.ok(tjs.title.text.headline.length > 0, 'the title slide names the story');

  const { page, errors, state } = await open('story.timelinejs.json');
  assert.equal(state, 'ready', await page.evaluate(() => document.body.dataset.errors));
  // One marker on the time axis per date, each drawn.
  // (A marker's own box is as wide as its duration, 0 for a day: its
  // label box is what is drawn.)
  const markers = await page.$$eval('.tl-timemarker', (ms) => ms.map((m) => {
    const r = m.querySelector('.tl-timemarker-content-container').getBoundingClientRect();
    return { id: m.id, x: m.getBoundingClientRect().x, drawn: r.width > 0 && r.height > 0 };
  }));
  assert.equal(markers.length, dates.length, 'one marker per date');
  const x = new Map(markers.map((m) => [m.id, m]));
  const ids = tjs.events.map((e) => e.unique_id + '-marker');
  assert.deepEqual([...x.keys()].sort(), [...ids].sort());
  assert.ok(markers.every((m) => m.drawn), 'every marker is drawn');
  // In date order along the axis.
  for (let i = 1; i < ids.length; ++i)
    assert.ok(x.get(ids[i]).x >= x.get(ids[i - 1]).x, `${ids[i]} is right of ${ids[i - 1]}`);
  // One slide per date after the title, each showing its date as
  // TimelineJS writes it.
  const slides = await page.$$eval('.tl-slide', (ss) => ss.map((s) => ({
    id: s.id, date: s.querySelector('.tl-headline-date')?.textContent || '' })));
  assert.equal(slides.length, dates.length + 1, 'the title slide and one per date');
  const byId = new Map(slides.map((s) => [s.id, s.date]));
  for (const e of tjs.events) assert.equal(byId.get(e.unique_id), shown(e.start_date), e.unique_id);
  // Walking the slides reaches the last date.
  await page.evaluate(() => window.annalsTimeline.goToEnd());
  await page.waitForTimeout(1500);
  await page.screenshot({ path: path.join(shots, 'timelinejs-story.png') });
  assert.deepEqual(errors, []);
  console.log(`# TimelineJS shows ${markers.length} of ${dates.length} dates ` +
              `(${dates[0]} .. ${dates[dates.length - 1]}): ${tjs.title.text.headline}`);
  await page.close();
});

test("an article's events show at their precision", async () => {
  const tjs = read('article.timelinejs.json');
  const annals = read('article.annals.json');
  // One event per distinct period the article names, each at its bounds.
  const periods = [...new Set(annals.events.map((e) => `${e.first}/${e.last}`))];
  assert.equal(tjs.events.length, periods.length);
  const isoEnd = (d) => iso(d.day ? d : { ...d, day: new Date(Date.UTC(d.year, d.month || 12, 0)).getUTCDate(),
                                          month: d.month || 12 });
  const isoStart = (d) => iso({ year: d.year, month: d.month || 1, day: d.day || 1 });
  for (const e of tjs.events) {
    const span = `${isoStart(e.start_date)}/${isoEnd(e.end_date || e.start_date)}`;
    assert.ok(periods.includes(span), `${JSON.stringify(e.start_date)} .. ${JSON.stringify(e.end_date)}: ${span}`);
  }
  assert.ok(tjs.events.some((e) => e.start_date.day === undefined), 'a month (March 2011) is a month');
  assert.ok(tjs.events.some((e) => e.end_date), 'a week is a span');

  const { page, errors, state } = await open('article.timelinejs.json');
  assert.equal(state, 'ready', await page.evaluate(() => document.body.dataset.errors));
  assert.equal(await page.$$eval('.tl-timemarker', (ms) => ms.length), tjs.events.length);
  const slides = new Map(await page.$$eval('.tl-slide', (ss) => ss.map((s) =>
    [s.id, s.querySelector('.tl-headline-date')?.textContent || ''])));
  for (const e of tjs.events) {
    const want = shown(e.start_date) + (e.end_date ? ' — ' + shown(e.end_date) : '');
    assert.equal(slides.get(e.unique_id), want, e.unique_id);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('a timeline with no dates is a title slide only', async () => {
  const tjs = read('empty.timelinejs.json');
  assert.deepEqual(tjs.events, []);
  assert.ok(tjs.title.text.text.includes('0 dates'));
  const { page, errors, state } = await open('empty.timelinejs.json');
  // TimelineJS 3 declines a configuration without events with its own
  // message (no crash): the file is what the format asks for.
  assert.equal(state, 'refused');
  assert.match(await page.evaluate(() => document.body.dataset.errors), /no events/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('article text in a served export stays text in TimelineJS', async () => {
  const tjs = read('served.timelinejs.json');
  const hostile = tjs.events.filter((e) => e.text.text.includes('&lt;script&gt;'));
  assert.ok(hostile.length > 0, 'the hostile sentence is in the export, escaped');
  const { page, errors, dialogs, state } = await open('served.timelinejs.json');
  assert.equal(state, 'ready');
  const slide = hostile[0].unique_id;
  const text = await page.$eval(`#${slide} .tl-text-content`, (n) => n.textContent);
  assert.ok(text.includes("<script>window.__xss = 1; alert('xss')</script>"), text);
  assert.equal(await page.$$eval('.tl-slide script, .tl-slide img[src="x"]', (n) => n.length), 0);
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  await page.close();
});
