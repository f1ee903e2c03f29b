/* app.js - sitrep's dashboard: reads the JSON API of the server that
 * served it (README, "JSON API") and draws a map (d3-geo, world-atlas),
 * a timeline (uPlot), the incidents, one incident with its sources and
 * their sentences marked in the article, the surge alerts and the groups.
 * The filters live in the URL, so a view can be shared. Nothing is
 * fetched from anywhere else. */
'use strict';

const FILTERS = ['group', 'country', 'type', 'since', 'until', 'q'];
const TYPES = ['attack', 'kidnapping', 'clash', 'strike', 'raid', 'arrest', 'escape', 'plot',
               'financing', 'claim_only'];
const COLOURS = {attack: '#d7301f', kidnapping: '#7a0177', clash: '#ef6548', strike: '#225ea8',
                 raid: '#41b6c4', arrest: '#238443', escape: '#8c6bb1', plot: '#fdae61',
                 financing: '#969696', claim_only: '#bdbdbd'};
const state = {filters: {}, by: 'month', rows: [], next: null, sort: {key: 'date', dir: -1},
               chosen: null};

const $ = (sel) => document.querySelector(sel);

/* An element with attributes (on* are listeners) and children (text or nodes). */
function el(tag, attrs, ...children) {
  const ns = ['svg', 'circle', 'path', 'g', 'title'].includes(tag) ? 'http://www.w3.org/2000/svg' : null;
  const e = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c);
  return e;
}

async function api(path) {
  const r = await fetch(path, {credentials: 'same-origin', headers: {Accept: 'application/json'}});
  const body = await r.json();
  if (!r.ok) throw new Error(`${body.title}: ${body.description || r.status}`);
  return body;
}

function setStatus(text, error) {
  const s = $('#status');
  s.textContent = text;
  s.className = error ? 'error' : '';
}

/* ---- filters and the URL ---- */

function readURL() {
  const p = new URLSearchParams(location.search);
  state.filters = {};
  for (const k of FILTERS) if (p.get(k)) state.filters[k] = p.get(k);
  state.by = ['week', 'month', 'year'].includes(p.get('by')) ? p.get('by') : 'month';
  for (const k of FILTERS) $(`#f-${k}`).value = state.filters[k] || '';
  $('#f-by').value = state.by;
}

function writeURL() {
  const p = new URLSearchParams(state.filters);
  if (state.by !== 'month') p.set('by', state.by);
  const qs = p.toString();
  history.pushState(null, '', qs ? `?${qs}` : location.pathname);
}

function query(extra) {
  const p = new URLSearchParams(state.filters);
  for (const [k, v] of Object.entries(extra || {})) p.set(k, v);
  return p.toString();
}

function applyForm(ev) {
  if (ev) ev.preventDefault();
  const f = {};
  for (const k of FILTERS) {
    const v = $(`#f-${k}`).value.trim();
    if (v) f[k] = k === 'country' ? v.toUpperCase() : v;
  }
  state.filters = f;
  writeURL();
  refresh();
}

/* ---- the map ---- */

const map = {svg: null, projection: null, view: null, world: null, cells: []};

function drawBase() {
  const svg = $('#map');
  const w = 960, h = 480;
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  map.base = {x: 0, y: 0, w, h};
  map.view = {...map.base};
  map.projection = d3.geoNaturalEarth1().fitExtent([[4, 4], [w - 4, h - 4]], {type: 'Sphere'});
  const path = d3.geoPath(map.projection);
  const land = topojson.feature(map.world, map.world.objects.countries);
  svg.replaceChildren(
    el('path', {class: 'sphere', d: path({type: 'Sphere'})}),
    el('path', {class: 'graticule', d: path(d3.geoGraticule10())}),
    el('path', {class: 'land', d: path(land)}),
    el('g', {id: 'dots'}));
  $('#legend').replaceChildren(...['attack', 'kidnapping', 'clash', 'strike', 'raid', 'arrest'].map(
    (t) => el('span', {}, el('i', {style: `background:${COLOURS[t]}`}), t)));
}

function zoomFactor() { return map.base.w / map.view.w; }

function setView(v) {
  const minW = map.base.w / 32;
  v.w = Math.min(map.base.w, Math.max(minW, v.w));
  v.h = v.w * map.base.h / map.base.w;
  v.x = Math.min(map.base.w - v.w, Math.max(0, v.x));
  v.y = Math.min(map.base.h - v.h, Math.max(0, v.y));
  map.view = v;
  $('#map').setAttribute('viewBox', `${v.x} ${v.y} ${v.w} ${v.h}`);
  sizeDots();
}

function zoomAt(k, cx, cy) {
  const v = map.view;
  const w = v.w / k;
  setView({x: cx - (cx - v.x) * w / v.w, y: cy - (cy - v.y) * w / v.w, w, h: 0});
}

function radius(c) { return 3 + Math.sqrt(c.killed + c.kidnapped + c.incidents); }

function sizeDots() {
  const k = zoomFactor();
  for (const dot of document.querySelectorAll('#dots circle'))
    dot.setAttribute('r', (radius(dot.__cell) / Math.sqrt(k)).toFixed(2));
}

function cellLabel(c) {
  const toll = [c.killed && `${c.killed} killed`, c.injured && `${c.injured} injured`,
                c.kidnapped && `${c.kidnapped} kidnapped`].filter(Boolean).join(', ');
  return `${c.place || 'Unnamed place'}: ${c.incidents} incident${c.incidents === 1 ? '' : 's'}` +
         `${toll ? ', ' + toll : ''}; mostly ${c.type}`;
}

function drawDots(cells) {
  map.cells = cells.slice().sort((a, b) => radius(b) - radius(a)); /* small ones on top */
  const g = $('#dots');
  g.replaceChildren();
  for (const c of map.cells) {
    const p = map.projection([c.lon, c.lat]);
    if (!p) continue;
    const label = cellLabel(c);
    const dot = el('circle', {cx: p[0].toFixed(1), cy: p[1].toFixed(1), fill: COLOURS[c.type] || '#555',
                              tabindex: 0, role: 'button', 'aria-label': label,
                              'data-incidents': c.incidents,
                              onclick: () => openCell(c), onkeydown: (e) => {
                                if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); openCell(c); }
                              },
                              onmouseenter: (e) => showTip(e, label), onmouseleave: hideTip,
                              onfocus: (e) => showTip(e, label), onblur: hideTip});
    dot.__cell = c;
    g.append(dot);
  }
  sizeDots();
}

function showTip(e, text) {
  const tip = $('#tip');
  const box = $('#map-panel').getBoundingClientRect();
  const r = e.target.getBoundingClientRect();
  tip.textContent = text;
  tip.hidden = false;
  tip.style.left = `${r.right - box.left + 6}px`;
  tip.style.top = `${r.top - box.top - 6}px`;
}

function hideTip() { $('#tip').hidden = true; }

/* A cell of one incident opens it; of several, the table lists them. */
async function openCell(c) {
  if (c.ids.length === 1) return openIncident(c.ids[0]);
  try {
    const rows = await Promise.all(c.ids.map((id) => api(`/api/incidents/${encodeURIComponent(id)}`)));
    state.rows = rows.map((r) => r.incident);
    state.next = null;
    $('#table-note').textContent = `at ${c.place || 'this place'}: the latest ${rows.length} of ${c.incidents}`;
    drawTable();
    $('#incidents tbody tr')?.focus();
  } catch (err) { setStatus(err.message, true); }
}

function mapInteractions() {
  const svg = $('#map');
  const toMap = (e) => {
    const r = svg.getBoundingClientRect();
    return [map.view.x + (e.clientX - r.left) / r.width * map.view.w,
            map.view.y + (e.clientY - r.top) / r.height * map.view.h];
  };
  svg.addEventListener('wheel', (e) => {
    e.preventDefault();
    const [x, y] = toMap(e);
    zoomAt(e.deltaY < 0 ? 1.25 : 0.8, x, y);
  }, {passive: false});
  let drag = null;
  svg.addEventListener('pointerdown', (e) => {
    if (e.target.tagName === 'circle') return;
    drag = {x: e.clientX, y: e.clientY, view: {...map.view}};
    svg.setPointerCapture(e.pointerId);
  });
  svg.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const r = svg.getBoundingClientRect();
    setView({...drag.view, x: drag.view.x - (e.clientX - drag.x) / r.width * drag.view.w,
             y: drag.view.y - (e.clientY - drag.y) / r.height * drag.view.h});
  });
  svg.addEventListener('pointerup', () => { drag = null; });
  svg.addEventListener('keydown', (e) => {
    const v = map.view, step = v.w / 10;
    const moves = {ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step]};
    if (moves[e.key]) { e.preventDefault(); setView({...v, x: v.x + moves[e.key][0], y: v.y + moves[e.key][1]}); }
    if (e.key === '+' || e.key === '=') zoomAt(1.5, v.x + v.w / 2, v.y + v.h / 2);
    if (e.key === '-') zoomAt(1 / 1.5, v.x + v.w / 2, v.y + v.h / 2);
  });
  $('#zoom-in').onclick = () => zoomAt(1.5, map.view.x + map.view.w / 2, map.view.y + map.view.h / 2);
  $('#zoom-out').onclick = () => zoomAt(1 / 1.5, map.view.x + map.view.w / 2, map.view.y + map.view.h / 2);
  $('#zoom-reset').onclick = () => setView({...map.base});
}

/* ---- the timeline ---- */

let plot = null;

/* The first second of a period named as /api/trends names it. */
function periodStart(name) {
  let m;
  if ((m = /^(\d{4})-W(\d{2})$/.exec(name))) { /* ISO week: the Monday */
    const jan4 = Date.UTC(+m[1], 0, 4);
    const monday1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86400e3;
    return (monday1 + (+m[2] - 1) * 7 * 86400e3) / 1000;
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(name))) return Date.UTC(+m[1], +m[2] - 1, 1) / 1000;
  return Date.UTC(+name, 0, 1) / 1000;
}

function isoDay(seconds) { return new Date(seconds * 1000).toISOString().slice(0, 10); }

function drawTimeline(t) {
  const box = $('#timeline');
  const all = t.series[0] || {incidents: [], killed: []};
  const xs = t.periods.map(periodStart);
  const data = [xs, all.incidents, all.killed];
  if (plot) plot.destroy();
  box.replaceChildren();
  if (!xs.length) { box.append(el('p', {class: 'hint'}, 'No dated incidents.')); plot = null; return; }
  plot = new uPlot({
    width: Math.max(300, box.clientWidth), height: 200,
    cursor: {drag: {x: true, y: false, setScale: false}},
    scales: {x: {time: true}, k: {}},
    series: [{label: state.by},
             {label: 'Incidents', stroke: '#1f5fbf', width: 2, fill: 'rgba(31,95,191,.12)'},
             {label: 'Killed', stroke: '#d7301f', width: 1.5, scale: 'k'}],
    axes: [{}, {label: 'incidents'}, {side: 1, scale: 'k', label: 'killed', grid: {show: false}}],
    hooks: {setSelect: [(u) => {
      if (u.select.width < 2) return;
      const from = u.posToVal(u.select.left, 'x'), to = u.posToVal(u.select.left + u.select.width, 'x');
      state.filters.since = isoDay(from);
      state.filters.until = isoDay(to);
      for (const k of ['since', 'until']) $(`#f-${k}`).value = state.filters[k];
      writeURL();
      refresh();
    }]},
  }, data, box);
  if (t.left_out) box.append(el('p', {class: 'hint'}, `${t.left_out} incidents with only a year or month are not drawn.`));
}

/* ---- the table ---- */

const COLUMNS = [['date', 'Date'], ['type', 'Type'], ['method', 'Method'], ['actor', 'Actor'],
                 ['country', 'Country'], ['place', 'Place'], ['killed', 'Killed', true],
                 ['injured', 'Injured', true], ['kidnapped', 'Kidnapped', true], ['sources', 'Sources', true]];

function drawTable() {
  const head = $('#incidents thead tr');
  head.replaceChildren(...COLUMNS.map(([key, label, num]) => {
    const sorted = state.sort.key === key;
    return el('th', {class: num ? 'num' : null, scope: 'col',
                     'aria-sort': sorted ? (state.sort.dir > 0 ? 'ascending' : 'descending') : 'none'},
      el('button', {type: 'button', onclick: () => {
        state.sort = {key, dir: sorted ? -state.sort.dir : (num ? -1 : 1)};
        drawTable();
      }}, label + (sorted ? (state.sort.dir > 0 ? ' ▲' : ' ▼') : '')));
  }));
  const {key, dir} = state.sort;
  const rows = state.rows.slice().sort((a, b) => {
    const x = a[key] ?? (typeof b[key] === 'number' ? -1 : ''), y = b[key] ?? (typeof a[key] === 'number' ? -1 : '');
    return (x < y ? -1 : x > y ? 1 : 0) * dir;
  });
  $('#incidents tbody').replaceChildren(...rows.map((r) => el('tr', {
      tabindex: 0, class: r.id === state.chosen ? 'chosen' : null, 'data-id': r.id,
      onclick: () => openIncident(r.id),
      onkeydown: (e) => { if (e.key === 'Enter') openIncident(r.id); }},
    COLUMNS.map(([k, , num]) => el('td', {class: num ? 'num' : null}, r[k] === null || r[k] === undefined ? '–' : String(r[k]))))));
  $('#more').hidden = !state.next;
}

async function loadIncidents(more) {
  const page = await api(`/api/incidents?${query({limit: 200, ...(more ? {cursor: state.next} : {})})}`);
  state.rows = more ? state.rows.concat(page.incidents) : page.incidents;
  state.next = page.next;
  $('#table-note').textContent = `${state.rows.length}${page.next ? '+' : ''} shown`;
  drawTable();
}

/* ---- one incident ---- */

/* The article's text with the evidence sentence marked; offsets are bytes
 * of the UTF-8 text. */
function articleWithMark(text, start, end) {
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  const mark = el('mark', {class: 'evidence'}, dec.decode(bytes.slice(start, end)));
  return [el('div', {class: 'article', tabindex: 0, 'aria-label': 'Article text'},
             dec.decode(bytes.slice(0, start)), mark, dec.decode(bytes.slice(end))), mark];
}

function figure(label, v) { return v === null || v === undefined ? [] : [el('dt', {}, label), el('dd', {}, String(v))]; }

async function openIncident(id) {
  state.chosen = id;
  for (const tr of document.querySelectorAll('#incidents tbody tr'))
    tr.classList.toggle('chosen', tr.dataset.id === id);
  const box = $('#detail');
  try {
    const d = await api(`/api/incidents/${encodeURIComponent(id)}?text=1`);
    const i = d.incident;
    const range = i.killed_min !== i.killed_max && i.killed_min !== null ? ` (reports say ${i.killed_min}–${i.killed_max})` : '';
    box.replaceChildren(
      el('h2', {id: 'detail-h'}, `${i.type}${i.method ? ' (' + i.method.replace('_', ' ') + ')' : ''}, ${i.place || i.country || 'place unknown'}`),
      el('dl', {}, figure('Id', i.id), figure('Date', i.date), figure('Actor', i.actor),
         figure('Group', i.actor_group), figure('Target', i.target), figure('Country', i.country),
         figure('Killed', i.killed === null ? null : i.killed + range), figure('Injured', i.injured),
         figure('Kidnapped', i.kidnapped), figure('Detained', i.detained), figure('Sources', i.sources),
         [el('dt', {}, 'TLP'), el('dd', {}, el('span', {class: `tlp ${i.tlp}`}, `TLP:${i.tlp.toUpperCase()}`))]),
      el('h3', {}, `${d.sources.length} source${d.sources.length === 1 ? '' : 's'}`),
      ...d.sources.map((s) => {
        const ev = s.event.evidence;
        const [article, mark] = s.text ? articleWithMark(s.text, ev.start, ev.end) : [el('blockquote', {}, ev.text), null];
        const part = el('div', {class: 'source'},
          el('p', {}, el('strong', {}, s.title || s.doc), ` — ${s.published || 'undated'} `,
             s.url ? el('a', {href: s.url, rel: 'noreferrer noopener'}, 'link') : null),
          el('p', {class: 'hint'}, `Sentence (bytes ${ev.start}–${ev.end}):`),
          el('blockquote', {class: 'quote'}, ev.text),
          article);
        if (mark) setTimeout(() => mark.scrollIntoView({block: 'nearest'}), 0);
        return part;
      }));
  } catch (err) {
    box.replaceChildren(el('h2', {id: 'detail-h'}, 'Incident'), el('p', {class: 'error'}, err.message));
  }
}

/* ---- alerts and groups ---- */

function drawAlerts(alerts) {
  const list = $('#alerts');
  if (!alerts.length) { list.replaceChildren(el('li', {class: 'hint'}, 'No series is rising.')); return; }
  list.replaceChildren(...alerts.map((a) => el('li', {},
    el('button', {type: 'button', class: 'linkish', onclick: () => {
      state.filters = {...(a.group ? {group: a.group} : {}), country: a.country};
      readFormFromState(); writeURL(); refresh();
    }}, a.series),
    ` — ${a.incidents} incidents in 30 days, ${a.expected.toFixed(1)} expected (p = ${a.p.toExponential(1)})`)));
}

function readFormFromState() { for (const k of FILTERS) $(`#f-${k}`).value = state.filters[k] || ''; }

async function openGroup(key) {
  const box = $('#detail');
  try {
    const g = await api(`/api/groups/${encodeURIComponent(key)}?${query({group: ''})}`);
    const top = (list) => list.slice(0, 6).map((x) => `${x.key} (${x.incidents})`).join(', ') || '–';
    box.replaceChildren(
      el('h2', {id: 'detail-h'}, g.name),
      el('dl', {}, figure('Key', g.key), figure('Kind', g.kind), figure('Parent', g.parent && g.parent.name),
         figure('Also called', g.aliases.slice(0, 8).join(', ') || null),
         figure('Affiliates', g.affiliates.map((a) => a.name).join(', ') || null),
         figure('Incidents', g.incidents), figure('Killed', g.killed), figure('Kidnapped', g.kidnapped),
         figure('First', g.first), figure('Latest', g.last), figure('Countries', top(g.countries)),
         figure('Methods', top(g.methods))),
      el('h3', {}, 'Latest incidents'),
      el('ul', {}, g.recent.map((i) => el('li', {}, el('button', {type: 'button', class: 'linkish',
        onclick: () => openIncident(i.id)}, `${i.date} ${i.type}, ${i.place || i.country || '?'}`),
        i.killed ? ` — ${i.killed} killed` : ''))),
      g.financing.length ? el('h3', {}, 'Money') : null,
      ...g.financing.map((f) => el('blockquote', {}, f.evidence)),
      el('button', {type: 'button', onclick: () => {
        state.filters.group = g.key; readFormFromState(); writeURL(); refresh();
      }}, `Show only ${g.name}`));
  } catch (err) { box.replaceChildren(el('p', {class: 'error'}, err.message)); }
}

function drawGroups(groups) {
  $('#groups').replaceChildren(...groups.slice(0, 20).map((g) => el('li', {},
    el('button', {type: 'button', class: 'linkish', onclick: () => openGroup(g.key)}, g.name),
    ` — ${g.incidents} incident${g.incidents === 1 ? '' : 's'}, ${g.killed} killed`)));
}

/* ---- putting it together ---- */

async function refresh() {
  setStatus('Loading…');
  try {
    const [cells, trend, alerts, groups] = await Promise.all([
      api(`/api/map?${query()}`), api(`/api/trends?${query({by: state.by})}`),
      api(`/api/alerts?${query()}`), api(`/api/groups?${query()}`), loadIncidents(false)]);
    drawDots(cells.cells);
    const n = cells.cells.reduce((s, c) => s + c.incidents, 0);
    $('#map-note').textContent = `${n} placed incidents in ${cells.cells.length} places` +
                                 (cells.unplaced ? `, ${cells.unplaced} without a place` : '');
    $('#map').setAttribute('aria-label', `World map: ${n} incidents in ${cells.cells.length} places`);
    drawTimeline(trend);
    drawAlerts(alerts.alerts);
    drawGroups(groups.groups);
    const f = Object.entries(state.filters).map(([k, v]) => `${k} ${v}`).join(', ');
    setStatus(f ? `Filtered: ${f}` : 'All incidents you may see');
  } catch (err) { setStatus(err.message, true); }
}

async function start() {
  for (const t of TYPES) $('#f-type').append(el('option', {value: t}, t.replace('_', ' ')));
  try {
    const [world, groups] = await Promise.all([api('/static/countries-110m.json'), api('/api/groups')]);
    map.world = world;
    for (const g of groups.groups) $('#f-group').append(el('option', {value: g.key}, g.name));
  } catch (err) { setStatus(err.message, true); return; }
  drawBase();
  mapInteractions();
  readURL();
  $('#filters').addEventListener('submit', applyForm);
  $('#f-clear').onclick = () => { for (const k of FILTERS) $(`#f-${k}`).value = ''; applyForm(); };
  $('#f-by').onchange = () => { state.by = $('#f-by').value; writeURL(); refresh(); };
  $('#more').onclick = () => loadIncidents(true).catch((err) => setStatus(err.message, true));
  window.addEventListener('popstate', () => { readURL(); refresh(); });
  window.addEventListener('resize', () => plot && plot.setSize({width: $('#timeline').clientWidth, height: 200}));
  await refresh();
  document.body.dataset.ready = '1';
}

start();
