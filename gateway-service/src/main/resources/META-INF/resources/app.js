// Autoflow web app: the gateway's public API only, no third-party code. Views are switched by the URL's hash;
// /jobs/<id> (the link in emails) opens that job. Workflows and credentials are in workflows.js.
'use strict';

const $ = (id) => document.getElementById(id);
let pollTimer = null;
let chatSession = null;

/** An API error as the person should read it: the platform's message and its stable code. */
class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || ('HTTP ' + status));
    this.status = status;
    this.code = (body && body.code) || 'http_' + status;
    this.details = (body && body.details) || {};
  }
}

async function api(path, options = {}) {
  const headers = Object.assign(await Auth.headers(), options.headers || {});
  const response = await fetch(path, Object.assign({}, options, {headers}));
  const body = response.headers.get('Content-Type')?.includes('json') ? await response.json() : null;
  if (response.status === 401) {
    signOut('Please sign in again (' + ((body && body.code) || 'unauthorized') + ').');
    throw new ApiError(401, body);
  }
  if (!response.ok) {
    throw new ApiError(response.status, body);
  }
  return body;
}

function notice(text, isError) {
  const box = $('notice');
  box.textContent = text || '';
  box.hidden = !text;
  box.classList.toggle('error', !!isError);
}

function showError(error) {
  notice(error.message + (error.code ? ' (' + error.code + ')' : ''), true);
}

function show(view) {
  for (const section of document.querySelectorAll('main > section')) {
    section.hidden = section.id !== 'view-' + view;
  }
  $('nav').hidden = !Auth.signedIn();
  const heading = document.querySelector('#view-' + view + ' h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

/** Forgets who the person is; the Sign out button also ends their session at the identity provider. */
function signOut(message, atProvider) {
  const endSession = atProvider ? Auth.endSessionUrl() : null;
  Auth.forget();
  if (endSession) {
    location.assign(endSession);
    return;
  }
  location.hash = '#/signin';
  route();
  if (message) {
    notice(message, true);
  }
}

async function route() {
  clearTimeout(pollTimer);
  const pathJob = location.pathname.match(/^\/jobs\/([0-9a-f-]{36})$/);
  const hash = location.hash || (pathJob ? '#/jobs/' + pathJob[1] : '#/analyse');
  if (!Auth.signedIn()) {
    show('signin');
    return;
  }
  notice('');
  const job = hash.match(/^#\/jobs\/([0-9a-f-]{36})$/);
  if (job) {
    show('job');
    await showJob(job[1]);
  } else if (hash === '#/account') {
    show('account');
    await showAccount();
  } else if (hash === '#/chat') {
    show('chat');
  } else if (hash === '#/jobs') {
    show('jobs');
    await showJobs();
  } else if (hash === '#/schedules') {
    show('schedules');
    await showSchedules();
  } else if (hash === '#/workflows') {
    show('workflows');
    await showWorkflows();
  } else if (hash.startsWith('#/workflows/')) {
    show('workflow');
    await showWorkflow(hash.slice('#/workflows/'.length));
  } else if (hash === '#/credentials') {
    show('credentials');
    await showCredentials();
  } else {
    show('analyse');
    await showLimits();
  }
}

async function signIn(event) {
  event.preventDefault();
  Auth.useKey($('api-key').value.trim());
  try {
    await api('/api/me');
    $('api-key').value = '';
    location.hash = '#/analyse';
    route();
  } catch (error) {
    Auth.forget();
    show('signin');
    showError(error);
    $('api-key').value = '';
    $('api-key').focus();
  }
}

async function showLimits() {
  try {
    const usage = await api('/api/me/usage?days=1');
    const mb = Math.round(usage.limits.max_file_bytes / 1048576);
    const requests = usage.limits.requests_per_day < 0 ? 'unlimited requests'
      : usage.today.requests + ' of ' + usage.limits.requests_per_day + ' requests used today';
    $('limits').textContent = 'Your ' + usage.tier + ' tier: documents up to ' + mb + ' MB, ' + requests + '.';
  } catch (error) {
    if (error.status !== 401) showError(error);
  }
}

function chosenFile() {
  return $('file').files[0] || null;
}

async function upload(event) {
  event.preventDefault();
  const file = chosenFile();
  const url = $('file-url').value.trim();
  if (!file && !url) {
    notice('Choose a document or give its web address first.', true);
    return;
  }
  const form = $('analyse-form');
  const delivery = form.delivery.value;
  const output = {format: form.format.value, delivery: delivery};
  if (delivery === 'email' && form.target.value.trim()) output.email = form.target.value.trim();
  if (delivery === 'webhook') output.webhook_url = form.target.value.trim();
  const request = {
    analysis: {statistical: form.statistical.checked, trends: form.trends.checked,
      insights: form.insights.checked, anomalies: form.anomalies.checked},
    output: output,
  };
  notice('');
  if (!file) {
    await submitUrl(Object.assign({file: url}, request));
    return;
  }
  const data = new FormData();
  data.append('file', file);
  data.append('request', new Blob([JSON.stringify(request)], {type: 'application/json'}));
  // XMLHttpRequest, not fetch: only it reports upload progress.
  const xhr = new XMLHttpRequest();
  xhr.open('POST', '/api/analytics/document');
  for (const [name, value] of Object.entries(await Auth.headers())) xhr.setRequestHeader(name, value);
  xhr.upload.onprogress = (e) => {
    if (e.lengthComputable) $('upload-progress').value = Math.round(100 * e.loaded / e.total);
  };
  xhr.onload = () => {
    let body = null;
    try { body = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
    $('analyse-button').disabled = false;
    if (xhr.status === 401) return signOut('Please sign in again.');
    if (xhr.status !== 202) return showError(new ApiError(xhr.status, body));
    location.hash = '#/jobs/' + body.job_id;
  };
  xhr.onerror = () => {
    $('analyse-button').disabled = false;
    notice('The upload did not reach Autoflow; check your connection.', true);
  };
  $('analyse-button').disabled = true;
  $('upload-progress').value = 0;
  xhr.send(data);
}

/** The platform downloads the document itself (public addresses only), then analyses it like an upload. */
async function submitUrl(request) {
  $('analyse-button').disabled = true;
  try {
    const accepted = await api('/api/analytics/document', {method: 'POST',
      headers: {'Content-Type': 'application/json'}, body: JSON.stringify(request)});
    location.hash = '#/jobs/' + accepted.job_id;
  } catch (error) {
    if (error.status !== 401) showError(error);
  } finally {
    $('analyse-button').disabled = false;
  }
}

function seconds(ms) {
  return ms == null ? '' : (ms / 1000).toFixed(1) + ' s';
}

async function showJobs() {
  try {
    const list = await api('/api/jobs?limit=50');
    const rows = $('jobs-table').querySelector('tbody');
    rows.replaceChildren(...list.jobs.map((job) => {
      const row = document.createElement('tr');
      const link = document.createElement('a');
      link.href = '#/jobs/' + job.job_id;
      link.textContent = job.file_name || job.job_id;
      row.append(cell(link), cell(job.status), cell((job.workflow_type || '').replace('_', ' ')),
        cell(seconds(job.duration_ms)), cell(job.created_at ? new Date(job.created_at).toLocaleString() : ''));
      row.dataset.status = job.status;
      return row;
    }));
    if (list.jobs.some((job) => job.status === 'queued' || job.status === 'processing')) {
      pollTimer = setTimeout(showJobs, 2000);
    }
  } catch (error) {
    if (error.status !== 401) showError(error);
  }
}

/** The person's schedules, active ones first, each with its next run, its last run's job and a Stop button. */
async function showSchedules() {
  try {
    const schedules = (await api('/api/schedules?limit=100')).schedules;
    $('schedules-empty').hidden = schedules.length > 0;
    $('schedules-table').hidden = schedules.length === 0;
    $('schedules-table').querySelector('tbody').replaceChildren(...schedules.map((schedule) => {
      const row = element('tr');
      row.dataset.status = schedule.status;
      const runs = element('span', String(schedule.runs));
      if (schedule.last_run_job_id) {
        const last = element('a', 'last');
        last.href = '#/jobs/' + schedule.last_run_job_id;
        last.setAttribute('aria-label', 'The last run of ' + schedule.name);
        runs.append(' (', last, ')');
      }
      const next = schedule.next_runs && schedule.next_runs.length
        ? new Date(schedule.next_runs[0]).toLocaleString() : '';
      const stop = element('button', 'Stop', 'danger');
      stop.type = 'button';
      stop.setAttribute('aria-label', 'Stop ' + schedule.name);
      stop.hidden = schedule.status !== 'active';
      stop.addEventListener('click', () => stopSchedule(schedule));
      row.append(cell(schedule.name), cell(schedule.description + ' (' + schedule.time_zone + ')'), cell(next),
        cell(runs), cell(schedule.status), cell(stop));
      return row;
    }));
  } catch (error) {
    if (error.status !== 401) showError(error);
  }
}

async function stopSchedule(schedule) {
  if (!confirm('Stop ' + schedule.name + '? No run starts after this.')) return;
  try {
    await api('/api/schedules/' + schedule.schedule_id, {method: 'DELETE'});
    await showSchedules();
    notice('Stopped: ' + schedule.name + '.');
  } catch (error) {
    if (error.status !== 401) showError(error);
  }
}

function cell(content) {
  const td = document.createElement('td');
  td.append(content);
  return td;
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text != null) node.textContent = text;
  if (className) node.className = className;
  return node;
}

async function showJob(id) {
  try {
    const job = await api('/api/jobs/' + id);
    renderJob(job);
    if (!isFinal(job)) follow(id);
  } catch (error) {
    if (error.status !== 401) showError(error);
  }
}

function isFinal(job) {
  return (job.status === 'completed' || job.status === 'failed')
    && job.delivery_status !== 'pending' && job.delivery_status !== 'retrying';
}

/**
 * Follows the job's server-sent events (GET /api/jobs/{id}/events, read with fetch because EventSource cannot send
 * the API key); if the stream fails, asks again every second instead.
 */
async function follow(id) {
  try {
    const response = await fetch('/api/jobs/' + id + '/events', {headers: await Auth.headers()});
    if (!response.ok || !response.body) throw new Error('no stream');
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let last = null;
    for (;;) {
      const {value, done} = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, {stream: true});
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const data = buffer.slice(0, end).split('\n').filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5)).join('\n');
        buffer = buffer.slice(end + 2);
        if (data.trim() && location.hash === '#/jobs/' + id) {
          last = JSON.parse(data);
          renderJob(last);
        }
      }
    }
    if (!last || !isFinal(last)) pollTimer = setTimeout(() => showJob(id), 1000); // the stream ended early
  } catch (error) {
    pollTimer = setTimeout(() => showJob(id), 1000);
  }
}

function renderJob(job) {
  $('job-title').textContent = job.file_name || 'Job';
  $('job-status').textContent = 'Status: ' + job.status + (job.duration_ms ? ', ' + seconds(job.duration_ms) : '')
    + (job.delivery_status && job.workflow_type !== 'workflow_run' ? ', delivery ' + job.delivery_status : '');
  $('job-status').dataset.status = job.status;
  $('job-progress').value = job.status === 'completed' || job.status === 'failed' ? 100 : (job.progress || 5);
  const result = $('job-result');
  if (job.workflow_type === 'workflow_run') {
    result.replaceChildren(...runView(job)); // workflows.js: the steps' timeline, rerun and cancel
  } else if (job.status === 'failed') {
    result.replaceChildren(element('p', job.error.message + ' (' + job.error.code + ')', 'error'));
  } else if (job.status === 'completed') {
    result.replaceChildren(...report(job));
  } else {
    result.replaceChildren();
  }
}

/** JSON indented for reading (a preview cut short stays as it came). */
function pretty(text, type) {
  if (!/json/.test(type || '')) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch (e) {
    return text;
  }
}

/**
 * The result view: downloads, narrative, findings, anomalies, charts and each table's statistics for an analysis;
 * for an API call, its answer (a preview, and the whole as a download).
 */
function report(job) {
  const parts = [];
  const r = job.result || {};
  if (job.download_url) {
    const download = element('a', r.response ? "Download the API's answer"
      : r.file ? 'Download the ' + r.target_format.toUpperCase() + ' file'
      : 'Download the ' + ((r.report && r.report.format) || 'pdf').toUpperCase() + ' report', 'button');
    download.href = job.download_url;
    download.id = 'download-report';
    download.setAttribute('download', '');
    parts.push(element('p').appendChild(download).parentNode);
  }
  if (r.narrative) parts.push(element('p', r.narrative.text, 'narrative'));
  if (r.preview) {
    const preview = element('pre', pretty(r.preview, r.content_type), 'preview');
    preview.tabIndex = 0; // scrollable: reachable from the keyboard
    parts.push(preview);
  }
  if (r.insights && r.insights.length) {
    parts.push(element('h2', 'Key findings'));
    const list = element('ul');
    list.id = 'insights';
    r.insights.forEach((i) => list.append(element('li', i.text)));
    parts.push(list);
  }
  if (r.alerts && r.alerts.length) {
    parts.push(element('h2', 'Anomalies and data quality'));
    const list = element('ul', null, 'alerts');
    r.alerts.forEach((a) => list.append(element('li', a.message || a.text || JSON.stringify(a))));
    parts.push(list);
  }
  (job.charts || []).forEach((chart) => {
    const figure = element('figure');
    const image = element('img');
    image.src = chart.url;
    image.alt = chart.title;
    figure.append(image, element('figcaption', chart.title));
    parts.push(figure);
  });
  // an analysis's tables (a conversion's result counts its tables instead)
  (Array.isArray(r.tables) ? r.tables : []).forEach((table) => {
    parts.push(element('h2', table.name + ': ' + table.row_count + ' rows'));
    const grid = element('table');
    const head = element('tr');
    ['Column', 'Type', 'Missing', 'Mean', 'Median', 'Min', 'Max'].forEach((h) => {
      const th = element('th', h);
      th.scope = 'col';
      head.append(th);
    });
    grid.append(element('thead').appendChild(head).parentNode);
    const body = element('tbody');
    table.columns.forEach((c) => {
      const row = element('tr');
      [c.name, c.type, c.missing, c.mean, c.median, c.min, c.max].forEach((v) =>
        row.append(element('td', v == null ? '' : (typeof v === 'number' ? +v.toFixed(3) : v))));
      body.append(row);
    });
    grid.append(body);
    parts.push(grid);
  });
  return parts;
}

async function showAccount() {
  try {
    const [me, usage, keys] = await Promise.all([api('/api/me'), api('/api/me/usage?days=1'),
      api('/api/me/api-keys?limit=100')]);
    $('account-who').textContent = me.email + ', ' + me.tier + ' tier';
    const limit = usage.limits.requests_per_day < 0 ? 'no daily limit' : 'of ' + usage.limits.requests_per_day;
    $('account-usage').textContent = 'Today: ' + usage.today.requests + ' requests (' + limit + '), '
      + usage.today.jobs + ' jobs, ' + Math.round(usage.today.bytes_uploaded / 1024) + ' KB uploaded; documents up to '
      + Math.round(usage.limits.max_file_bytes / 1048576) + ' MB.';
    showZone(me.time_zone);
    $('keys-table').querySelector('tbody').replaceChildren(...keys.api_keys.map((key) => {
      const row = element('tr');
      const revoke = element('button', 'Revoke', 'danger');
      revoke.type = 'button';
      revoke.setAttribute('aria-label', 'Revoke the key ' + key.name);
      revoke.addEventListener('click', () => revokeKey(key));
      row.append(cell(key.name), cell(key.prefix + '…'),
        cell(key.last_used_at ? new Date(key.last_used_at).toLocaleString() : 'never'),
        cell(key.expires_at ? new Date(key.expires_at).toLocaleDateString() : 'never'), cell(revoke));
      return row;
    }));
    try {
      const secret = await api('/api/me/webhook-secret');
      $('secret-status').textContent = 'You have a webhook secret since ' + new Date(secret.created_at).toLocaleString()
        + (secret.previous_valid_until ? '; the one it replaced still signs too until '
          + new Date(secret.previous_valid_until).toLocaleString() : '')
        + '. Making a new one replaces it; the replaced one keeps signing for a day, so receivers can switch.';
    } catch (error) {
      $('secret-status').textContent = error.code === 'webhook_secret_not_found'
        ? 'No webhook secret yet: make one to receive signed webhooks.' : error.message + ' (' + error.code + ')';
    }
  } catch (error) {
    if (error.status !== 401) showError(error);
  }
}

/** The zones to choose from, the saved one (or, until one is saved, this browser's) selected. */
function showZone(saved) {
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const zones = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];
  if (saved && !zones.includes(saved)) zones.unshift(saved);
  $('time-zone').replaceChildren(...zones.map((zone) => {
    const option = element('option', zone.replace(/_/g, ' '));
    option.value = zone;
    return option;
  }));
  $('time-zone').value = saved || browserZone;
  $('zone-status').textContent = saved ? 'Saved.'
    : 'Not saved yet: schedules run in UTC until you save one (this browser says ' + browserZone + ').';
}

async function saveZone(event) {
  event.preventDefault();
  try {
    const me = await api('/api/me', {method: 'PATCH', headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({time_zone: $('time-zone').value})});
    showZone(me.time_zone);
    notice('Your time zone is ' + me.time_zone + '.');
  } catch (error) {
    if (error.status !== 401) showError(error);
  }
}

/** Shows a secret the platform shows only once. */
function reveal(id, label, value) {
  const box = $(id);
  box.replaceChildren(element('span', label + ' (copy it now, it is not shown again): '), element('code', value));
  box.hidden = false;
}

async function createKey(event) {
  event.preventDefault();
  try {
    const created = await api('/api/me/api-keys', {method: 'POST', headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({name: $('key-name').value.trim()})});
    $('key-name').value = '';
    reveal('new-key', 'Your new key ' + created.name, created.key);
    await showAccount();
  } catch (error) {
    if (error.status !== 401) showError(error);
  }
}

async function revokeKey(key) {
  if (!confirm('Revoke the key ' + key.name + '? Programs using it stop working.')) return;
  try {
    await api('/api/me/api-keys/' + key.id, {method: 'DELETE'});
    await showAccount();
    notice('The key ' + key.name + ' is revoked.');
  } catch (error) {
    if (error.status !== 401) showError(error);
  }
}

async function createSecret() {
  try {
    const created = await api('/api/me/webhook-secret', {method: 'POST'});
    reveal('new-secret', 'Your webhook secret', created.secret);
    await showAccount();
  } catch (error) {
    if (error.status !== 401) showError(error);
  }
}

async function exportData() {
  try {
    const response = await fetch('/api/me/export', {headers: await Auth.headers()});
    if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
    const link = element('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = 'autoflow-export.zip';
    link.click();
  } catch (error) {
    showError(error);
  }
}

async function deleteAccount() {
  if (!confirm('Delete your account, your jobs, documents and reports for good?')) return;
  try {
    await api('/api/me', {method: 'DELETE'});
    signOut('Your account and data are deleted.');
  } catch (error) {
    if (error.status !== 401) showError(error);
  }
}

/** What the person can answer with one click, for the parameter the assistant asks for. */
const QUICK_REPLIES = {
  email: ['Send it to me'],
  target_format: ['csv', 'json', 'xlsx'],
  cron: ['every Monday at 9am', 'daily at 18:30'],
  delivery: ['Email it to me', 'To download'],
};

function say(who, text, jobId, workflowId) {
  const item = element('li', null, 'chat-' + who);
  item.append(element('span', who === 'you' ? 'You: ' : 'Autoflow: ', 'who'), element('span', text));
  if (workflowId) { // a workflow the chat saved: its page in the workflow editor (workflows.js)
    const link = element('a', 'Open the workflow', 'workflow-link');
    link.href = '#/workflows/' + encodeURIComponent(workflowId);
    item.append(' ', link);
  }
  if (jobId) {
    const link = element('a', 'Open the job');
    link.href = '#/jobs/' + jobId;
    link.className = 'job-link';
    item.append(' ', link);
  }
  $('chat-log').append(item);
}

function offer(reply) {
  const answers = reply.awaiting_confirmation ? ['yes', 'no']
    : (reply.missing || []).flatMap((name) => QUICK_REPLIES[name] || []);
  $('quick-replies').replaceChildren(...answers.map((answer) => {
    const button = element('button', answer, 'quick');
    button.type = 'button';
    button.addEventListener('click', () => sendChat(answer));
    return button;
  }));
}

async function sendChat(text) {
  const file = $('chat-file').files[0] || null;
  const message = (text || '').trim() || (file ? 'Analyse this document' : '');
  if (!message) return;
  say('you', message + (file ? ' [' + file.name + ']' : ''));
  $('chat-message').value = '';
  $('chat-send').disabled = true;
  try {
    let reply;
    if (file) {
      const data = new FormData();
      data.append('message', message);
      if (chatSession) data.append('session_id', chatSession);
      data.append('file', file);
      reply = await api('/api/chat', {method: 'POST', body: data});
      $('chat-file').value = '';
    } else {
      reply = await api('/api/chat', {method: 'POST', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({message: message, session_id: chatSession})});
    }
    chatSession = reply.session_id;
    say('autoflow', reply.reply, reply.job_id, reply.workflow_id);
    offer(reply);
  } catch (error) {
    if (error.status !== 401) say('autoflow', error.message + ' (' + error.code + ')');
  } finally {
    $('chat-send').disabled = false;
    $('chat-message').focus();
  }
}

function bind() {
  bindWorkflows(); // workflows.js
  $('key-form').addEventListener('submit', createKey);
  $('zone-form').addEventListener('submit', saveZone);
  $('secret-create').addEventListener('click', createSecret);
  $('export').addEventListener('click', exportData);
  $('delete-account').addEventListener('click', deleteAccount);
  $('chat-form').addEventListener('submit', (e) => {
    e.preventDefault();
    sendChat($('chat-message').value);
  });
  $('signin-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', () => signOut(null, true));
  $('oidc-signin').addEventListener('click', () => Auth.begin());
  $('analyse-form').addEventListener('submit', upload);
  $('delivery').addEventListener('change', () => {
    const delivery = $('delivery').value;
    $('target').hidden = $('target-label').hidden = delivery === 'download';
    $('target-label').textContent = delivery === 'webhook' ? 'Webhook URL' : 'Email address (empty: your own)';
  });
  const drop = $('drop');
  drop.addEventListener('click', () => $('file').click());
  drop.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); $('file').click(); }
  });
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer.files.length) {
      $('file').files = e.dataTransfer.files;
      $('drop-help').textContent = e.dataTransfer.files[0].name;
    }
  });
  $('file').addEventListener('change', () => {
    if (chosenFile()) $('drop-help').textContent = chosenFile().name;
  });
  window.addEventListener('hashchange', route);
}

/** Offers the identity provider's sign-in when there is one, and finishes a sign-in it sends the person back from. */
async function start() {
  bind();
  const provider = await Auth.load();
  $('oidc-option').hidden = !provider;
  try {
    const returnTo = await Auth.complete();
    if (returnTo) history.replaceState(null, '', returnTo);
  } catch (error) {
    route();
    showError(error);
    return;
  }
  route();
}

start();
