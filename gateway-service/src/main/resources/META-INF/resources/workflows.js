// Autoflow web app: workflows (list, editor, runs, each run's steps) and credentials. Loaded before app.js, whose
// helpers ($, api, element, cell, notice, showError, seconds, report) these functions use when called.
'use strict';

/** A step of each type as a starting point in the editor; every field is described in the API documentation. */
const STEP_TEMPLATES = {
  http: {type: 'http', name: 'fetch', method: 'GET', url: 'https://api.example.com/data', credential: 'my-api',
    retry: {max_attempts: 3, backoff_seconds: 10}},
  transform: {type: 'transform', name: 'totals', input: 'fetch', jsonata: 'data',
    operations: [{op: 'group_by', by: ['product'], aggregates: [{function: 'sum', column: 'revenue', as: 'revenue'}]}],
    target_format: 'xlsx'},
  analyse: {type: 'analyse', name: 'analysis', input: 'fetch', analyses: ['statistical', 'trends'], format: 'pdf'},
  convert: {type: 'convert', name: 'converted', input: 'fetch', target_format: 'csv'},
  notify: {type: 'notify', name: 'send', channel: 'email', subject: 'Your workflow ran',
    message: 'Done: {{ steps.totals.rows }} rows.', attach: 'totals'},
};

let openWorkflow = null;

/** "every Monday at 8 (Europe/Paris)", "by hand", "webhook": a trigger in a few words. */
function triggerText(trigger) {
  if (!trigger) return '';
  if (trigger.type === 'schedule') return 'schedule ' + trigger.cron + ' (' + (trigger.time_zone || 'UTC') + ')';
  if (trigger.type === 'webhook') return 'webhook' + (trigger.verify_signature ? ', signed' : '');
  return 'by hand';
}

async function showWorkflows() {
  try {
    const workflows = await api('/api/workflows');
    $('workflows-empty').hidden = workflows.length > 0;
    $('workflows-table').hidden = workflows.length === 0;
    $('workflows-table').querySelector('tbody').replaceChildren(...workflows.map((workflow) => {
      const row = element('tr');
      row.dataset.enabled = String(workflow.enabled);
      const link = element('a', workflow.name);
      link.href = '#/workflows/' + workflow.id;
      const run = element('button', 'Run now');
      run.type = 'button';
      run.setAttribute('aria-label', 'Run ' + workflow.name + ' now');
      run.addEventListener('click', () => runWorkflow(workflow.id, null));
      row.append(cell(link), cell(triggerText(workflow.definition && workflow.definition.trigger)),
        cell(String(workflow.revision)), cell(workflow.enabled ? 'yes' : 'no'), cell(run));
      return row;
    }));
  } catch (error) {
    if (error.status !== 401) showError(error);
  }
}

/** The editor of a saved workflow (with its webhook, run, enable and delete actions and its runs) or of a new one. */
async function showWorkflow(id) {
  openWorkflow = null;
  $('workflow-actions').hidden = true;
  $('workflow-webhook').hidden = true;
  if (id === 'new') {
    $('workflow-title').textContent = 'New workflow';
    $('workflow-state').textContent = 'Not saved yet.';
    fillEditor({name: '', trigger: {type: 'manual'}, steps: [STEP_TEMPLATES.http, STEP_TEMPLATES.notify]});
    return;
  }
  try {
    const workflow = await api('/api/workflows/' + encodeURIComponent(id));
    openWorkflow = workflow;
    $('workflow-title').textContent = workflow.name;
    $('workflow-state').textContent = 'Revision ' + workflow.revision + ', ' + (workflow.enabled ? 'on' : 'off')
      + ', saved ' + new Date(workflow.updated_at).toLocaleString() + '.';
    fillEditor(workflow.definition);
    $('workflow-webhook').hidden = !workflow.webhook;
    if (workflow.webhook) {
      $('webhook-url').textContent = workflow.webhook.url;
      $('webhook-secret').textContent = workflow.webhook.secret;
    }
    $('workflow-toggle').textContent = workflow.enabled ? 'Turn off' : 'Turn on';
    $('workflow-actions').hidden = false;
    await showRuns(workflow);
  } catch (error) {
    if (error.status !== 401) showError(error);
  }
}

function fillEditor(definition) {
  const trigger = definition.trigger || {type: 'manual'};
  $('workflow-name').value = definition.name || '';
  $('workflow-trigger').value = trigger.type;
  $('workflow-cron').value = trigger.cron || '';
  $('workflow-zone').value = trigger.time_zone || '';
  $('workflow-verify').checked = !!trigger.verify_signature;
  $('workflow-steps').value = JSON.stringify(definition.steps || [], null, 2);
  showTriggerFields();
}

function showTriggerFields() {
  $('trigger-schedule').hidden = $('workflow-trigger').value !== 'schedule';
  $('trigger-webhook').hidden = $('workflow-trigger').value !== 'webhook';
}

/** The definition in the editor; steps that are not a JSON list are the person's to correct, said in the notice. */
function editedDefinition() {
  let steps;
  try {
    steps = JSON.parse($('workflow-steps').value);
  } catch (e) {
    throw new ApiError(400, {code: 'invalid_json', message: 'The steps are not JSON: ' + e.message});
  }
  const trigger = {type: $('workflow-trigger').value};
  if (trigger.type === 'schedule') {
    trigger.cron = $('workflow-cron').value.trim();
    if ($('workflow-zone').value.trim()) trigger.time_zone = $('workflow-zone').value.trim();
  } else if (trigger.type === 'webhook') {
    trigger.verify_signature = $('workflow-verify').checked;
  }
  return {name: $('workflow-name').value.trim(), trigger, steps};
}

async function saveWorkflow(event) {
  event.preventDefault();
  try {
    const definition = editedDefinition();
    const saved = openWorkflow
      ? await api('/api/workflows/' + openWorkflow.id, {method: 'PUT', body: JSON.stringify(definition),
        headers: {'Content-Type': 'application/json'}})
      : await api('/api/workflows', {method: 'POST', body: JSON.stringify(definition),
        headers: {'Content-Type': 'application/json'}});
    if (location.hash !== '#/workflows/' + saved.id) {
      history.pushState(null, '', '#/workflows/' + saved.id); // no hashchange: the notice below stays
    }
    await showWorkflow(saved.id);
    notice('Saved: ' + saved.name + ', revision ' + saved.revision + '.');
  } catch (error) {
    if (error.status !== 401) showWorkflowError(error);
  }
}

/** A refusal pointing at the step (from 0 in the API, from 1 here) and field, as the person sees them. */
function showWorkflowError(error) {
  const details = error.details || {};
  const where = details.step != null ? 'Step ' + (details.step + 1) + (details.field ? ', ' + details.field : '') + ': '
    : details.field ? details.field + ': ' : '';
  notice(where + error.message + ' (' + error.code + ')', true);
}

function addStep() {
  let steps;
  try {
    steps = JSON.parse($('workflow-steps').value || '[]');
  } catch (e) {
    notice('Correct the steps first: they are not JSON (' + e.message + ').', true);
    return;
  }
  const template = Object.assign({}, STEP_TEMPLATES[$('step-type').value]);
  const names = new Set(steps.map((s) => s.name));
  for (let n = 2; names.has(template.name); n++) template.name = STEP_TEMPLATES[template.type].name + n;
  steps.push(template);
  $('workflow-steps').value = JSON.stringify(steps, null, 2);
  $('workflow-steps').focus();
}

async function runWorkflow(id, payloadText) {
  try {
    let body;
    if (payloadText && payloadText.trim()) {
      try {
        body = JSON.stringify(JSON.parse(payloadText));
      } catch (e) {
        notice('The payload is not JSON: ' + e.message, true);
        return;
      }
    }
    const accepted = await api('/api/workflows/' + id + '/runs', {method: 'POST', body,
      headers: body ? {'Content-Type': 'application/json'} : {}});
    location.hash = '#/jobs/' + accepted.job_id;
  } catch (error) {
    if (error.status !== 401) showError(error);
  }
}

async function toggleWorkflow() {
  try {
    await api('/api/workflows/' + openWorkflow.id + '/enabled', {method: 'PUT',
      body: JSON.stringify({enabled: !openWorkflow.enabled}), headers: {'Content-Type': 'application/json'}});
    const now = !openWorkflow.enabled;
    await showWorkflow(openWorkflow.id);
    notice(now ? 'On: its trigger starts runs.' : 'Off: its schedule and webhook start nothing.');
  } catch (error) {
    if (error.status !== 401) showError(error);
  }
}

async function deleteWorkflow() {
  if (!confirm('Delete ' + openWorkflow.name + '? Runs under way finish; its trigger stops.')) return;
  try {
    await api('/api/workflows/' + openWorkflow.id, {method: 'DELETE'});
    history.pushState(null, '', '#/workflows');
    show('workflows');
    await showWorkflows();
    notice('Deleted: ' + openWorkflow.name + '.');
  } catch (error) {
    if (error.status !== 401) showError(error);
  }
}

/** The workflow's runs among the person's latest jobs, newest first. */
async function showRuns(workflow) {
  $('runs-table').hidden = true; // until they are read: a failure says so in the notice, not with an empty table
  $('runs-empty').hidden = true;
  const jobs = (await api('/api/jobs?limit=100')).jobs.filter((job) => job.workflow_type === 'workflow_run'
    && (job.result ? job.result.workflow_id === workflow.id : job.file_name === workflow.name));
  $('runs-empty').hidden = jobs.length > 0;
  $('runs-table').hidden = jobs.length === 0;
  $('runs-table').querySelector('tbody').replaceChildren(...jobs.map((job) => {
    const row = element('tr');
    row.dataset.status = job.status;
    const link = element('a', new Date(job.created_at).toLocaleString());
    link.href = '#/jobs/' + job.job_id;
    row.append(cell(link), cell(job.status), cell((job.result && job.result.trigger) || ''),
      cell(seconds(job.duration_ms)));
    return row;
  }));
}

/** A run's page: each step's status, attempt, time, sizes and error, its output on demand; rerun and cancel. */
function runView(job) {
  const parts = [];
  const r = job.result || {};
  if (job.status === 'failed' && job.error) {
    parts.push(element('p', job.error.message + ' (' + job.error.code + ')', 'error'));
  }
  if (r.narrative) parts.push(element('p', r.narrative.text, 'narrative'));
  const actions = element('p');
  if (job.status === 'failed') {
    const rerun = element('button', 'Run again from the failed step');
    rerun.type = 'button';
    rerun.id = 'run-rerun';
    rerun.addEventListener('click', () => controlRun(job.job_id, 'rerun'));
    actions.append(rerun);
  } else if (job.status !== 'completed') {
    const cancel = element('button', 'Cancel this run', 'danger');
    cancel.type = 'button';
    cancel.id = 'run-cancel';
    cancel.addEventListener('click', () => controlRun(job.job_id, 'cancel'));
    actions.append(cancel);
  }
  if (r.workflow_id) {
    const back = element('a', 'The workflow');
    back.href = '#/workflows/' + r.workflow_id;
    actions.append(' ', back);
  }
  parts.push(actions);
  const steps = element('ol', null, 'steps');
  steps.id = 'run-steps';
  (r.steps || []).forEach((step) => steps.append(stepView(step)));
  parts.push(steps);
  return parts;
}

function stepView(step) {
  const item = element('li');
  item.dataset.status = step.status;
  const facts = [step.type, step.status];
  if (step.attempt > 1) facts.push('attempt ' + step.attempt);
  if (step.started_at) facts.push('started ' + new Date(step.started_at).toLocaleTimeString());
  if (step.duration_ms != null) facts.push(seconds(step.duration_ms));
  if (step.input_bytes != null) facts.push('in ' + step.input_bytes + ' B');
  if (step.output_bytes != null) facts.push('out ' + step.output_bytes + ' B');
  if (step.reused) facts.push('reused from the earlier run');
  if (step.fallback_for) facts.push('fallback for ' + step.fallback_for);
  item.append(element('strong', step.name), ' — ' + facts.join(', '));
  if (step.error_code) item.append(element('p', step.error_message + ' (' + step.error_code + ')', 'error'));
  if (step.job_id) {
    const output = element('details');
    output.append(element('summary', 'Output of ' + step.name));
    output.addEventListener('toggle', () => loadStepOutput(output, step.job_id), {once: true});
    item.append(output);
  }
  return item;
}

/** A step's own job, shown the way any job's result is (an API's answer, a file to download, a report). */
async function loadStepOutput(container, jobId) {
  try {
    const job = await api('/api/jobs/' + jobId);
    const link = element('a', 'The step\u2019s job');
    link.href = '#/jobs/' + jobId;
    const shown = job.status === 'completed' ? report(job) : [element('p', 'Status: ' + job.status)];
    container.append(...shown, element('p').appendChild(link).parentNode);
  } catch (error) {
    if (error.status !== 401) container.append(element('p', error.message + ' (' + error.code + ')', 'error'));
  }
}

async function controlRun(id, action) {
  try {
    const answer = await api('/api/jobs/' + id + '/' + action, {method: 'POST'});
    if (action === 'rerun') {
      location.hash = '#/jobs/' + answer.job_id;
    } else {
      renderJob(answer);
      notice('Cancelled.');
    }
  } catch (error) {
    if (error.status !== 401) showError(error);
  }
}

async function showCredentials() {
  try {
    const credentials = (await api('/api/credentials')).credentials;
    $('credentials-empty').hidden = credentials.length > 0;
    $('credentials-table').hidden = credentials.length === 0;
    $('credentials-table').querySelector('tbody').replaceChildren(...credentials.map((credential) => {
      const row = element('tr');
      const how = credential.kind + (credential.header_name ? ' (' + credential.header_name + ')' : '')
        + (credential.parameter_name ? ' (?' + credential.parameter_name + '=)' : '');
      const stored = new Date(credential.rotated_at || credential.created_at).toLocaleString();
      const rotate = element('button', 'New secret');
      rotate.type = 'button';
      rotate.setAttribute('aria-label', 'Give ' + credential.name + ' a new secret');
      rotate.addEventListener('click', () => rotateCredential(credential.name));
      const remove = element('button', 'Delete', 'danger');
      remove.type = 'button';
      remove.setAttribute('aria-label', 'Delete the credential ' + credential.name);
      remove.addEventListener('click', () => deleteCredential(credential.name));
      const actions = element('span');
      actions.append(rotate, ' ', remove);
      row.append(cell(credential.name), cell(how), cell(stored), cell(actions));
      return row;
    }));
  } catch (error) {
    if (error.status !== 401) showError(error);
  }
}

function showCredentialFields() {
  const kind = $('credential-kind').value;
  $('credential-header').hidden = kind !== 'header';
  $('credential-basic').hidden = kind !== 'basic';
  $('credential-query').hidden = kind !== 'query';
}

async function storeCredential(event) {
  event.preventDefault();
  const kind = $('credential-kind').value;
  const body = {name: $('credential-name').value.trim(), kind, secret: $('credential-secret').value};
  if (kind === 'header') body.header_name = $('credential-header-name').value.trim();
  if (kind === 'basic') body.username = $('credential-username').value;
  if (kind === 'query') body.parameter_name = $('credential-parameter').value.trim();
  try {
    await api('/api/credentials', {method: 'POST', body: JSON.stringify(body),
      headers: {'Content-Type': 'application/json'}});
    $('credential-form').reset();
    showCredentialFields();
    await showCredentials();
    notice('Stored: ' + body.name + '. Steps use it as "credential": "' + body.name + '".');
  } catch (error) {
    if (error.status !== 401) showError(error);
  }
}

async function rotateCredential(name) {
  const secret = prompt('The new secret of ' + name + ':');
  if (!secret) return;
  try {
    await api('/api/credentials/' + encodeURIComponent(name), {method: 'PUT', body: JSON.stringify({secret}),
      headers: {'Content-Type': 'application/json'}});
    await showCredentials();
    notice('New secret stored for ' + name + '.');
  } catch (error) {
    if (error.status !== 401) showError(error);
  }
}

async function deleteCredential(name) {
  if (!confirm('Delete ' + name + '? Steps that use it will fail with credential_not_found.')) return;
  try {
    await api('/api/credentials/' + encodeURIComponent(name), {method: 'DELETE'});
    await showCredentials();
    notice('Deleted: ' + name + '.');
  } catch (error) {
    if (error.status !== 401) showError(error);
  }
}

function bindWorkflows() {
  $('workflow-form').addEventListener('submit', saveWorkflow);
  $('workflow-trigger').addEventListener('change', showTriggerFields);
  $('step-add').addEventListener('click', addStep);
  $('workflow-run').addEventListener('click', () => runWorkflow(openWorkflow.id, $('run-payload').value));
  $('workflow-toggle').addEventListener('click', toggleWorkflow);
  $('workflow-delete').addEventListener('click', deleteWorkflow);
  $('credential-form').addEventListener('submit', storeCredential);
  $('credential-kind').addEventListener('change', showCredentialFields);
}
