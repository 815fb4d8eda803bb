// Live call quality from the WebRTC statistics: round-trip time, jitter, loss and an estimated MOS
// (the ITU-T G.107 E-model, simplified for G.711/Opus voice). docs/phone-page.md.

const EVERY_MS = 2000;

/** What the agent is told, and the supervisors see, when the call degrades. */
export function degraded(sample) {
  return sample.mos < 3.6 || sample.lossPercent >= 5 || sample.rttMs > 400;
}

/** The E-model's R factor from one-way delay, jitter and loss, turned into a MOS (1 to 4.5). */
export function mos(rttMs, jitterMs, lossPercent) {
  const latency = rttMs / 2 + 2 * jitterMs + 10;
  let r = latency < 160 ? 93.2 - latency / 40 : 93.2 - (latency - 120) / 10;
  r -= 2.5 * lossPercent;
  r = Math.max(0, Math.min(100, r));
  return 1 + 0.035 * r + 0.000007 * r * (r - 60) * (100 - r);
}

export class CallQuality {
  /** @param onSample called every 2 s with {rttMs, jitterMs, lossPercent, mos} */
  constructor(pc, onSample) {
    this.pc = pc;
    this.onSample = onSample;
    this.last = null;
    this.timer = setInterval(() => this.measure().catch(() => {}), EVERY_MS);
  }

  async measure() {
    const stats = await this.pc.getStats();
    let received = 0;
    let lost = 0;
    let jitter = 0;
    let rtt = null;
    stats.forEach((s) => {
      if (s.type === 'inbound-rtp' && (s.kind === 'audio' || s.mediaType === 'audio')) {
        received += s.packetsReceived || 0;
        lost += Math.max(0, s.packetsLost || 0);
        jitter = Math.max(jitter, (s.jitter || 0) * 1000);
      } else if (s.type === 'remote-inbound-rtp' && typeof s.roundTripTime === 'number') {
        rtt = s.roundTripTime * 1000;
      } else if (s.type === 'candidate-pair' && s.nominated && typeof s.currentRoundTripTime === 'number' && rtt === null) {
        rtt = s.currentRoundTripTime * 1000;
      }
    });
    const now = { received, lost };
    const before = this.last || { received: 0, lost: 0 };
    this.last = now;
    const got = now.received - before.received;
    const missing = now.lost - before.lost;
    if (got + missing <= 0) {
      return; // nothing came in this interval (on hold, or not flowing yet)
    }
    const lossPercent = (100 * missing) / (got + missing);
    const rttMs = rtt === null ? 0 : rtt;
    this.onSample({
      rttMs: Math.round(rttMs),
      jitterMs: Math.round(jitter),
      lossPercent: Math.round(lossPercent * 10) / 10,
      mos: Math.round(mos(rttMs, jitter, lossPercent) * 10) / 10,
    });
  }

  stop() {
    clearInterval(this.timer);
  }
}
