// The agent's phone page: login, the state with its timer, Ready/Busy/Away, the session's ledger,
// the connection's status, and why a session ended. docs/phone-page.md.
import { login, logout, PhoneError } from './api.js';
import { PhoneConnection } from './connection.js';

const root = document.getElementById('phone');
const appId = root.dataset.appId;
const base = root.dataset.base || '';
const tokenKey = `callcenter.token.${appId}`; // per tab: a reload keeps the session, a new tab logs in
const $ = (id) => document.getElementById(id);

const STATE_NAMES = { READY: 'Ready', BUSY: 'Busy', AWAY: 'Away', RINGING: 'Ringing', ON_PHONE: 'On a call' };
const BUCKET = { READY: 'ReadyTime', RINGING: 'ReadyTime', ON_PHONE: 'OnPhoneTime', BUSY: 'BusyTime', AWAY: 'AwayTime' };

const phone = window.phone = {
  connection: null,
  agent: null,
  state: null,
  stateStart: 0,
  ledger: null,
  ledgerAt: 0,
  audio: null,
};

// ---- login ----

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  unlockAudio(); // this click is the user gesture the browser's autoplay policy asks for
  const button = $('login-button');
  button.disabled = true;
  say('login-message', '');
  try {
    const session = await login(base, appId, $('username').value.trim(), $('password').value);
    sessionStorage.setItem(tokenKey, session.token);
    $('password').value = '';
    start(session.token);
  } catch (e) {
    say('login-message', e instanceof PhoneError ? e.message : 'Something went wrong. Try again.');
    $('password').select();
  } finally {
    button.disabled = false;
  }
});

/** One audio context for the page, started by a click, so that a ring is never silent. */
function unlockAudio() {
  if (!phone.audio) {
    phone.audio = new AudioContext();
  }
  phone.audio.resume();
}

function showLogin(message) {
  $('agent').hidden = true;
  $('login').hidden = false;
  say('login-message', message || '');
  $('username').focus();
}

// ---- the session ----

function start(token) {
  $('login').hidden = true;
  $('agent').hidden = false;
  say('agent-message', '');
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${base}/ws/phone`;
  phone.connection = new PhoneConnection(url, token, {
    frame: onFrame,
    status: (s) => {
      const text = { connecting: 'Connecting…', connected: 'Connected', reconnecting: 'Connection lost, reconnecting…' };
      $('connection').dataset.status = s;
      $('connection').textContent = text[s];
    },
    ended: (reason) => end(reason),
  });
  phone.connection.open();
}

function end(reason) {
  sessionStorage.removeItem(tokenKey);
  if (phone.connection) {
    phone.connection.close();
    phone.connection = null;
  }
  phone.state = null;
  showLogin(reason);
}

function onFrame(frame) {
  switch (frame.type) {
    case 'welcome': {
      phone.agent = frame.agent;
      phone.loginAt = frame.loginAt;
      $('agent-name').textContent = `${frame.agent.callerIdName || frame.agent.username} (${frame.agent.username}${frame.agent.extension ? ', ext. ' + frame.agent.extension : ''})`;
      const reasons = $('away-reason');
      reasons.replaceChildren(...frame.awayReasons.map((r) => new Option(r, r)));
      phone.ledger = { ...frame.ledger };
      phone.ledgerAt = Date.now();
      showState(frame.state, Date.now() - 1000 * (frame.secondsInState || 0));
      break;
    }
    case 'state':
      if (phone.agent && frame.agentId === phone.agent.agentId) {
        countLedger();
        showState(frame, Date.now());
      }
      break;
    case 'error':
      say('agent-message', frame.message);
      break;
    default:
      break;
  }
}

function showState(state, startedAt) {
  phone.state = state;
  phone.stateStart = startedAt;
  $('state').dataset.state = state.state;
  $('state-name').textContent = STATE_NAMES[state.state] || state.state;
  $('state-reason').textContent = state.reason ? `— ${state.reason}` : '';
  const bySupervisor = state.by && state.by !== 'server' && (!phone.agent || state.by !== phone.agent.username);
  $('state-by').textContent = bySupervisor ? `Set by supervisor ${state.by}` : '';
  say('agent-message', '');
  tick();
}

/** The time of the state that just ended goes to its bucket. */
function countLedger() {
  if (phone.state && phone.ledger) {
    const bucket = BUCKET[phone.state.state];
    phone.ledger[bucket] += (Date.now() - phone.ledgerAt) / 1000;
    phone.ledgerAt = Date.now();
  }
}

function tick() {
  if (!phone.state) {
    return;
  }
  $('state-timer').textContent = clock((Date.now() - phone.stateStart) / 1000, false);
  if (phone.ledger) {
    const running = BUCKET[phone.state.state];
    for (const cell of document.querySelectorAll('#ledger td[data-bucket]')) {
      const bucket = cell.dataset.bucket;
      const seconds = phone.ledger[bucket] + (bucket === running ? (Date.now() - phone.ledgerAt) / 1000 : 0);
      cell.textContent = clock(seconds, true);
    }
  }
}
setInterval(tick, 1000);

function clock(seconds, withHours) {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return withHours || h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

function say(id, text) {
  $(id).textContent = text;
}

// ---- the agent's actions, by button and by keyboard ----

const actions = {
  ready: () => phone.connection && phone.connection.send({ type: 'ready' }),
  busy: () => phone.connection && phone.connection.send({ type: 'busy' }),
  away: () => phone.connection && phone.connection.send({ type: 'away', reason: $('away-reason').value }),
  logout: async () => {
    const token = sessionStorage.getItem(tokenKey);
    if (!(phone.connection && phone.connection.send({ type: 'logout' }))) {
      await logout(base, token); // no socket now: the REST logout writes the same Agent Logout
      end('You logged out.');
    }
  },
};
$('go-ready').addEventListener('click', actions.ready);
$('go-busy').addEventListener('click', actions.busy);
$('go-away').addEventListener('click', actions.away);
$('logout').addEventListener('click', actions.logout);
document.addEventListener('keydown', (event) => {
  if (!event.altKey || $('agent').hidden) {
    return;
  }
  const action = { r: actions.ready, b: actions.busy, a: actions.away, l: actions.logout }[event.key.toLowerCase()];
  if (action) {
    event.preventDefault();
    action();
  }
});

// A reload keeps the tab's session: the phone connects again with its token.
const kept = sessionStorage.getItem(tokenKey);
if (kept) {
  start(kept);
} else {
  showLogin('');
}
