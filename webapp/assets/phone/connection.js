// The phone's WebSocket (docs/phone-protocol.md): hello with the token, a ping when idle, and a
// reconnect with the same token when the connection drops, until the session is over.

const PING_MS = 25000;
const BACKOFF_MS = [250, 500, 1000, 2000, 4000];

export class PhoneConnection {
  /**
   * @param url the WebSocket address
   * @param token the session's token
   * @param on {frame(f), status(s), ended(reason)}: s is 'connecting', 'connected' or 'reconnecting'
   */
  constructor(url, token, on) {
    this.url = url;
    this.token = token;
    this.on = on;
    this.attempt = 0;
    this.over = false;
    this.welcomed = false;
  }

  open() {
    this.on.status(this.welcomed ? 'reconnecting' : 'connecting');
    const ws = this.ws = new WebSocket(this.url);
    ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', token: this.token }));
    ws.onmessage = (event) => {
      const frame = JSON.parse(event.data);
      for (const one of frame.type === 'batch' ? frame.frames : [frame]) {
        this.receive(one);
      }
    };
    ws.onclose = () => {
      clearInterval(this.pinger);
      if (this.over) {
        return;
      }
      this.on.status('reconnecting');
      const wait = BACKOFF_MS[Math.min(this.attempt++, BACKOFF_MS.length - 1)];
      this.retry = setTimeout(() => this.open(), wait);
    };
  }

  receive(frame) {
    if (frame.type === 'welcome') {
      this.attempt = 0;
      this.welcomed = true;
      this.agentId = frame.agent.agentId;
      this.on.status('connected');
      clearInterval(this.pinger);
      this.pinger = setInterval(() => this.send({ type: 'ping' }), PING_MS);
    } else if (frame.type === 'error' && (frame.code === 'bad_token' || frame.code === 'logged_out')) {
      // The token is no longer known: the session ended while we were away, or the server restarted.
      this.close();
      this.on.ended('Your session has ended: the server no longer knows it (it may have restarted). Please log in again.');
      return;
    } else if (frame.type === 'loggedOut' && (!this.agentId || frame.agentId === this.agentId)) {
      // A supervisor also hears of other agents' logouts: only its own ends this connection.
      this.close();
      this.on.ended(loggedOutText(frame));
      return;
    }
    this.on.frame(frame);
  }

  send(frame) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) {
      this.ws.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  /** Stops for good: no reconnect. */
  close() {
    this.over = true;
    clearTimeout(this.retry);
    clearInterval(this.pinger);
    if (this.ws) {
      this.ws.close(1000);
    }
  }
}

/** Why the session ended, in the agent's words. */
export function loggedOutText(frame) {
  switch (frame.reason) {
    case 'logged out': return 'You logged out.';
    case 'logged out by a supervisor': return `A supervisor (${frame.by}) logged you out.`;
    case 'logged in again elsewhere': return 'You logged in somewhere else, so this phone was logged out.';
    case 'session expired': return 'Your session expired. Please log in again.';
    case 'server stopping': return 'The server is restarting. Please log in again in a moment.';
    case 'connection lost': return 'Your connection was lost for too long, so you were logged out.';
    default: return `You were logged out (${frame.reason}).`;
  }
}

const CONNECTION_TEXT = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Connection lost, reconnecting…',
  off: 'Not connected',
};

/** Shows a connection status ('connecting', 'connected', 'reconnecting' or 'off') in words and as data-status. */
export function showConnection(element, status) {
  element.dataset.status = status;
  element.textContent = CONNECTION_TEXT[status];
}
