// softphone-sdk browser demo. Plain JavaScript, no build step: the page polls /api/state for the phone's state,
// calls and new events, posts Phone verbs to /api/phone/VERB and the agent's clicks in the vendor window to
// /api/ccp/ACTION (see docs/cli.md).
'use strict';

const $ = (sel) => document.querySelector(sel);
let lastSeq = 0;
let pendingStepId = null;

async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body || {}),
  });
  const json = await response.json().catch(() => ({ ok: false, error: 'HTTP ' + response.status }));
  return json;
}

function showResult(kind, text, stepId) {
  const box = $('#result');
  box.className = 'result ' + kind;
  box.textContent = text;
  pendingStepId = stepId || null;
  if (stepId) {
    const confirm = document.createElement('button');
    confirm.textContent = 'I did it (confirmManualStep)';
    confirm.dataset.verb = 'confirmManualStep';
    confirm.addEventListener('click', () => runVerb('confirmManualStep', confirm));
    box.appendChild(confirm);
  }
}

function verbArgs(verb) {
  const [kind, ...rest] = $('#destination').value.split(':');
  switch (verb) {
    case 'pause': return { reason: $('#pause-reason').value };
    case 'dial': return { number: $('#dial-number').value };
    case 'sendDigits': return { digits: $('#digits').value };
    case 'startTransfer':
    case 'blindTransfer': return { kind, value: rest.join(':') };
    case 'confirmManualStep': return { stepId: pendingStepId };
    default: return {};
  }
}

async function runVerb(verb, button) {
  if (button) button.disabled = true;
  try {
    const answer = await post('/api/phone/' + verb, verbArgs(verb));
    if (!answer.ok) {
      showResult('error', 'phone.' + verb + '() failed: ' + answer.error);
    } else if (answer.result === 'manual') {
      showResult('manual', 'phone.' + verb + '() → manual step for the agent: ' + answer.instruction, answer.stepId);
    } else if (answer.destinations) {
      fillDestinations(answer.destinations);
      showResult('ok', 'phone.transferDestinations() → ' + answer.destinations.map((d) => d.label).join(', '));
    } else {
      showResult('ok', 'phone.' + verb + '() → done');
    }
  } finally {
    if (button) button.disabled = false;
    refresh();
  }
}

function fillDestinations(list) {
  const select = $('#destination');
  const keep = select.value;
  select.innerHTML = '';
  for (const d of list) {
    select.add(new Option(d.label, d.kind + ':' + d.value));
  }
  select.add(new Option('number ' + $('#ccp-number').value, 'phoneNumber:' + $('#ccp-number').value));
  if ([...select.options].some((o) => o.value === keep)) select.value = keep;
}

async function runCcp(button) {
  const action = button.dataset.ccp;
  const args = {};
  if (action === 'selectState') args.state = $('#ccp-status').value;
  if (action === 'signIn') args.state = 'Offline';
  if (action === 'dial') args.number = $('#ccp-number').value;
  if (action === 'customerCalls') args.number = $('#customer-number').value;
  if (action === 'addParty') {
    const target = button.dataset.target;
    args.target = target.startsWith('#') ? $(target).value : target;
  }
  button.disabled = true;
  try {
    const answer = await post('/api/ccp/' + action, args);
    if (!answer.ok) showResult('error', 'softphone window: ' + button.textContent + ' failed: ' + answer.error);
  } finally {
    button.disabled = false;
    refresh();
  }
}

function stateClass(state) {
  if (state === 'READY') return 'badge ready';
  if (state === 'LOGGED_OUT') return 'badge out';
  return 'badge paused';
}

function renderAgent(agent) {
  const s = $('#agent-state');
  s.textContent = agent.state;
  s.className = stateClass(agent.state);
  const p = $('#agent-pending');
  p.textContent = agent.pending || 'none';
  p.className = agent.pending ? stateClass(agent.pending) : 'badge muted';
  const a = $('#softphone-available');
  a.textContent = agent.softphoneAvailable ? 'connected' : 'unavailable';
  a.className = agent.softphoneAvailable ? 'badge ready' : 'badge bad';
}

function cell(row, text) {
  const td = row.insertCell();
  td.textContent = text == null ? '–' : text;
  return td;
}

function renderCalls(calls) {
  const body = $('#calls');
  body.innerHTML = '';
  if (calls.length === 0) {
    body.innerHTML = '<tr class="empty"><td colspan="6">no calls</td></tr>';
    return;
  }
  for (const c of calls) {
    const row = body.insertRow();
    row.dataset.callId = c.callId;
    cell(row, c.callId);
    cell(row, c.direction);
    cell(row, c.status);
    cell(row, c.remote);
    cell(row, c.queue);
    cell(row, c.legs.map((l) => l.role + ' ' + l.state + (l.endpoint ? ' · ' + l.endpoint : '')).join('; '));
  }
}

function appendEvents(events) {
  const list = $('#timeline');
  for (const e of events) {
    const li = document.createElement('li');
    li.className = e.by;
    li.dataset.type = e.type;
    li.dataset.seq = e.seq;
    li.title = JSON.stringify(e, (k, v) => (k === 'by' || k === 'text' ? undefined : v));
    const time = new Date(e.at).toISOString().substring(11, 19);
    li.innerHTML = '<span class="seq"></span><span class="time"></span><span><span class="by"></span></span>'
      + '<span class="type"></span><span class="text"></span>';
    li.querySelector('.seq').textContent = e.seq;
    li.querySelector('.time').textContent = time;
    li.querySelector('.by').textContent = e.by;
    li.querySelector('.by').classList.add(e.by);
    li.querySelector('.type').textContent = e.type;
    li.querySelector('.text').textContent = e.text;
    list.appendChild(li);
    lastSeq = Math.max(lastSeq, e.seq);
  }
  if (events.length) list.scrollTop = list.scrollHeight;
}

function renderCcp(view) {
  const st = $('#ccp-state');
  st.textContent = view.signedIn ? view.state : 'signed out';
  st.className = !view.signedIn ? 'badge out' : view.state === 'Available' ? 'badge ready' : 'badge paused';
  const next = $('#ccp-next');
  next.textContent = view.nextState || 'none';
  next.className = view.nextState ? 'badge paused' : 'badge muted';
  const list = $('#ccp-contacts');
  list.innerHTML = '';
  const contacts = (view.contacts || []).filter((c) => c.type === 'voice' || c.type === 'queue_callback');
  if (contacts.length === 0) {
    list.innerHTML = '<li class="empty">no contacts</li>';
  }
  for (const c of contacts) {
    const li = document.createElement('li');
    li.dataset.contactId = c.contactId;
    li.textContent = c.contactId + ' · ' + c.state + (c.queue ? ' · ' + c.queue : '');
    for (const k of c.connections) {
      const conn = document.createElement('div');
      conn.className = 'conn';
      conn.textContent = k.type + ': ' + k.state + (k.endpoint ? ' (' + k.endpoint + ')' : '');
      li.appendChild(conn);
    }
    list.appendChild(li);
  }
  $('#bridge').textContent = 'bridge protocol v1 over WebSocket: ' + view.messages + ' messages from the page, '
    + view.commands + ' commands to it';
}

let refreshing = false;
async function refresh() {
  if (refreshing) return;
  refreshing = true;
  try {
    const response = await fetch('/api/state?after=' + lastSeq);
    const state = await response.json();
    renderAgent(state.agent);
    renderCalls(state.calls);
    appendEvents(state.events);
    renderCcp(state.softphone);
  } catch (e) {
    $('#softphone-available').textContent = 'demo server stopped';
    $('#softphone-available').className = 'badge bad';
  } finally {
    refreshing = false;
  }
}

for (const b of document.querySelectorAll('button[data-verb]')) {
  b.addEventListener('click', () => runVerb(b.dataset.verb, b));
}
for (const b of document.querySelectorAll('button[data-ccp]')) {
  b.addEventListener('click', () => runCcp(b));
}
refresh();
setInterval(refresh, 400);
