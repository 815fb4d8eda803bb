// The supervisor's page: every agent of the call center live (the phone socket's agents and state
// frames), the calls waiting and on the phone, today's figures per queue and per agent, and the
// supervisor's actions (set an agent Away, log an agent out). docs/phone-page.md.
import { login, logout, PhoneError } from '../phone/api.js';
import { PhoneConnection, showConnection } from '../phone/connection.js';
import { CallMonitor, MODE_WORDS } from './monitoring.js';

const root = document.getElementById('supervisor');
const appId = root.dataset.appId;
const base = root.dataset.base || '';
const tokenKey = `callcenter.supervisor.${appId}`;
const $ = (id) => document.getElementById(id);
const CALLS_MS = 1000;
const FIGURES_MS = 2000;

const STATE_NAMES = { READY: 'Ready', BUSY: 'Busy', AWAY: 'Away', RINGING: 'Ringing', ON_PHONE: 'On a call' };

const floor = window.floor = {
  token: null,
  connection: null,
  me: null,
  agents: new Map(), // agentId -> {agentId, username, extension, state, reason, by, since (client ms), connected}
  calls: { waiting: [], connected: [], dialing: [] },
  callsAt: 0,
  skew: 0, // client clock minus server clock, from the reads' "at"
  timers: [],
  monitor: null, // the call this page listens to, whispers in or barges into
};

const ENDED_WORDS = {
  left: 'You left the call.',
  page_closed: 'You left the call.',
  held: 'The agent put the call on hold; you were let go.',
  consultation: 'The agent is consulting; you were let go.',
  transferred: 'The call was transferred; you were let go.',
  phone_lost: "The agent's phone is reconnecting; you were let go.",
  ended: 'The call ended.',
  media_failed: 'The audio could not be set up; you were let go.',
};
const MONITOR_REFUSALS = ['forbidden', 'no_such_call', 'not_connected', 'already_monitoring', 'too_many_supervisors',
  'not_allowed', 'not_monitoring', 'no_such_offer'];

// ---- login ----

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const button = $('login-button');
  button.disabled = true;
  say('login-message', '');
  try {
    const session = await login(base, appId, $('username').value.trim(), $('password').value);
    $('password').value = '';
    if (session.agent.userLevel !== 2) {
      await logout(base, session.token);
      say('login-message', `This page is for supervisors. Agents use their phone at ${base}/phone/${appId}.`);
      return;
    }
    localStorage.setItem(tokenKey, session.token);
    start(session.token);
  } catch (e) {
    say('login-message', e instanceof PhoneError ? e.message : 'Something went wrong. Try again.');
    $('password').select();
  } finally {
    button.disabled = false;
  }
});

function showLogin(message) {
  $('floor').hidden = true;
  $('login').hidden = false;
  say('login-message', message || '');
  $('username').focus();
}

function start(token) {
  floor.token = token;
  $('login').hidden = true;
  $('floor').hidden = false;
  say('floor-message', '');
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${base}/ws/phone`;
  floor.connection = new PhoneConnection(url, token, {
    frame: onFrame,
    status: (s) => showConnection($('connection'), s),
    ended: (reason) => end(reason),
  });
  floor.connection.open();
  floor.monitor = new CallMonitor((frame) => floor.connection && floor.connection.send(frame), $('speaker'), renderMonitor);
  floor.timers.push(setInterval(readCalls, CALLS_MS), setInterval(readFigures, FIGURES_MS), setInterval(tick, 1000));
  readCalls();
  readFigures();
}

function end(reason) {
  localStorage.removeItem(tokenKey);
  floor.timers.forEach(clearInterval);
  floor.timers = [];
  if (floor.monitor) {
    floor.monitor.close();
    floor.monitor = null;
  }
  if (floor.connection) {
    floor.connection.close();
    floor.connection = null;
  }
  floor.agents.clear();
  floor.token = null;
  showConnection($('connection'), 'off');
  showLogin(reason);
}

// ---- the agents, live ----

function onFrame(frame) {
  switch (frame.type) {
    case 'welcome':
      floor.me = frame.agent;
      $('supervisor-name').textContent = `${frame.agent.callerIdName || frame.agent.username} (${frame.agent.username})`;
      $('away-reason').replaceChildren(...frame.awayReasons.map((r) => new Option(r, r)));
      break;
    case 'agents':
      floor.agents.clear();
      frame.agents.forEach((a) => floor.agents.set(a.agentId, {
        ...a, since: Date.now() - 1000 * (a.secondsInState || 0),
      }));
      renderAgents();
      break;
    case 'state': {
      const known = floor.agents.get(frame.agentId) || { agentId: frame.agentId, username: frame.username, connected: true };
      floor.agents.set(frame.agentId, { ...known, ...frame, since: Date.parse(frame.since) + floor.skew });
      renderAgents();
      break;
    }
    case 'loggedOut':
      floor.agents.delete(frame.agentId);
      renderAgents();
      break;
    case 'error':
      if (floor.monitor && floor.monitor.state !== 'off' && MONITOR_REFUSALS.includes(frame.code)) {
        if (floor.monitor.state === 'joining') {
          floor.monitor.close();
        }
        say('monitor-message', frame.message);
      } else {
        say('floor-message', frame.message);
      }
      break;
    default:
      if (floor.monitor) {
        if (frame.type === 'monitorEnded' && frame.call === floor.monitor.call) {
          say('monitor-message', ENDED_WORDS[frame.reason] || `You were let go (${frame.reason}).`);
        }
        floor.monitor.onFrame(frame).catch((e) => say('monitor-message', `The call's audio failed: ${e.message}`));
      }
      break;
  }
}

// ---- listen, whisper, barge ----

function listenTo(agent, call) {
  say('monitor-message', '');
  floor.monitor.join(call.call, agent.agentId, 'listen');
}

function renderMonitor(monitor) {
  const panel = $('monitor-panel');
  const on = monitor.state !== 'off';
  panel.hidden = !on && !$('monitor-message').textContent;
  $('monitor-controls').hidden = !on;
  const agent = floor.agents.get(monitor.agentId) || { username: String(monitor.agentId) };
  $('monitor-title').textContent = on ? `${MODE_WORDS[monitor.mode] || 'Joining'} ${agent.username}'s call` : 'Not in a call';
  $('monitor-state').textContent = monitor.state === 'joining' ? 'Joining…'
    : monitor.state === 'on' ? { listen: 'Nobody hears you.', whisper: 'Only the agent hears you.', barge: 'The caller and the agent hear you.' }[monitor.mode] : '';
  for (const mode of ['listen', 'whisper', 'barge']) {
    $(`monitor-${mode}`).setAttribute('aria-pressed', String(monitor.mode === mode && monitor.state === 'on'));
  }
  panel.dataset.state = monitor.state;
  panel.dataset.mode = monitor.mode || '';
  tick();
}

for (const mode of ['listen', 'whisper', 'barge']) {
  $(`monitor-${mode}`).addEventListener('click', () => {
    say('monitor-message', '');
    floor.monitor.setMode(mode);
  });
}
$('monitor-leave').addEventListener('click', () => {
  floor.monitor.leave();
  say('monitor-message', ENDED_WORDS.left);
  renderMonitor(floor.monitor);
});

function renderAgents() {
  const body = $('agents').tBodies[0];
  const rows = [...floor.agents.values()].sort((a, b) => a.username.localeCompare(b.username)).map((a) => {
    const row = document.createElement('tr');
    row.dataset.agentId = a.agentId;
    row.dataset.username = a.username;
    const state = cell(STATE_NAMES[a.state] || a.state);
    state.dataset.state = a.state;
    state.className = 'state-name';
    const by = a.by && a.by !== 'server' && a.by !== a.username ? ` (set by ${a.by})` : '';
    const timer = cell('');
    timer.className = 'in-state';
    const call = cell('');
    call.className = 'call';
    const actions = document.createElement('td');
    const listen = button('Listen', `Listen to ${a.username}'s call`, 'listen', () => {
      const call = floor.calls.connected.find((c) => c.agentId === a.agentId);
      if (call) {
        listenTo(a, call);
      }
    });
    listen.hidden = true; // shown while the agent has a connected call (tick)
    actions.append(button('Set Away', `Set ${a.username} Away`, 'set-away', () => setAway(a)),
      ' ', button('Log out', `Log ${a.username} out`, 'log-out', () => logOutAgent(a)), ' ', listen);
    row.append(cell(a.username + (a.extension ? ` (ext. ${a.extension})` : '')), state, cell((a.reason || '') + by),
      timer, call, cell(a.connected === false ? 'Disconnected' : 'Connected'), actions);
    return row;
  });
  body.replaceChildren(...rows);
  tick();
}

function setAway(agent) {
  say('floor-message', '');
  floor.connection.send({ type: 'setAgentState', agentId: agent.agentId, state: 'AWAY', reason: $('away-reason').value });
}

function logOutAgent(agent) {
  say('floor-message', '');
  floor.connection.send({ type: 'logoutAgent', agentId: agent.agentId });
}

// ---- the calls and the figures, read ----

async function read(path) {
  let answer;
  try {
    answer = await fetch(`${base}/api/apps/${encodeURIComponent(appId)}/${path}`, {
      headers: { Authorization: `Bearer ${floor.token}` },
    });
  } catch (e) {
    return null; // the connection status says the server is unreachable
  }
  if (answer.status === 401 || answer.status === 403) {
    end('Your session has ended. Please log in again.');
    return null;
  }
  if (!answer.ok) {
    say('floor-message', `The server could not give the ${path} (${answer.status}); retrying.`);
    return null;
  }
  return answer.json();
}

async function readCalls() {
  const view = await read('calls');
  if (!view || !floor.token) {
    return;
  }
  floor.skew = Date.now() - Date.parse(view.at);
  floor.calls = view;
  floor.callsAt = Date.now();
  const body = $('waiting').tBodies[0];
  body.replaceChildren(...view.waiting.map((c) => {
    const row = document.createElement('tr');
    row.dataset.call = c.call;
    const wait = cell('');
    wait.className = 'wait';
    wait.dataset.since = String(Date.parse(c.waitingSince) + floor.skew);
    const ringing = c.ringingAt ? (floor.agents.get(c.ringingAt) || { username: String(c.ringingAt) }).username : '';
    const by = c.transferredBy ? (floor.agents.get(c.transferredBy) || { username: String(c.transferredBy) }).username : null;
    row.append(cell(caller(c)), cell(by ? `${c.queue} (transferred by ${by})` : c.queue), wait, cell(ringing));
    return row;
  }));
  $('waiting-count').textContent = `(${view.waiting.length})`;
  tick();
}

async function readFigures() {
  const today = await read('figures');
  if (!today || !floor.token) {
    return;
  }
  $('today-day').textContent = `${today.day} (${today.timeZone})`;
  $('today-note').textContent = `Service level: answered within ${today.serviceLevelSeconds} s.`;
  const figureCells = (f) => [f.offered, f.answered, f.abandoned, f.overflowed, percent(f.serviceLevel), seconds(f.averageSpeedOfAnswer)].map((v) => cell(String(v)));
  $('queues').tBodies[0].replaceChildren(...today.queues.map((q) => {
    const row = document.createElement('tr');
    row.dataset.queue = q.queue;
    row.append(cell(q.queue), ...figureCells(q));
    return row;
  }));
  const total = document.createElement('tr');
  total.dataset.queue = '';
  const th = document.createElement('th');
  th.scope = 'row';
  th.textContent = 'All queues';
  total.append(th, ...figureCells(today.total));
  $('queues').tFoot.replaceChildren(total);
  $('agent-figures').tBodies[0].replaceChildren(...today.agents.map((a) => {
    const row = document.createElement('tr');
    row.dataset.agentId = a.agentId;
    row.append(cell(a.username || `agent ${a.agentId}`), ...[a.offered, a.answered, a.abandoned, a.answeredInTime, seconds(a.averageSpeedOfAnswer)].map((v) => cell(String(v))));
    return row;
  }));
  chart(today.queues);
}

/** Stacked bars per queue: answered, abandoned, overflowed. */
function chart(queues) {
  const svg = $('chart');
  const ns = 'http://www.w3.org/2000/svg';
  const width = 560;
  const barHeight = 22;
  svg.setAttribute('height', String(Math.max(40, queues.length * (barHeight + 8) + 10)));
  const most = Math.max(1, ...queues.map((q) => q.answered + q.abandoned + q.overflowed));
  const parts = [];
  queues.forEach((q, i) => {
    const y = 5 + i * (barHeight + 8);
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', '0');
    label.setAttribute('y', String(y + 15));
    label.textContent = q.queue;
    parts.push(label);
    let x = 120;
    for (const kind of ['answered', 'abandoned', 'overflowed']) {
      const w = ((width - 420) * q[kind]) / most; // room left for the counts after the bar
      if (w > 0) {
        const bar = document.createElementNS(ns, 'rect');
        bar.setAttribute('class', kind);
        bar.setAttribute('x', String(x));
        bar.setAttribute('y', String(y));
        bar.setAttribute('width', String(w));
        bar.setAttribute('height', String(barHeight));
        const title = document.createElementNS(ns, 'title');
        title.textContent = `${q.queue}: ${q[kind]} ${kind}`;
        bar.append(title);
        parts.push(bar);
        x += w;
      }
    }
    const count = document.createElementNS(ns, 'text');
    count.setAttribute('x', String(x + 6));
    count.setAttribute('y', String(y + 15));
    count.textContent = `${q.answered} answered, ${q.abandoned} abandoned, ${q.overflowed} overflowed`;
    parts.push(count);
  });
  svg.replaceChildren(...parts);
}

// ---- the clocks ----

/** A consultation in words: " · consulting agent2", " · in conference with agent1"... */
function consultation(c, role, otherId) {
  if (!c) {
    return '';
  }
  const other = !otherId && c.number ? c.number
    : (floor.agents.get(otherId || c.agentId) || { username: String(otherId || c.agentId) }).username;
  const words = {
    ringing: `${role} ${other} (ringing)`,
    talking: `${role} ${other}`,
    conference: `in conference with ${other}`,
    caller_gone: `talking with ${other} (the caller hung up)`,
  }[c.state] || `${role} ${other}`;
  return otherId ? words : ` · ${words}`;
}

function tick() {
  for (const row of $('agents').tBodies[0].rows) {
    const agent = floor.agents.get(Number(row.dataset.agentId));
    if (!agent) {
      continue;
    }
    row.querySelector('.in-state').textContent = clock((Date.now() - agent.since) / 1000);
    const call = floor.calls.connected.find((c) => c.agentId === agent.agentId);
    const dialing = (floor.calls.dialing || []).find((c) => c.agentId === agent.agentId);
    const cellOfCall = row.querySelector('.call');
    const since = (Date.now() - floor.callsAt) / 1000;
    const consulted = floor.calls.connected.find((c) => c.consultation && c.consultation.agentId === agent.agentId);
    if (call) {
      const kind = call.callType === 2 ? `Outbound to ${call.dnis}` : caller(call);
      cellOfCall.textContent = `${kind} · ${clock(call.talkSeconds + since)}${call.onHold ? ' · on hold' : ''}`
        + `${call.segment > 1 ? ' · transferred in' : ''}${consultation(call.consultation, 'consulting')}${quality(call.quality)}`;
    } else if (consulted) {
      cellOfCall.textContent = `${caller(consulted)} · ${consultation(consulted.consultation, 'consulted by', consulted.agentId)}`;
    } else {
      cellOfCall.textContent = dialing ? `Dialing ${dialing.dnis} · ${clock(dialing.dialSeconds + since)}` : '';
    }
    cellOfCall.dataset.quality = call && call.quality ? (call.quality.degraded ? 'poor' : 'good') : '';
    const listen = row.querySelector('button.listen');
    listen.hidden = !call || (floor.monitor && floor.monitor.call === call.call);
  }
  for (const wait of document.querySelectorAll('#waiting td.wait')) {
    wait.textContent = clock((Date.now() - Number(wait.dataset.since)) / 1000);
  }
}

// ---- helpers ----

/** The agent's phone's latest measure of the call, in words. */
function quality(q) {
  if (!q) {
    return '';
  }
  return q.degraded
    ? ` · poor quality: ${q.lossPercent} % lost, ${q.jitterMs} ms jitter, ${q.rttMs} ms round trip (MOS ${q.mos})`
    : ` · quality good (MOS ${q.mos})`;
}

function caller(call) {
  return [call.ani, call.callerIdName].filter(Boolean).join(' ') || 'unknown caller';
}

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

function button(text, label, className, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.className = className;
  b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

function percent(level) {
  return level === null ? '–' : `${Math.round(level * 100)} %`;
}

function seconds(value) {
  return value === null ? '–' : `${value} s`;
}

function clock(s) {
  const t = Math.max(0, Math.floor(s));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const ss = String(t % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

function say(id, text) {
  $(id).textContent = text;
}

$('logout').addEventListener('click', async () => {
  const token = floor.token;
  end('You logged out.');
  await logout(base, token);
});
document.addEventListener('keydown', (event) => {
  if (event.altKey && event.key.toLowerCase() === 'l' && !$('floor').hidden) {
    event.preventDefault();
    $('logout').click();
  }
});

const kept = localStorage.getItem(tokenKey);
if (kept) {
  start(kept);
} else {
  showLogin('');
}
