// The agent's audio devices: microphone, speaker and ringer, chosen in the page and remembered in
// the browser; a device added or removed is noticed and told. docs/phone-page.md.

const KEY = 'callcenter.devices';
export const KINDS = { microphone: 'audioinput', speaker: 'audiooutput', ringer: 'audiooutput' };

export class Devices {
  constructor() {
    this.known = [];
    try {
      this.choice = JSON.parse(localStorage.getItem(KEY)) || {};
    } catch (e) {
      this.choice = {};
    }
  }

  /** The browser's audio devices now (names only once the page may use the microphone). */
  async list() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.enumerateDevices) {
      return [];
    }
    const all = await navigator.mediaDevices.enumerateDevices();
    return all.filter((d) => d.kind === 'audioinput' || d.kind === 'audiooutput');
  }

  /** The device id chosen for a role and still present, or '' for the browser's default. */
  chosen(role, devices = this.known) {
    const wanted = this.choice[role];
    if (!wanted) {
      return '';
    }
    const present = devices.find((d) => d.kind === KINDS[role] && (d.deviceId === wanted.id || (wanted.label && d.label === wanted.label)));
    return present ? present.deviceId : '';
  }

  choose(role, device) {
    if (device) {
      this.choice[role] = { id: device.deviceId, label: device.label };
    } else {
      delete this.choice[role];
    }
    localStorage.setItem(KEY, JSON.stringify(this.choice));
  }

  /** Lists again; returns what changed since the last look: {added, removed, lost: roles whose device is gone}. */
  async refresh() {
    const before = this.known;
    const now = await this.list();
    this.known = now;
    const key = (d) => `${d.kind}/${d.deviceId}`;
    const had = new Set(before.map(key));
    const has = new Set(now.map(key));
    const named = (d) => d.label || (d.kind === 'audioinput' ? 'a microphone' : 'an audio output');
    const lost = Object.keys(KINDS).filter((role) => this.choice[role] && this.chosen(role, before) && !this.chosen(role, now));
    return {
      added: before.length ? now.filter((d) => !had.has(key(d))).map(named) : [],
      removed: before.filter((d) => !has.has(key(d))).map(named),
      lost,
    };
  }
}
