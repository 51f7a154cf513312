// provwatch console: one page, views chosen by the URL's hash (#/, #/alert/ID, #/campaign/ID, #/post/ID,
// #/overview, #/audits). Text from alerts and posts is only ever set as text, never as HTML.
'use strict';

const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'];
const view = document.getElementById('view');
const state = { alerts: new Map(), filters: { severity: '', category: '', status: '', text: '' }, stream: null, timers: [] };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null) node.setAttribute(k, v);
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const enc = encodeURIComponent;
const sev = s => el('span', { class: 'sev ' + s }, s);
const link = (hash, text) => el('a', { href: hash }, text);

function age(iso) {
  const seconds = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  if (seconds < 60) return Math.round(seconds) + ' s';
  if (seconds < 3600) return Math.round(seconds / 60) + ' min';
  if (seconds < 86400) return (seconds / 3600).toFixed(1) + ' h';
  return Math.round(seconds / 86400) + ' d';
}

async function getJson(url) {
  const reply = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await reply.json().catch(() => ({ error: 'not JSON (status ' + reply.status + ')' }));
  if (!reply.ok) throw new Error(body.error || ('status ' + reply.status));
  return body;
}

function failed(what, error) {
  view.replaceChildren(el('h1', {}, what), el('p', { class: 'error' }, String(error.message || error)));
}

// ---- the live alert stream, open whatever the view ----

function connect() {
  const live = document.getElementById('live');
  const stream = new EventSource('/console/api/alerts/stream');
  stream.addEventListener('open', () => { live.textContent = 'live'; live.className = 'live on'; });
  stream.addEventListener('error', () => { live.textContent = 'reconnecting'; live.className = 'live off'; });
  stream.addEventListener('snapshot', e => {
    state.alerts.clear();
    for (const alert of JSON.parse(e.data)) state.alerts.set(alert.alertId, alert);
    if (currentRoute().name === 'alerts') renderAlertRows();
  });
  stream.addEventListener('alert', e => {
    const alert = JSON.parse(e.data);
    state.alerts.delete(alert.alertId); // re-inserted: the most recent change goes on top
    state.alerts.set(alert.alertId, alert);
    if (currentRoute().name === 'alerts') renderAlertRows(alert.alertId);
  });
  state.stream = stream;
}

// ---- #/ : live alerts ----

function alertsView() {
  const f = state.filters;
  const select = (key, label, options) => el('select', { 'aria-label': label, id: 'filter-' + key, onchange: e => { f[key] = e.target.value; renderAlertRows(); } },
    el('option', { value: '' }, 'any ' + label), options.map(o => { const opt = el('option', { value: o }, o); if (o === f[key]) opt.selected = true; return opt; }));
  const categories = [...new Set([...state.alerts.values()].map(a => a.category))].sort();
  const text = el('input', { id: 'filter-text', type: 'search', placeholder: 'text in reasons, posts, id', value: f.text,
    oninput: e => { f.text = e.target.value.toLowerCase(); renderAlertRows(); } });
  view.replaceChildren(
    el('h1', {}, 'Alerts ', el('span', { class: 'muted', id: 'alert-count' })),
    el('div', { class: 'filters' }, select('severity', 'severity', SEVERITIES), select('category', 'category', categories),
      select('status', 'status', ['OPENED', 'UPDATED', 'CLOSED']), text),
    el('table', { id: 'alerts' }, el('thead', {}, el('tr', {}, ['severity', 'risk', 'category', 'reasons', 'posts', 'status', 'age'].map(h => el('th', {}, h)))),
      el('tbody')));
  renderAlertRows();
}

function matches(alert) {
  const f = state.filters;
  if (f.severity && alert.severity !== f.severity) return false;
  if (f.category && alert.category !== f.category) return false;
  if (f.status && alert.status !== f.status) return false;
  if (f.text) {
    const haystack = [alert.alertId, alert.category, ...alert.reasons, ...alert.postIds].join(' ').toLowerCase();
    if (!haystack.includes(f.text)) return false;
  }
  return true;
}

// a row per alert revision, made once: a re-render moves rows rather than replacing them, so a row being
// pointed at or clicked stays the same element
const rowCache = new Map();

function alertRow(a, fresh) {
  const cached = rowCache.get(a.alertId);
  if (cached && cached.alert === a) return cached.row;
  const row = el('tr', { class: 'alert-row' + (fresh ? ' fresh' : ''), 'data-alert-id': a.alertId, onclick: () => { location.hash = '#/alert/' + enc(a.alertId); } },
    el('td', {}, sev(a.severity)), el('td', {}, a.risk.toFixed(2)), el('td', {}, a.category),
    el('td', {}, el('ul', { class: 'reasons' }, a.reasons.slice(0, 3).map(r => el('li', {}, r)))),
    el('td', {}, a.postCount), el('td', {}, a.status + (a.revision > 1 ? ' (rev ' + a.revision + ')' : '')),
    el('td', { class: 'age', title: a.updatedAt }, age(a.updatedAt)));
  rowCache.set(a.alertId, { alert: a, row });
  return row;
}

function renderAlertRows(freshId) {
  const body = document.querySelector('#alerts tbody');
  if (!body) return;
  for (const id of rowCache.keys()) if (!state.alerts.has(id)) rowCache.delete(id);
  const rows = [...state.alerts.values()].reverse().filter(matches).slice(0, 500).map(a => alertRow(a, a.alertId === freshId));
  rows.forEach(row => { row.querySelector('.age').textContent = age(row.querySelector('.age').title); });
  body.replaceChildren(...rows);
  document.getElementById('alert-count').textContent = rows.length + ' of ' + state.alerts.size;
}

// ---- #/alert/ID ----

async function alertView(id) {
  let revisions;
  try {
    revisions = (await getJson('/console/api/alerts/' + enc(id))).revisions;
  } catch (e) { return failed('Alert ' + id, e); }
  const a = revisions[revisions.length - 1];
  const campaignId = Object.entries(a.evidence).find(([k]) => k === 'campaignId' || k.endsWith('.campaignId'))?.[1];
  const lineage = a.lineage || {};
  view.replaceChildren(
    el('h1', {}, sev(a.severity), ' ', a.category, ' ', el('span', { class: 'muted' }, a.alertId)),
    el('div', { class: 'card' }, el('dl', { class: 'kv' },
      el('dt', {}, 'risk'), el('dd', {}, a.risk.toFixed(3)), el('dt', {}, 'status'), el('dd', {}, a.status + ', revision ' + a.revision),
      el('dt', {}, 'first seen'), el('dd', {}, a.firstSeenAt), el('dt', {}, 'last seen'), el('dd', {}, a.lastSeenAt),
      el('dt', {}, 'campaign'), el('dd', {}, campaignId ? link('#/campaign/' + enc(campaignId), campaignId) : '—'))),
    el('h2', {}, 'Reasons'), el('ul', { class: 'reasons', id: 'alert-reasons' }, a.reasons.map(r => el('li', {}, r))),
    el('h2', {}, 'Evidence'), el('table', {}, Object.entries(a.evidence).map(([k, v]) => el('tr', {}, el('th', {}, k), el('td', {}, k.endsWith('campaignId') ? link('#/campaign/' + enc(v), v) : v)))),
    el('h2', {}, 'Posts (' + a.postCount + ')'), el('ul', { id: 'alert-posts' }, a.postIds.map(p => el('li', {}, link('#/post/' + enc(p), p)))),
    el('h2', {}, 'Lineage'), el('div', { class: 'card' }, el('dl', { class: 'kv' },
      el('dt', {}, 'model'), el('dd', {}, lineage.modelVersion), el('dt', {}, 'rule set'), el('dd', {}, lineage.ruleSetVersion),
      el('dt', {}, 'config hash'), el('dd', {}, lineage.configHash),
      el('dt', {}, 'inputs'), el('dd', {}, (lineage.inputs || []).map(i => el('div', {}, el('code', {}, i.topic + '-' + i.partition + '@' + i.offset)))))),
    el('h2', {}, 'Revisions'),
    el('table', {}, el('tr', {}, ['revision', 'status', 'severity', 'risk', 'posts', 'updated'].map(h => el('th', {}, h))),
      revisions.slice().reverse().map(r => el('tr', {}, el('td', {}, r.revision), el('td', {}, r.status), el('td', {}, sev(r.severity)),
        el('td', {}, r.risk.toFixed(3)), el('td', {}, r.postCount), el('td', {}, r.updatedAt)))));
}

// ---- #/campaign/ID : accounts and shared objects as a network ----

async function campaignView(id) {
  let c;
  try { c = await getJson('/console/api/campaigns/' + enc(id)); } catch (e) { return failed('Campaign ' + id, e); }
  // each member post's assessment names its author and time: the shares of the timeline and the edges' hover text
  const shares = (await Promise.all(c.postIds.slice(0, 100).map(p => getJson('/v1/posts/' + enc(p) + '/assessment').catch(() => null))))
    .filter(Boolean).map(a => ({ postId: a.postId, account: a.authorId, at: a.postCreatedAt }))
    .sort((x, y) => x.at.localeCompare(y.at));
  const hover = el('div', { id: 'hover', class: 'card' }, el('p', { class: 'muted' }, 'Point at a node or an edge.'));
  const graph = el('div', { id: 'graph' });
  view.replaceChildren(
    el('h1', {}, 'Campaign ', el('span', { class: 'muted' }, c.campaignId)),
    el('div', { class: 'card' }, el('dl', { class: 'kv' },
      el('dt', {}, 'accounts'), el('dd', {}, c.memberAccounts.length), el('dt', {}, 'posts'), el('dd', {}, c.postCount),
      el('dt', {}, 'account pairs'), el('dd', {}, c.pairCount), el('dt', {}, 'time window'), el('dd', {}, (c.timeWindowMs / 1000) + ' s'),
      el('dt', {}, 'first / last share'), el('dd', {}, c.firstSeen + ' / ' + c.lastSeen))),
    el('div', { class: 'graph-wrap' }, graph, hover),
    el('h2', {}, 'Timeline of shares'),
    el('table', { id: 'timeline' }, el('tr', {}, ['time', 'account', 'post'].map(h => el('th', {}, h))),
      shares.map(s => el('tr', {}, el('td', {}, s.at), el('td', {}, s.account), el('td', {}, link('#/post/' + enc(s.postId), s.postId))))),
    el('h2', {}, 'Member posts'), el('ul', {}, c.postIds.map(p => el('li', {}, link('#/post/' + enc(p), p)))));
  drawCampaign(graph, hover, c, shares);
}

function drawCampaign(container, hover, c, shares) {
  const timesOf = account => shares.filter(s => s.account === account).map(s => s.at);
  const elements = [];
  for (const account of c.memberAccounts) {
    elements.push({ group: 'nodes', classes: 'account', data: { id: 'account:' + account, label: account, kind: 'account', times: timesOf(account) } });
  }
  c.sharedObjects.forEach((o, i) => {
    elements.push({ group: 'nodes', classes: 'object', data: { id: 'object:' + i, label: o.kind + ': ' + o.label.slice(0, 40), kind: o.kind, full: o.label } });
    for (const account of c.memberAccounts) {
      elements.push({ group: 'edges', data: { id: 'share:' + i + ':' + account, source: 'account:' + account, target: 'object:' + i, times: timesOf(account) } });
    }
  });
  const cy = cytoscape({
    container, elements, wheelSensitivity: 0.3,
    layout: { name: 'cose', animate: false, padding: 30 },
    style: [
      { selector: 'node', style: { label: 'data(label)', 'font-size': 10, 'text-valign': 'bottom', 'text-margin-y': 4, color: '#333' } },
      { selector: 'node.account', style: { 'background-color': '#2f7dbd', width: 22, height: 22 } },
      { selector: 'node.object', style: { 'background-color': '#d2461e', shape: 'round-rectangle', width: 30, height: 30 } },
      { selector: 'edge', style: { width: 1.5, 'line-color': '#b9c2cc', 'curve-style': 'bezier' } },
      { selector: '.hovered', style: { 'line-color': '#20232a', 'border-width': 2, 'border-color': '#20232a' } },
    ],
  });
  const show = (title, lines) => hover.replaceChildren(el('strong', {}, title), el('ul', { class: 'reasons' }, lines.map(l => el('li', {}, l))));
  cy.on('mouseover', 'node, edge', e => {
    const d = e.target.data();
    e.target.addClass('hovered');
    if (e.target.isEdge()) show('share', [d.source.slice(8) + ' shared ' + cy.getElementById(d.target).data('label'), ...(d.times.length ? d.times : ['time not known'])]);
    else if (d.kind === 'account') show('account ' + d.label, d.times.length ? d.times.map(t => 'shared at ' + t) : ['times not known']);
    else show(d.kind, [d.full]);
  });
  cy.on('mouseout', 'node, edge', e => e.target.removeClass('hovered'));
  window.provwatchGraph = cy; // for the browser test and the curious
}

// ---- #/post/ID : the explain API's answer ----

async function postView(id) {
  let a;
  try { a = await getJson('/v1/posts/' + enc(id) + '/assessment'); } catch (e) { return failed('Post ' + id, e); }
  const signals = a.signals.slice().sort((x, y) => y.score - x.score);
  view.replaceChildren(
    el('h1', {}, 'Post ', el('span', { class: 'muted' }, a.postId)),
    el('div', { class: 'card' }, el('dl', { class: 'kv' },
      el('dt', {}, 'risk'), el('dd', {}, a.risk.toFixed(3)), el('dt', {}, 'author'), el('dd', {}, a.authorId),
      el('dt', {}, 'posted'), el('dd', {}, a.postCreatedAt), el('dt', {}, 'processed'), el('dd', {}, a.processedAt),
      el('dt', {}, 'model / rules'), el('dd', {}, a.modelVersion + ' / ' + a.ruleSetVersion), el('dt', {}, 'config hash'), el('dd', {}, a.configHash),
      el('dt', {}, 'input'), el('dd', {}, el('code', {}, a.input ? a.input.topic + '-' + a.input.partition + '@' + a.input.offset : '')))),
    el('h2', {}, 'Signals'),
    el('div', { id: 'signals' }, signals.map(s => el('div', { class: 'signal' + (s.score > 0 ? ' scored' : ''), 'data-signal': s.name },
      el('div', {}, el('span', { class: 'bar-bg' }, el('span', { class: 'bar', style: 'width:' + Math.round(s.score * 100) + '%' })),
        el('strong', {}, s.name), ' ', el('span', { class: 'muted' }, s.score.toFixed(3))),
      s.reasons.length ? el('ul', { class: 'reasons' }, s.reasons.map(r => el('li', { class: 'reason' }, r))) : el('div', { class: 'muted' }, 'no finding'),
      Object.keys(s.evidence).length ? el('table', {}, Object.entries(s.evidence).map(([k, v]) =>
        el('tr', {}, el('th', {}, k), el('td', {}, k.endsWith('campaignId') ? link('#/campaign/' + enc(v), v) : v)))) : null))));
}

// ---- #/overview : small charts of this process's meters ----

async function overviewView() {
  view.replaceChildren(el('h1', {}, 'Overview ', el('span', { class: 'muted' }, 'last hour, this process')), el('div', { class: 'charts', id: 'charts' }));
  const draw = async () => {
    let data;
    try { data = await getJson('/console/api/overview'); } catch (e) { return failed('Overview', e); }
    const charts = document.getElementById('charts');
    if (!charts) return;
    const pick = prefix => Object.keys(data.series).filter(n => n.startsWith(prefix)).sort();
    const panels = [
      ['Posts and assessments per second', ['posts', 'assessments']],
      ['Alerts per second by severity', pick('alerts:')],
      ['Dead letters per second by stage', pick('deadLetters:')],
      ['Consumer lag (records) by stage', pick('lag:')],
    ];
    charts.replaceChildren(...panels.map(([title, names]) => chart(title, data, names)));
  };
  await draw();
  state.timers.push(setInterval(draw, 5000));
}

const PALETTE = ['#d2461e', '#2f7dbd', '#2e7d32', '#8b0000', '#d9a400', '#6a3d9a', '#8a8a8a'];

function chart(title, data, names) {
  const card = el('div', { class: 'card' }, el('h2', {}, title));
  if (!names.length || data.times.length < 2) {
    card.append(el('p', { class: 'muted' }, names.length ? 'collecting (a point every ' + data.intervalSeconds + ' s)' : 'nothing measured in this process'));
    return card;
  }
  const series = [{}, ...names.map((n, i) => ({ label: n.includes(':') ? n.split(':')[1] : n, stroke: PALETTE[i % PALETTE.length], width: 1.5 }))];
  new uPlot({ width: 420, height: 180, series, axes: [{}, { size: 50 }] }, [data.times, ...names.map(n => data.series[n])], card);
  return card;
}

// ---- #/audits ----

async function auditsView(file) {
  if (file) return auditView(file);
  let data;
  try { data = await getJson('/console/api/audits'); } catch (e) { return failed('Audits', e); }
  view.replaceChildren(el('h1', {}, 'Audits ', el('span', { class: 'muted' }, data.dir)),
    data.reports.length === 0 ? el('p', { class: 'muted' }, 'No audit-<run-id>.json here yet: provwatch replay --report ' + data.dir) :
      el('table', { id: 'audits' }, el('tr', {}, ['run', 'status', 'range', 'alerts', 'new', 'gone', 'changed', 'written'].map(h => el('th', {}, h))),
        data.reports.map(r => el('tr', {}, el('td', {}, link('#/audits/' + enc(r.file), r.runId || r.file)), el('td', {}, r.status || r.error),
          el('td', {}, (r.from || '') + ' → ' + (r.to || '')), el('td', {}, r.counts?.alerts), el('td', {}, r.counts?.new),
          el('td', {}, r.counts?.gone), el('td', {}, r.counts?.changed), el('td', {}, r.writtenAt)))));
}

async function auditView(file) {
  let r;
  try { r = await getJson('/console/api/audits/' + enc(file)); } catch (e) { return failed('Audit ' + file, e); }
  const html = file.replace(/\.json$/, '.html');
  const section = (title, value) => [el('h2', {}, title), tree(value)];
  view.replaceChildren(el('h1', {}, 'Audit ', el('span', { class: 'muted' }, r.runId), ' ', el('span', { class: 'sev ' + (r.status === 'COMPLETE' ? 'LOW' : 'HIGH') }, r.status)),
    el('p', {}, r.from + ' → ' + r.to, ' · ', el('a', { href: '/console/api/audits/' + enc(html), target: '_blank' }, 'the full HTML report')),
    r.incomplete ? el('p', { class: 'error' }, r.incomplete) : null,
    section('Counts', r.counts), section('Difference from live', r.comparison), section('Lineage', r.lineage), section('Accounting', r.accounting));
}

/** A JSON value as nested definition lists and tables: arrays of objects become tables. */
function tree(value) {
  if (value === null || value === undefined) return el('span', { class: 'muted' }, '—');
  if (Array.isArray(value)) {
    if (value.length && typeof value[0] === 'object' && value[0] !== null) {
      const keys = [...new Set(value.flatMap(Object.keys))];
      return el('table', {}, el('tr', {}, keys.map(k => el('th', {}, k))),
        value.slice(0, 200).map(row => el('tr', {}, keys.map(k => el('td', {}, typeof row[k] === 'object' ? JSON.stringify(row[k]) : row[k])))));
    }
    return el('span', {}, value.length ? value.join(', ') : '—');
  }
  if (typeof value === 'object') {
    return el('dl', { class: 'kv card' }, Object.entries(value).flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, tree(v))]));
  }
  return el('span', {}, String(value));
}

// ---- routing ----

function currentRoute() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const name = parts[0] || 'alerts';
  return { name, arg: parts.slice(1).join('/') };
}

function route() {
  state.timers.splice(0).forEach(clearInterval);
  window.provwatchGraph = undefined;
  const { name, arg } = currentRoute();
  document.querySelectorAll('[data-nav]').forEach(a => a.classList.toggle('active', a.dataset.nav === name));
  const views = { alerts: alertsView, alert: alertView, campaign: campaignView, post: postView, overview: overviewView, audits: auditsView };
  (views[name] || alertsView)(arg);
}

window.addEventListener('hashchange', route);
connect();
route();
setInterval(() => { if (currentRoute().name === 'alerts') renderAlertRows(); }, 30000); // ages move on
