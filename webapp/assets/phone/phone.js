// The agent's phone page: login, the state with its timer, Ready/Busy/Away, the session's ledger,
// the connection's status, and why a session ended. docs/phone-page.md.
import { login, logout, PhoneError } from './api.js';
import { PhoneConnection, showConnection } from './connection.js';
import { PhoneMedia } from './media.js';
import { Devices, KINDS } from './devices.js';
import { CallQuality, degraded } from './quality.js';
import { dialPad } from './dialpad.js';
import { dialFailedWords, dialTitle } from './dialing.js';

const root = document.getElementById('phone');
const appId = root.dataset.appId;
const base = root.dataset.base || '';
// The session is the browser's: every tab of it shares the token (one login), and the server makes
// one of them the phone that rings. Whether this tab was the phone survives its reload only.
const tokenKey = `callcenter.token.${appId}`;
const phoneTabKey = `callcenter.phoneTab.${appId}`;
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
  media: null,
  mediaReady: false,
  wantReady: false,
  call: null, // {key, data, stage: 'ringing' | 'talking', offer, ringEnds, connectedAt, held, recording}
  devices: new Devices(),
  quality: null,
  preflightDone: false,
};

function newMedia() {
  return new PhoneMedia((f) => phone.connection && phone.connection.send(f), $('speaker'), () => phone.audio, $('ringer'), phone.devices);
}

// ---- login ----

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  unlockAudio(); // this click is the user gesture the browser's autoplay policy asks for
  const button = $('login-button');
  button.disabled = true;
  say('login-message', '');
  try {
    const session = await login(base, appId, $('username').value.trim(), $('password').value);
    localStorage.setItem(tokenKey, session.token);
    $('password').value = '';
    start(session.token);
  } catch (e) {
    say('login-message', e instanceof PhoneError ? e.message : 'Something went wrong. Try again.');
    $('password').select();
  } finally {
    button.disabled = false;
  }
});

/**
 * One audio context for the page, so that a ring is never silent. The browser runs it once the page
 * may play sound: at once when a click came before (Chromium keeps one across a same-site reload),
 * else after the first click. The prompt follows its state, not a guess.
 */
function pageAudio() {
  if (!phone.audio) {
    phone.audio = new AudioContext();
    phone.audio.addEventListener('statechange', showAudioLock);
  }
  return phone.audio;
}

function showAudioLock() {
  $('audio-locked').hidden = phone.audio.state === 'running';
}

function unlockAudio() {
  pageAudio().resume().then(showAudioLock);
}
// After a reload no click has happened yet: the first one (or key) anywhere unlocks the audio.
document.addEventListener('pointerdown', unlockAudio);
document.addEventListener('keydown', unlockAudio);
// Made as the page loads, before anything else can run in it: its state then says whether a click
// came before this page (a same-site reload keeps one), and only a click in this page resumes it.
pageAudio();

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
    status: (s) => showConnection($('connection'), s),
    // After the agent's own Log out, any end of the session is that logout, however the server's
    // answer raced the socket's close (loggedOut, or logged_out to a frame sent meanwhile).
    ended: (reason) => end(phone.loggingOut ? 'You logged out.' : reason),
  });
  phone.loggingOut = false;
  phone.connection.open();
}

function end(reason) {
  localStorage.removeItem(tokenKey);
  sessionStorage.removeItem(phoneTabKey);
  if (phone.media) {
    phone.media.close();
    phone.media = null;
  }
  phone.mediaReady = false;
  phone.wrapUp = null;
  $('wrap-up-panel').hidden = true;
  hideCall('');
  if (phone.connection) {
    phone.connection.close();
    phone.connection = null;
  }
  phone.state = null;
  showConnection($('connection'), 'off');
  showLogin(reason);
}

function onFrame(frame) {
  switch (frame.type) {
    case 'welcome': {
      phone.agent = frame.agent;
      phone.loginAt = frame.loginAt;
      phone.wrapUpSeconds = frame.wrapUpSeconds || 0;
      phone.screenPop = frame.screenPop || 'tab';
      $('agent-name').textContent = `${frame.agent.callerIdName || frame.agent.username} (${frame.agent.username}${frame.agent.extension ? ', ext. ' + frame.agent.extension : ''})`;
      const reasons = $('away-reason');
      reasons.replaceChildren(...frame.awayReasons.map((r) => new Option(r, r)));
      phone.ledger = { ...frame.ledger };
      phone.ledgerAt = Date.now();
      showState(frame.state, Date.now() - 1000 * (frame.secondsInState || 0));
      if (!phone.media) {
        phone.media = newMedia();
        phone.media.applyOutputs();
      }
      phone.mediaReady = false;
      // The browser lets a page play sound only after a click in it: say so, or a ring may be silent.
      pageAudio();
      showAudioLock();
      showDevices();
      if (frame.phone) {
        becamePhone();
      } else if (sessionStorage.getItem(phoneTabKey)) {
        // This tab was the phone before its reload (or its network dropped) and the server has not
        // noticed its old connection close yet: it takes its calls back.
        phone.connection.send({ type: 'takeOver' });
        showOtherTab(false);
      } else {
        showOtherTab(true);
      }
      break;
    }
    case 'phone':
      if (frame.phone) {
        becamePhone();
      } else {
        sessionStorage.removeItem(phoneTabKey);
        if (phone.media) {
          phone.media.close(); // another tab took the calls over: its browser holds the media now
          phone.media = newMedia();
        }
        phone.mediaReady = false;
        hideCall('Another tab took your calls over.');
        showOtherTab(true);
      }
      break;
    case 'mediaOffer':
      phone.media.standingOffer(frame.sdp, frame.iceServers).then(showDevices) // the microphone is allowed now: devices have names
        .catch((e) => say('agent-message', `The microphone or the audio path failed: ${e.message}`));
      break;
    case 'mediaReady':
      phone.mediaReady = true;
      if (!phone.preflightDone) {
        preflight(); // before the first call of the session
      }
      if (phone.wantReady) {
        phone.wantReady = false;
        phone.connection.send({ type: 'ready' });
      }
      if (phone.wantDial) {
        phone.connection.send({ type: 'dial', number: phone.wantDial });
        phone.wantDial = null;
      }
      break;
    case 'ice':
      if (phone.media) { phone.media.candidate(frame); }
      break;
    case 'offer':
      showOffer(frame);
      break;
    case 'dialing':
      showDialing(frame);
      break;
    case 'dialProgress':
      if (phone.call && phone.call.key === frame.call && !phone.call.connectedAt) {
        phone.call.data = frame.data;
        fillCall(frame.data);
        $('call-title').textContent = dialTitle(frame.progress, frame.data.dnis);
      }
      break;
    case 'targets':
      showTargets(frame);
      break;
    case 'wrapUp':
      showWrapUp(frame);
      break;
    case 'dispositionSaved':
      if (phone.wrapUp && phone.wrapUp.call === frame.call) {
        phone.wrapUp = null;
        $('wrap-up-panel').hidden = true;
        say('call-message', `Disposition saved: ${frame.code}.`);
      }
      break;
    case 'consultation':
      if (phone.call && phone.call.key === frame.call) { showConsultation(frame); }
      break;
    case 'mediaClosed':
      // The standing leg went with a call this agent handed off: a new one for the next call.
      if (phone.media) { phone.media.close(); phone.media = newMedia(); }
      phone.mediaReady = false;
      if (phone.isPhone) { phone.connection.send({ type: 'media' }); }
      break;
    case 'dialFailed':
      if (phone.call && phone.call.key === frame.call) { hideCall(dialFailedWords(frame.reason, frame.status, frame.message)); }
      break;
    case 'connected':
      if (phone.call && phone.call.key === frame.call) { talking(Date.now()); }
      break;
    case 'rejoined':
      phone.call = { key: frame.call, data: frame.data };
      fillCall(frame.data);
      pad.callShown(frame.data);
      talking(Date.parse(frame.connectedAt));
      setHeld(frame.held);
      say('call-message', 'Back in your call.');
      break;
    case 'held':
    case 'resumed':
      if (phone.call && phone.call.key === frame.call) { setHeld(frame.type === 'held' ? frame.by : null); }
      break;
    case 'recording':
      $('record-pause').setAttribute('aria-pressed', String(frame.state === 'paused'));
      $('record-pause').textContent = frame.state === 'paused' ? 'Resume recording' : 'Pause recording';
      break;
    case 'dtmf':
      say('call-message', `The caller pressed ${frame.digit}.`);
      break;
    case 'supervision':
      if (phone.call && phone.call.key === frame.call) { showSupervision(frame.supervisors); }
      break;
    case 'callEnded':
    case 'offerWithdrawn':
      if (phone.call && phone.call.key === frame.call) { hideCall(CALL_ENDS[frame.reason] || `The call ended (${frame.reason}).`); }
      break;
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

/**
 * This tab is the agent's phone: the one that rings. Back in a call (a reload, or the tab that had it
 * closed), asking for media rejoins it; an agent taking calls gets its audio path back at once.
 */
function becamePhone() {
  phone.isPhone = true;
  sessionStorage.setItem(phoneTabKey, '1');
  showOtherTab(false);
  const state = phone.state && phone.state.state;
  if (state === 'ON_PHONE' || state === 'READY' || phone.wantReady || wrappingUp()) {
    phone.connection.send({ type: 'media' });
  }
}

function showOtherTab(other) {
  if (other) {
    phone.isPhone = false;
  }
  $('other-tab').hidden = !other;
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
  const inState = (Date.now() - phone.stateStart) / 1000;
  $('state-timer').textContent = clock(inState, false);
  if (wrappingUp()) {
    // After-call work: the server makes the agent Ready when it is over, unless the agent chose a state.
    $('wrap-up').textContent = `Wrap-up: Ready again in ${clock(Math.max(0, phone.wrapUpSeconds - inState), false)}`;
  }
  $('wrap-up').hidden = !wrappingUp();
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

function wrappingUp() {
  return phone.state && phone.state.state === 'BUSY' && phone.state.reason === 'Wrap-up' && phone.state.by === 'server'
    && phone.wrapUpSeconds > 0;
}

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

// ---- calls ----

const CALL_ENDS = {
  caller_hung_up: 'The caller hung up.',
  agent_hung_up: 'You hung up.',
  transferred: 'You transferred the call.',
  consultation_ended: 'The consultation ended.',
  left_conference: 'You left the conference: the call goes on without you.',
  rang_out: 'Missed: the call rang out.',
  declined: 'You declined the call.',
  logged_out: 'The call ended: your session ended.',
  connection_lost: 'Your phone was away too long: the call went to another agent.',
  media_lost: 'The call ended: its audio was lost on the media server.',
  caller_lost: 'The caller is gone.',
  agent_unavailable: 'The call went to another agent.',
  server_stopping: 'The call ended: the server is stopping.',
  failed: 'The call could not be connected.',
};

/**
 * The call's screen-pop Url when this page may open it: http(s) only, and for the panel never this
 * page's own origin (the frame would be this page, with its token). The server checked it already;
 * the page does not rely on that.
 */
function popUrl(url, inPanel) {
  if (!url) {
    return null;
  }
  try {
    const u = new URL(url);
    if ((u.protocol !== 'https:' && u.protocol !== 'http:') || (inPanel && u.origin === location.origin)) {
      return null;
    }
    return u.href;
  } catch {
    return null;
  }
}

function fillCall(data) {
  $('call-ani').textContent = data.ani || 'unknown';
  $('call-name').textContent = data.callerIdName || '';
  $('call-dnis').textContent = data.dnis || '';
  $('call-skills').textContent = (data.skills || []).join(', ');
  $('call-custom').textContent = data.customData || '';
  $('call-custom').hidden = !data.customData;
  const url = popUrl(data.url, false);
  $('call-pop').hidden = !url;
  if (url) {
    $('call-pop-link').href = url;
  } else {
    $('call-pop-link').removeAttribute('href');
  }
  $('record-pause').hidden = !data.record;
  $('call').hidden = false;
}

function showOffer(frame) {
  phone.call = { key: frame.call, data: frame.data, offer: frame, ringEnds: Date.now() + 1000 * frame.ringSeconds };
  fillCall(frame.data);
  pad.callShown(frame.data);
  $('call').dataset.stage = 'ringing';
  phone.call.consultedBy = frame.consult || null;
  $('call-title').textContent = frame.consult ? `Consultation from ${frame.consult.username}` : 'Incoming call';
  $('ringing-actions').hidden = false;
  $('talking-actions').hidden = true;
  $('consult-actions').hidden = true;
  $('dialing-actions').hidden = true;
  $('dial').hidden = true;
  say('call-message', '');
  phone.media.ring();
  phone.call.ringShownAt = Date.now(); // for the measure of INVITE to ring (docs/performance.md)
  tickCall();
  $('answer').focus();
}

/** The agent's own call is being placed: who it goes to, and Cancel. */
function showDialing(frame) {
  phone.call = { key: frame.call, data: { dnis: frame.number }, dialed: true };
  fillCall({ dnis: frame.number, skills: [] });
  $('call-ani').textContent = frame.number;
  $('call').dataset.stage = 'dialing';
  $('call-title').textContent = dialTitle('trying', frame.number);
  $('ringing-actions').hidden = true;
  $('talking-actions').hidden = true;
  $('dialing-actions').hidden = false;
  $('dial').hidden = true;
  say('call-message', '');
  tickCall();
}

/** The transfer targets the server listed: its queues, then the agents with their states (only Ready ones can take it). */
function showTargets(frame) {
  const select = $('transfer-to');
  select.replaceChildren();
  const number = $('dial-number').value.trim();
  if (number) {
    select.append(new Option(`Number: ${number}`, `number:${number}`));
  }
  for (const queue of frame.queues) {
    select.append(new Option(`Queue: ${queue}`, `queue:${queue}`));
  }
  for (const agent of frame.agents) {
    const option = new Option(`Agent: ${agent.username} (${STATE_NAMES[agent.state] || agent.state})`, `agent:${agent.agentId}`);
    option.disabled = agent.state !== 'READY';
    select.append(option);
  }
  $('transfer-panel').hidden = false;
  $('transfer').setAttribute('aria-expanded', 'true');
  select.focus();
}

function closeTransfer() {
  $('transfer-panel').hidden = true;
  $('transfer').setAttribute('aria-expanded', 'false');
}

function talking(connectedAt) {
  phone.media.stopRing();
  phone.call.connectedAt = connectedAt;
  phone.call.consultation = null;
  $('call-title').textContent = 'On a call';
  $('dialing-actions').hidden = true;
  $('dial').hidden = true;
  $('ringing-actions').hidden = true;
  showTalkingActions('talking');
  tickCall();
  watchQuality();
}

/**
 * What the agent may do at each stage of a connected call: talking (or on hold), consulting (the
 * consulted agent rings, or the two talk), consulted (this agent is the one consulted), conference,
 * or the caller gone while the two agents talk.
 */
const TALKING_ACTIONS = {
  talking: ['mute', 'hold', 'transfer', 'hangup'],
  consultRinging: ['cancel-consult'],
  consulting: ['mute', 'complete', 'conference', 'cancel-consult'],
  consulted: ['mute', 'hangup'],
  conference: ['mute', 'hangup'],
  callerGone: ['mute', 'hangup'],
};

function showTalkingActions(stage) {
  $('call').dataset.stage = stage;
  const shown = TALKING_ACTIONS[stage];
  for (const id of ['mute', 'hold', 'transfer', 'hangup']) {
    $(id).hidden = !shown.includes(id);
  }
  $('record-pause').hidden = !(stage === 'talking' && phone.call.data && phone.call.data.record);
  $('talking-actions').hidden = !['mute', 'hold', 'transfer', 'hangup'].some((id) => shown.includes(id));
  for (const id of ['complete', 'conference', 'cancel-consult']) {
    $(id).hidden = !shown.includes(id);
  }
  $('consult-actions').hidden = !['complete', 'conference', 'cancel-consult'].some((id) => shown.includes(id));
  if (stage !== 'talking') {
    closeTransfer();
  }
}

const CONSULT_ENDS = {
  cancelled: null,
  declined: 'declined the consultation',
  rang_out: 'did not answer',
  target_hung_up: 'hung up',
  left_conference: 'left the conference',
  failed: 'could not be connected',
  busy: 'is busy',
  no_answer: 'did not answer',
  refused: 'refused the call (the trunk said no)',
  no_such_number: 'is not a number the trunk knows',
  logged_out: 'logged out',
  connection_lost: 'lost the connection',
};

/** After a call: the tenant's disposition codes to pick from, and a note; the Ready button ends the wrap-up. */
function showWrapUp(frame) {
  phone.wrapUp = frame;
  const select = $('disposition-code');
  select.replaceChildren(new Option('Choose…', ''), ...frame.codes.map((c) => new Option(c, c)));
  $('disposition-notes').value = '';
  $('disposition-notes').maxLength = frame.notesMaxLength;
  say('disposition-message', frame.required ? 'Pick a disposition: you are Ready again once you did.' : '');
  $('wrap-up-panel').hidden = false;
  select.focus();
}

/** How the consultation goes, on either agent's phone. */
function showConsultation(frame) {
  const call = phone.call;
  const other = frame.with.username || frame.with.number;
  call.consultation = frame.state;
  switch (frame.state) {
    case 'ringing':
      $('call-title').textContent = `Consulting ${other}: ringing (the caller is on hold)`;
      showTalkingActions('consultRinging');
      break;
    case 'talking':
      if (call.consultedBy) {
        phone.media.stopRing();
        call.connectedAt = call.connectedAt || Date.now();
        $('ringing-actions').hidden = true;
        $('call-title').textContent = `Consultation with ${other}`;
        showTalkingActions('consulted');
      } else {
        $('call-title').textContent = `Consulting ${other} (the caller is on hold)`;
        showTalkingActions('consulting');
      }
      break;
    case 'conference':
      $('call-title').textContent = `Conference with the caller and ${other}`;
      showTalkingActions('conference');
      break;
    case 'caller_gone':
      $('call-title').textContent = `The caller hung up; you are talking with ${other}`;
      showTalkingActions('callerGone');
      break;
    case 'joined':
      call.consultedBy = null;
      say('call-message', `${other} transferred the call to you.`);
      break;
    case 'ended':
      if (frame.reason === 'left_conference') {
        say('call-message', `${other} left the conference.`);
        call.consultedBy = null;
        $('call-title').textContent = 'On a call';
        showTalkingActions('talking');
        setHeld(null);
      } else {
        const why = CONSULT_ENDS[frame.reason];
        say('call-message', why ? `The consultation ended: ${other} ${why}.` : 'Back to the caller.');
        showTalkingActions('talking');
        setHeld(frame.reason === 'cancelled' ? null : 'agent');
      }
      break;
    default:
      break;
  }
}

// ---- call quality ----

/** Every 2 s: the call's statistics; shown when the call degrades, and sent for the supervisors. */
function watchQuality() {
  if (phone.quality) {
    phone.quality.stop();
  }
  const pc = phone.media && phone.media.callPeer();
  const call = phone.call;
  if (!pc || !call) {
    return;
  }
  phone.quality = new CallQuality(pc, (sample) => {
    if (phone.call !== call) {
      return;
    }
    phone.lastQuality = sample;
    phone.connection && phone.connection.send({ type: 'quality', call: call.key, ...sample });
    const bad = degraded(sample);
    $('call-quality').hidden = !bad;
    if (bad) {
      $('call-quality').textContent = `Poor call quality: ${sample.lossPercent} % of the caller's audio lost, `
        + `${sample.jitterMs} ms jitter, ${sample.rttMs} ms round trip (estimated MOS ${sample.mos} of 4.5).`;
    }
  });
}

// ---- devices and the preflight check ----

async function showDevices() {
  const change = await phone.devices.refresh();
  const devices = phone.devices.known;
  for (const [role, select] of [['microphone', $('microphone-device')], ['speaker', $('speaker-device')], ['ringer', $('ringer-device')]]) {
    const mine = devices.filter((d) => d.kind === KINDS[role]);
    const options = [new Option('Browser default', '')].concat(mine.filter((d) => d.deviceId !== 'default')
      .map((d, i) => new Option(d.label || `${role === 'microphone' ? 'Microphone' : 'Output'} ${i + 1} (allow the microphone to see names)`, d.deviceId)));
    select.replaceChildren(...options);
    select.value = phone.devices.chosen(role);
  }
  const told = [];
  if (change.added.length) { told.push(`Added: ${change.added.join(', ')}.`); }
  if (change.removed.length) { told.push(`Removed: ${change.removed.join(', ')}.`); }
  change.lost.forEach((role) => told.push(`Your ${role} is gone: the browser's default is used.`));
  if (told.length) {
    say('devices-message', told.join(' '));
  }
  if (change.lost.includes('microphone') && phone.media) {
    phone.media.changeMicrophone();
  }
  if (phone.media && (change.lost.includes('speaker') || change.lost.includes('ringer'))) {
    phone.media.applyOutputs();
  }
}

if (navigator.mediaDevices) {
  navigator.mediaDevices.addEventListener('devicechange', () => { if (phone.connection) { showDevices(); } });
}

for (const [role, id] of [['microphone', 'microphone-device'], ['speaker', 'speaker-device'], ['ringer', 'ringer-device']]) {
  $(id).addEventListener('change', () => {
    const device = phone.devices.known.find((d) => d.deviceId === $(id).value && d.kind === KINDS[role]);
    phone.devices.choose(role, device);
    say('devices-message', '');
    if (phone.media) {
      if (role === 'microphone') {
        phone.media.changeMicrophone().catch((e) => say('devices-message', `That microphone cannot be used: ${e.message}`));
      } else {
        phone.media.applyOutputs();
      }
    }
  });
}

/**
 * Before the first call: does the microphone hear the agent, and does audio reach the media server?
 * The result in plain words; run again with the button.
 */
async function preflight() {
  phone.preflightDone = true;
  say('preflight-result', 'Checking your microphone and the audio path…');
  const parts = [];
  try {
    const level = await microphoneLevel();
    parts.push(level > 0.01
      ? `Microphone: working (level ${Math.round(level * 100)} %).`
      : 'Microphone: silent. Check that it is plugged in and not muted, or choose another one.');
  } catch (e) {
    parts.push(`Microphone: not available (${e.message}).`);
  }
  parts.push(await audioPath());
  say('preflight-result', parts.join(' '));
  showDevices();
}

async function microphoneLevel() {
  unlockAudio();
  const id = phone.devices.chosen('microphone');
  const stream = await navigator.mediaDevices.getUserMedia({ audio: id ? { deviceId: { exact: id } } : true });
  try {
    const analyser = phone.audio.createAnalyser();
    analyser.fftSize = 2048;
    const source = phone.audio.createMediaStreamSource(stream);
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let peak = 0;
    const until = Date.now() + 1500;
    while (Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      analyser.getFloatTimeDomainData(samples);
      peak = Math.max(peak, Math.sqrt(samples.reduce((sum, v) => sum + v * v, 0) / samples.length));
    }
    source.disconnect();
    return Math.min(1, peak * 4);
  } finally {
    stream.getTracks().forEach((t) => t.stop());
  }
}

async function audioPath() {
  if (!phone.isPhone) {
    return 'Audio path: checked in the tab where your calls ring.';
  }
  const started = Date.now();
  if (!phone.mediaReady) {
    phone.connection.send({ type: 'media' });
  }
  const until = Date.now() + 8000;
  while (Date.now() < until) {
    const pc = phone.media && phone.media.standing;
    if (phone.mediaReady && pc && pc.connectionState === 'connected') {
      return `Audio path to the server: connected (${Date.now() - started} ms).`;
    }
    if (pc && pc.connectionState === 'failed') {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return 'Audio path to the server: not connected. Your network may block the audio (UDP); calls would have no sound. Tell your administrator.';
}

$('preflight').addEventListener('click', () => preflight());

function setHeld(by) {
  phone.call.held = by;
  $('hold').setAttribute('aria-pressed', String(by === 'agent'));
  $('hold').textContent = by === 'agent' ? 'Resume' : 'Hold';
  $('call-title').textContent = by ? `On hold (${by === 'agent' ? 'by you' : 'by the caller'})` : 'On a call';
}

function hideCall(message) {
  if (phone.quality) {
    phone.quality.stop();
    phone.quality = null;
  }
  $('call-quality').hidden = true;
  showSupervision([]);
  if (phone.media) {
    phone.media.stopRing();
    phone.media.endCall();
  }
  phone.call = null;
  pad.callEnded();
  closeTransfer();
  $('call').hidden = true;
  $('dialing-actions').hidden = true;
  $('consult-actions').hidden = true;
  $('dial').hidden = false;
  $('call-pop-panel').hidden = true;
  $('call-pop-panel').removeAttribute('src');
  $('mute').setAttribute('aria-pressed', 'false');
  $('mute').textContent = 'Mute';
  say('call-message', message);
}

/** Who coaches the agent (whisper) or joined its call (barge); a supervisor who only listens is not shown. */
function showSupervision(supervisors) {
  const line = $('call-supervisor');
  const words = supervisors.map((s) => (s.mode === 'barge' ? `${s.name} joined the call` : `${s.name} is coaching you (the caller does not hear)`));
  line.textContent = words.join('; ');
  line.hidden = words.length === 0;
  line.dataset.mode = supervisors.some((s) => s.mode === 'barge') ? 'barge' : supervisors.length ? 'whisper' : '';
}

function tickCall() {
  const call = phone.call;
  if (!call) {
    return;
  }
  $('call-clock').textContent = call.connectedAt
    ? clock((Date.now() - call.connectedAt) / 1000, false)
    : `Ringing, ${Math.max(0, Math.ceil((call.ringEnds - Date.now()) / 1000))} s left`
      + (call.offer && call.offer.waitingSince ? ` · the caller has waited ${clock((Date.now() - Date.parse(call.offer.waitingSince)) / 1000, false)}` : '');
}
setInterval(tickCall, 500);

async function answer() {
  const call = phone.call;
  if (!call || call.connectedAt || call.answering) {
    return;
  }
  call.answering = true;
  call.answerClickedAt = Date.now(); // for the measure of click to two-way audio (docs/performance.md)
  const inPanel = phone.screenPop === 'panel';
  const url = popUrl(call.data.url, inPanel);
  if (url && inPanel) {
    $('call-pop-panel').src = url; // the tenant's choice: the customer's record inside the phone
    $('call-pop-panel').hidden = false;
  } else if (url) {
    window.open(url, '_blank', 'noopener'); // the screen pop, opened by the agent's click
  }
  phone.media.stopRing();
  if (call.offer.sdp) {
    const sdp = await phone.media.callOffer(call.key, call.offer.sdp, call.offer.iceServers); // a call that brings its own media leg
    phone.connection.send({ type: 'answer', call: call.key, sdp });
  } else {
    phone.connection.send({ type: 'answer', call: call.key });
  }
}

/** A transfer now, or a consultation first, to the target picked in the transfer panel. */
function sendTransfer(type) {
  const [kind, value] = $('transfer-to').value.split(/:(.*)/s);
  if (!phone.call || !phone.call.connectedAt || !value) {
    return;
  }
  const to = kind === 'agent' ? { agent: Number(value) } : kind === 'number' ? { number: value } : { queue: value };
  phone.connection.send({ type, call: phone.call.key, to });
}

function callAction(type) {
  if (phone.call && phone.call.connectedAt) {
    phone.connection.send({ type, call: phone.call.key });
  }
}

// ---- the dial pad: keypad digits to the caller in a call, the number otherwise ----

const pad = dialPad(document, {
  callInProgress: () => (phone.call && phone.call.connectedAt ? phone.call.key : null),
  sendDigit: (call, digit) => phone.connection && phone.connection.send({ type: 'dtmf', call, digits: digit }),
});

// ---- the agent's actions, by button and by keyboard ----

const actions = {
  ready: () => {
    if (!phone.connection) {
      return;
    }
    if (!phone.isPhone) {
      phone.connection.send({ type: 'ready' }); // the tab that is the phone has the audio path
    } else if (!phone.mediaReady) {
      phone.wantReady = true; // the audio path first (asked at Ready, kept across calls), then Ready
      phone.connection.send({ type: 'media' });
    } else {
      phone.connection.send({ type: 'ready' });
    }
  },
  busy: () => phone.connection && phone.connection.send({ type: 'busy' }),
  away: () => phone.connection && phone.connection.send({ type: 'away', reason: $('away-reason').value }),
  logout: async () => {
    const token = localStorage.getItem(tokenKey);
    phone.loggingOut = true;
    if (!(phone.connection && phone.connection.send({ type: 'logout' }))) {
      await logout(base, token); // no socket now: the REST logout writes the same Agent Logout
      end('You logged out.');
    }
  },
};
Object.assign(actions, {
  answer,
  decline: () => phone.call && !phone.call.connectedAt && phone.connection.send({ type: 'decline', call: phone.call.key }),
  mute: () => {
    if (phone.call && phone.call.connectedAt) {
      const on = !phone.media.muted;
      phone.media.setMuted(on);
      $('mute').setAttribute('aria-pressed', String(on));
      $('mute').textContent = on ? 'Unmute' : 'Mute';
    }
  },
  hold: () => callAction(phone.call && phone.call.held === 'agent' ? 'resume' : 'hold'),
  recordPause: () => callAction($('record-pause').getAttribute('aria-pressed') === 'true' ? 'resumeRecording' : 'pauseRecording'),
  transfer: () => {
    if (!phone.call || !phone.call.connectedAt) {
      return;
    }
    if ($('transfer-panel').hidden) {
      phone.connection.send({ type: 'targets' });
    } else {
      closeTransfer();
    }
  },
  transferNow: () => sendTransfer('transfer'),
  consult: () => sendTransfer('consult'),
  complete: () => callAction('complete'),
  conference: () => callAction('conference'),
  cancelConsult: () => callAction('cancelConsult'),
  hangup: () => {
    if (phone.call && phone.call.dialed && !phone.call.connectedAt) {
      phone.connection.send({ type: 'cancel', call: phone.call.key });
    } else {
      callAction('hangup');
    }
  },
  dial: () => {
    const number = $('dial-number').value.trim();
    if (!phone.connection || phone.call || !number) {
      return;
    }
    if (!phone.isPhone) {
      say('agent-message', 'Calls are placed from the tab where your calls ring.');
    } else if (!phone.mediaReady) {
      phone.wantDial = number; // the audio path first (kept across calls), then the dial
      phone.connection.send({ type: 'media' });
    } else {
      phone.connection.send({ type: 'dial', number });
    }
  },
  takeOver: () => phone.connection && !phone.isPhone && phone.connection.send({ type: 'takeOver' }),
  saveDisposition: () => {
    const code = $('disposition-code').value;
    if (!phone.connection || !phone.wrapUp) {
      return;
    }
    if (!code) {
      say('disposition-message', 'Choose a disposition first.');
      return;
    }
    phone.connection.send({ type: 'disposition', call: phone.wrapUp.call, code, notes: $('disposition-notes').value });
  },
});
$('take-over').addEventListener('click', actions.takeOver);
$('disposition-save').addEventListener('click', actions.saveDisposition);
$('answer').addEventListener('click', actions.answer);
$('decline').addEventListener('click', actions.decline);
$('mute').addEventListener('click', actions.mute);
$('hold').addEventListener('click', actions.hold);
$('record-pause').addEventListener('click', actions.recordPause);
$('hangup').addEventListener('click', actions.hangup);
$('cancel-dial').addEventListener('click', actions.hangup);
$('transfer').addEventListener('click', actions.transfer);
$('transfer-go').addEventListener('click', actions.transferNow);
$('consult-go').addEventListener('click', actions.consult);
$('complete').addEventListener('click', actions.complete);
$('conference').addEventListener('click', actions.conference);
$('cancel-consult').addEventListener('click', actions.cancelConsult);
$('dial').addEventListener('click', actions.dial);
$('dial-number').addEventListener('keydown', (event) => {
  if (event.key === 'Enter') {
    event.preventDefault();
    actions.dial();
  }
});
$('go-ready').addEventListener('click', actions.ready);
$('go-busy').addEventListener('click', actions.busy);
$('go-away').addEventListener('click', actions.away);
$('logout').addEventListener('click', actions.logout);
document.addEventListener('keydown', (event) => {
  if (!event.altKey || $('agent').hidden) {
    return;
  }
  const action = {
    r: actions.ready, b: actions.busy, a: actions.away, l: actions.logout, enter: actions.answer, d: actions.decline,
    m: actions.mute, h: actions.hold, p: actions.recordPause, x: actions.hangup, t: actions.takeOver, n: actions.dial, f: actions.transfer,
    c: () => preflight(),
  }[event.key.toLowerCase()];
  if (action) {
    event.preventDefault();
    action();
  }
});

// A reload keeps the tab's session: the phone connects again with its token.
const kept = localStorage.getItem(tokenKey);
if (kept) {
  start(kept);
} else {
  showLogin('');
}
