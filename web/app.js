// annals web UI: a timeline of a story, the sentences about a date, and
// articles with their time expressions highlighted.
//
// Every piece of article text reaches the page through textContent or
// setAttribute, never as HTML: the corpus is untrusted input.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const $ = (id) => document.getElementById(id);
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

let timeline = null;     // last /api/timeline answer
let timelineKey = '';    // the parameters it was asked with

// ------------------------------------------------------------ helpers

function el(tag, attrs, ...children) {
  const node = tag.startsWith('svg:') ? document.createElementNS(SVG, tag.slice(4))
                                      : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') node.setAttribute('class', v);
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

function status(msg, isError) {
  const s = $('status');
  s.textContent = msg || '';
  s.className = isError ? 'error' : '';
}

async function api(path) {
  const res = await fetch(path, { headers: { Accept: 'application/json' } });
  let body = null;
  try { body = await res.json(); } catch (e) { /* not JSON */ }
  if (!res.ok) throw new Error((body && body.error) || `${res.status} ${res.statusText}`);
  return body;
}

function hashParams() { return new URLSearchParams(location.hash.replace(/^#/, '')); }

function setHash(params) {
  const clean = new URLSearchParams();
  for (const [k, v] of params) if (v) clean.set(k, v);
  location.hash = clean.toString();
}

function dayNumber(iso) { return Math.round(Date.parse(iso + 'T00:00:00Z') / 86400000); }
function isoOf(day) { return new Date(day * 86400000).toISOString().slice(0, 10); }
function longDate(iso) {
  return new Date(iso + 'T00:00:00Z').toLocaleDateString('en-GB', {
    weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

// Text with the given expressions (byte offsets into its UTF-8) marked.
function markedText(text, timexes) {
  const bytes = utf8.encode(text);
  const out = [];
  let pos = 0;
  for (const t of [...timexes].sort((a, b) => a.begin - b.begin)) {
    if (t.begin < pos || t.end > bytes.length) continue;
    out.push(fromUtf8.decode(bytes.slice(pos, t.begin)));
    out.push(timexMark(fromUtf8.decode(bytes.slice(t.begin, t.end)), t));
    pos = t.end;
  }
  out.push(fromUtf8.decode(bytes.slice(pos)));
  return out;
}

function resolved(t) {
  if (!t.first) return t.value;
  return t.first === t.last ? t.first : `${t.first} – ${t.last}`;
}

function timexMark(text, t) {
  const tip = `${t.type} ${t.value}${t.mod ? ' (' + t.mod + ')' : ''} → ${resolved(t)}`;
  return el('mark', { class: 'timex', tabindex: '0', 'data-tip': tip, title: tip,
                      'data-value': t.value, text });
}

function articleLink(s) {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  params.delete('date');
  params.set('article', String(s.article));
  return el('a', { href: '#' + params.toString(), class: 'article-link',
                   text: `${s.doc_id} (${s.published})` });
}

// ------------------------------------------------------------ timeline

async function showTimeline(params) {
  $('article-view').hidden = true;
  $('timeline-view').hidden = false;
  const q = params.get('q') || '', from = params.get('from') || '', to = params.get('to') || '';
  $('q').value = q; $('from').value = from; $('to').value = to;
  const query = new URLSearchParams();
  if (q) query.set('q', q);
  if (from) query.set('from', from);
  if (to) query.set('to', to);
  const key = query.toString();
  if (key !== timelineKey || !timeline) {
    status('Building the timeline…');
    try {
      timeline = await api('/api/timeline?' + key);
      timelineKey = key;
    } catch (e) {
      timeline = null; timelineKey = '';
      status(e.message, true);
      $('summary').textContent = '';
      $('chart').replaceChildren();
      $('entries').replaceChildren();
      $('day').hidden = true;
      $('downloads').hidden = true;
      return;
    }
    renderChart(timeline);
    renderEntries(timeline);
    setDownloads(key, q);
  }
  const n = timeline.dates.length;
  status('');
  const words = (timeline.keywords || []).join(', ');
  const about = q ? ` about “${q}”`
                  : (words ? ` about “${words}” (the collection's most used story word)` : '');
  $('summary').textContent = n
      ? `${n} date${n === 1 ? '' : 's'} chosen from ${timeline.documents} article${timeline.documents === 1 ? '' : 's'}` +
        about + '. Click a date to read what was said about it.'
      : 'No dated events found' + (q ? ` for “${q}”` : '') + '.';
  const date = params.get('date');
  if (date) await showDay(date, q); else $('day').hidden = true;
}

// The current timeline as files: the server writes each format (the same
// writers as `annals timeline --format`), the links only name it.
function setDownloads(key, q) {
  // As the server names them (DownloadName in src/server/server.cc).
  const slug = q.replace(/[A-Z]/g, (c) => c.toLowerCase()).replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '').slice(0, 40).replace(/-+$/, '');
  const base = 'annals-' + (slug || 'timeline');
  for (const [format, file] of [['timelinejs', base + '.timelinejs.json'],
                                ['csv', base + '.csv'], ['json', base + '.json']]) {
    const link = $('download-' + format);
    link.setAttribute('href', '/api/timeline?' + (key ? key + '&' : '') + 'format=' + format);
    link.setAttribute('download', file);
  }
  $('downloads').hidden = false;
}

// The days the axis spans: the chosen dates and the publication days (or
// from/to when given), not every far-off year an article mentions.
function axisRange(data) {
  const days = data.dates.map((e) => dayNumber(e.date));
  for (const [d, published] of data.coverage) if (published > 0) days.push(dayNumber(d));
  let lo = data.from ? dayNumber(data.from) : Math.min(...days);
  let hi = data.to ? dayNumber(data.to) : Math.max(...days);
  if (!isFinite(lo) || !isFinite(hi)) return null;
  const pad = Math.max(1, Math.round((hi - lo) * 0.02));
  return [lo - pad, hi + pad];
}

function ticks(lo, hi) {
  const span = hi - lo, out = [];
  const start = new Date(lo * 86400000);
  if (span <= 45) {
    for (let d = lo; d <= hi; d += Math.max(1, Math.ceil(span / 8))) out.push([d, isoOf(d).slice(5)]);
  } else if (span <= 800) {
    const step = Math.max(1, Math.ceil(span / 30 / 8));
    let y = start.getUTCFullYear(), m = start.getUTCMonth() + 1;
    for (;;) {
      const d = Math.round(Date.UTC(y, m, 1) / 86400000);
      if (d > hi) break;
      out.push([d, isoOf(d).slice(0, 7)]);
      m += step; y += Math.floor(m / 12); m %= 12;
    }
  } else {
    const step = Math.max(1, Math.ceil(span / 365 / 8));
    for (let y = start.getUTCFullYear() + 1; ; y += step) {
      const d = Math.round(Date.UTC(y, 0, 1) / 86400000);
      if (d > hi) break;
      out.push([d, String(y)]);
    }
  }
  return out;
}

function renderChart(data) {
  const svg = $('chart');
  svg.replaceChildren();
  const range = axisRange(data);
  if (!range) return;
  const [lo, hi] = range;
  const W = Math.max(320, svg.clientWidth || 900), H = 190;
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  const left = 10, right = W - 10, base = 120;
  const x = (d) => left + (right - left) * (d - lo) / Math.max(1, hi - lo);
  const barW = Math.max(1.5, (right - left) / Math.max(1, hi - lo) * 0.8);
  const inRange = data.coverage.filter(([d]) => { const n = dayNumber(d); return n >= lo && n <= hi; });
  const maxM = Math.max(1, ...inRange.map((c) => c[2]));
  const maxP = Math.max(1, ...inRange.map((c) => c[1]));

  const bars = el('svg:g', { class: 'density' });
  for (const [d, published, mentions] of inRange) {
    const cx = x(dayNumber(d));
    if (mentions) {
      const h = 80 * Math.sqrt(mentions / maxM);
      bars.append(el('svg:rect', { class: 'bar-m', x: cx - barW / 2, y: base - h, width: barW, height: h }));
    }
    if (published) {
      const h = 28 * Math.sqrt(published / maxP);
      bars.append(el('svg:rect', { class: 'bar-p', x: cx - barW / 2, y: base + 2, width: barW, height: h }));
    }
    // A wide transparent target per day, so that any day can be read.
    const hit = el('svg:rect', { class: 'hit', x: cx - Math.max(barW, 6) / 2, y: 30,
                                 width: Math.max(barW, 6), height: base, tabindex: '-1',
                                 'data-date': d, onclick: () => selectDate(d) });
    hit.append(el('svg:title', { text: `${d}: ${mentions} sentence${mentions === 1 ? '' : 's'} naming it, ${published} article${published === 1 ? '' : 's'} published` }));
    bars.append(hit);
  }
  svg.append(bars);

  const axis = el('svg:g', { class: 'axis' });
  axis.append(el('svg:line', { x1: left, x2: right, y1: base + 1, y2: base + 1 }));
  for (const [d, label] of ticks(lo, hi)) {
    if (x(d) + 8 * label.length > right) continue;  // no room for the label
    const g = el('svg:g', { class: 'tick' });
    g.append(el('svg:line', { x1: x(d), x2: x(d), y1: base + 1, y2: base + 34 }));
    g.append(el('svg:text', { x: x(d) + 3, y: base + 46, text: label }));
    axis.append(g);
  }
  svg.append(axis);

  const entries = el('svg:g', { class: 'entries' });
  for (const e of data.dates) {
    const cx = x(dayNumber(e.date));
    entries.append(el('svg:line', { x1: cx, x2: cx, y1: 18, y2: base, stroke: '#c2410c',
                                    'stroke-opacity': '0.35' }));
    const dot = el('svg:circle', { class: 'entry', cx, cy: 18, r: 6, tabindex: '0',
                                   'data-date': e.date, role: 'button',
                                   'aria-label': `Read about ${e.date}`,
                                   onclick: () => selectDate(e.date),
                                   onkeydown: (ev) => { if (ev.key === 'Enter' || ev.key === ' ') selectDate(e.date); } });
    dot.append(el('svg:title', { text: `${e.date}: ${e.articles} article${e.articles === 1 ? '' : 's'} refer to it` }));
    entries.append(dot);
  }
  svg.append(entries);
}

function renderEntries(data) {
  const list = $('entries');
  list.replaceChildren();
  $('entries-title').hidden = data.dates.length === 0;
  for (const e of data.dates) {
    const ol = el('ol');
    for (const s of e.sentences) ol.append(el('li', {}, s.text, el('span', { class: 'src' }, articleLink(s))));
    const head = el('h3', {}, el('a', { href: '#', 'data-date': e.date, text: longDate(e.date),
                                         onclick: (ev) => { ev.preventDefault(); selectDate(e.date); } }),
                    el('span', { class: 'stats', text: `${e.articles} article${e.articles === 1 ? '' : 's'}, ${e.mentions} mention${e.mentions === 1 ? '' : 's'}` }));
    list.append(el('li', { class: 'entry-item' }, head, ol));
  }
}

function selectDate(date) {
  const params = hashParams();
  params.set('date', date);
  params.delete('article');
  setHash(params);
}

// The sentences about one day: the timeline's own picks, then every
// sentence of the store whose time expression names that day.
async function showDay(date, q) {
  const box = $('day');
  box.hidden = false;
  for (const c of document.querySelectorAll('#chart .entry')) c.classList.toggle('selected', c.dataset.date === date);
  $('day-title').textContent = longDate(date);
  const list = $('day-sentences');
  list.replaceChildren();
  $('day-more').textContent = 'Loading…';
  let found;
  try {
    const query = new URLSearchParams({ on: date, limit: '50' });
    if (q) { query.set('q', q); query.set('in', 'article'); }
    found = await api('/api/search?' + query.toString());
  } catch (e) {
    $('day-more').textContent = e.message;
    return;
  }
  for (const s of found.results) {
    list.append(el('li', { class: 'day-sentence' }, ...markedText(s.text, s.timexes),
                   el('span', { class: 'src' }, articleLink(s))));
  }
  $('day-more').textContent = found.results.length === 0
      ? 'No sentence names this day' + (q ? ` with “${q}”.` : '.')
      : (found.more ? 'Showing the first 50 sentences.' : '');
  box.scrollIntoView({ block: 'nearest' });
}

// ------------------------------------------------------------ article

async function showArticle(id) {
  $('timeline-view').hidden = true;
  $('article-view').hidden = false;
  const params = hashParams();
  params.delete('article');
  $('back').setAttribute('href', '#' + params.toString());
  status('Loading the article…');
  let a;
  try {
    a = await api('/api/articles/' + encodeURIComponent(id));
  } catch (e) {
    status(e.message, true);
    $('article-title').textContent = 'Article not found';
    $('article-meta').textContent = '';
    $('article-text').replaceChildren();
    $('article-timexes').tBodies[0].replaceChildren();
    return;
  }
  status('');
  $('article-title').textContent = a.doc_id;
  const languages = { en: 'English', es: 'Spanish', fr: 'French', de: 'German', it: 'Italian', pt: 'Portuguese', und: 'another language (numeric dates only)' };
  $('article-meta').textContent = `Published ${longDate(a.published)} · ${languages[a.lang] || a.lang} · ${a.timexes.length} time expression${a.timexes.length === 1 ? '' : 's'} (hover one for its date)`;
  const text = $('article-text');
  // The text's language, so that the browser hyphenates, reads and
  // spell-checks it as such ("und" is no language tag to give).
  if (a.lang && a.lang !== 'und') text.lang = a.lang; else text.removeAttribute('lang');
  text.replaceChildren(...a.parts.map((p) => p.timex === undefined ? p.text : timexMark(p.text, a.timexes[p.timex])));
  const body = $('article-timexes').tBodies[0];
  body.replaceChildren(...a.timexes.map((t) => el('tr', {}, el('td', { text: t.text }),
      el('td', { text: t.value + (t.mod ? ` (${t.mod})` : '') }), el('td', { text: t.first ? resolved(t) : '—' }))));
  window.scrollTo(0, 0);
}

// ------------------------------------------------------------ routing

async function route() {
  const params = hashParams();
  if (params.get('article')) await showArticle(params.get('article'));
  else await showTimeline(params);
  document.body.dataset.ready = 'true';
}

$('search').addEventListener('submit', (ev) => {
  ev.preventDefault();
  setHash(new URLSearchParams({ q: $('q').value.trim(), from: $('from').value, to: $('to').value }));
});
window.addEventListener('hashchange', route);
let resizeTimer = 0;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => { if (timeline) renderChart(timeline); }, 150);
});
route();
