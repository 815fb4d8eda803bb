// A supervisor in one call at a time (docs/phone-page.md, "Listen, whisper, barge"): the server's
// offer answered with this page's microphone, its audio on the speaker. The microphone is sent only
// while whispering or barging; listening, the track is off and the server routes it nowhere anyway.

export const MODE_WORDS = { listen: 'Listening to', whisper: 'Whispering to', barge: 'In the call of' };

export class CallMonitor {
  /** send: a frame to the server; speaker: the audio element; changed: called with this after each change. */
  constructor(send, speaker, changed) {
    this.send = send;
    this.speaker = speaker;
    this.changed = changed;
    this.call = null;
    this.agentId = null;
    this.mode = null;
    this.state = 'off'; // off, joining, on
    this.pc = null;
    this.mic = null;
    this.early = [];
  }

  /** Asks to join a call; the server's monitorOffer follows. */
  join(call, agentId, mode) {
    if (this.call) {
      this.leave();
    }
    this.call = call;
    this.agentId = agentId;
    this.mode = mode;
    this.state = 'joining';
    this.send({ type: 'monitor', call, mode });
    this.changed(this);
  }

  setMode(mode) {
    if (this.call) {
      this.send({ type: 'monitorMode', call: this.call, mode });
    }
  }

  leave() {
    if (this.call) {
      this.send({ type: 'stopMonitor', call: this.call });
    }
    this.close();
  }

  /** The server's frames about the call this page is in; false for any other frame. */
  async onFrame(frame) {
    if (!frame.call || frame.call !== this.call) {
      return ['monitorOffer', 'monitorIce', 'monitoring', 'monitorEnded'].includes(frame.type);
    }
    switch (frame.type) {
      case 'monitorOffer':
        await this.answer(frame);
        return true;
      case 'monitorIce':
        if (this.pc && this.pc.remoteDescription) {
          await this.pc.addIceCandidate({ candidate: frame.candidate, sdpMid: frame.sdpMid, sdpMLineIndex: frame.sdpMLineIndex }).catch(() => {});
        } else {
          this.early.push(frame);
        }
        return true;
      case 'monitoring':
        this.mode = frame.mode;
        this.state = 'on';
        this.talk();
        this.changed(this);
        return true;
      case 'monitorEnded':
        this.ended = frame.reason;
        this.close();
        return true;
      default:
        return false;
    }
  }

  async answer(offer) {
    const pc = new RTCPeerConnection({ iceServers: offer.iceServers || [] });
    this.pc = pc;
    pc.onicecandidate = (e) => {
      if (e.candidate && this.call) {
        this.send({ type: 'monitorIce', call: this.call, candidate: e.candidate.candidate, sdpMid: e.candidate.sdpMid,
          sdpMLineIndex: e.candidate.sdpMLineIndex });
      }
    };
    pc.ontrack = (e) => { this.speaker.srcObject = new MediaStream([e.track]); };
    try {
      this.mic = await navigator.mediaDevices.getUserMedia({ audio: true });
      this.mic.getTracks().forEach((t) => pc.addTrack(t, this.mic));
    } catch (e) {
      // No microphone: the supervisor can still listen; whisper and barge carry silence.
    }
    this.talk();
    await pc.setRemoteDescription({ type: 'offer', sdp: offer.sdp });
    for (const early of this.early.splice(0)) {
      await pc.addIceCandidate({ candidate: early.candidate, sdpMid: early.sdpMid, sdpMLineIndex: early.sdpMLineIndex }).catch(() => {});
    }
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    this.send({ type: 'monitorAnswer', call: this.call, sdp: answer.sdp });
  }

  /** The microphone is on only while someone is to hear it. */
  talk() {
    if (this.mic) {
      this.mic.getAudioTracks().forEach((t) => { t.enabled = this.mode === 'whisper' || this.mode === 'barge'; });
    }
  }

  close() {
    if (this.pc) {
      this.pc.close();
    }
    if (this.mic) {
      this.mic.getTracks().forEach((t) => t.stop());
    }
    this.speaker.srcObject = null;
    this.pc = null;
    this.mic = null;
    this.early = [];
    this.call = null;
    this.mode = null;
    this.state = 'off';
    this.changed(this);
  }
}
