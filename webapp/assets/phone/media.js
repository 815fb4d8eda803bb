// The phone's audio: its standing WebRTC leg (asked for at Ready, kept across calls), a leg made for
// one call when the server offers one (a call that moved from another agent), the speaker, mute,
// and the ring. docs/phone-page.md.

export class PhoneMedia {
  /**
   * @param audioOf gives the page's AudioContext, started by a click (the login's, or any after a reload)
   * @param ringer the audio element the ring plays in (its own output device)
   * @param devices the agent's chosen devices (devices.js)
   */
  constructor(send, speaker, audioOf, ringer, devices) {
    this.send = send;
    this.speaker = speaker;
    this.audioOf = audioOf;
    this.ringer = ringer;
    this.devices = devices;
    this.standing = null;
    this.callPc = null;
    // The media server's candidates may come before its offer has been taken (trickle ICE): kept
    // until the peer connection they belong to has the offer, then added.
    this.early = [];
    this.microphone = null;
    this.muted = false;
  }

  async mic() {
    if (!navigator.mediaDevices) {
      throw new Error('the browser gives this page no microphone: open the phone over https (or on localhost)');
    }
    if (!this.microphone) {
      const id = this.devices ? this.devices.chosen('microphone') : '';
      this.microphone = await navigator.mediaDevices.getUserMedia({ audio: id ? { deviceId: { exact: id } } : true });
      this.applyMute();
    }
    return this.microphone;
  }

  /** The chosen microphone changed: the legs open now send the new one. */
  async changeMicrophone() {
    const old = this.microphone;
    this.microphone = null;
    if (!old) {
      return;
    }
    const track = (await this.mic()).getAudioTracks()[0];
    for (const pc of [this.standing, this.callPc]) {
      if (pc) {
        pc.getSenders().filter((s) => s.track && s.track.kind === 'audio').forEach((s) => s.replaceTrack(track));
      }
    }
    old.getTracks().forEach((t) => t.stop());
  }

  /** Plays the caller and the ring on the chosen outputs (where the browser lets a page choose). */
  async applyOutputs() {
    if (!this.devices) {
      return;
    }
    for (const [element, role] of [[this.speaker, 'speaker'], [this.ringer, 'ringer']]) {
      if (element && element.setSinkId) {
        await element.setSinkId(this.devices.chosen(role)).catch(() => {});
      }
    }
  }

  /** The peer connection the call's audio is on now. */
  callPeer() {
    return this.callPc || this.standing;
  }

  /** iceServers: the TURN relay with this phone's credentials, as the offer gave them (fresh with every offer). */
  async peer(call, iceServers) {
    const pc = new RTCPeerConnection({ iceServers: iceServers || [] });
    pc.onicecandidate = (e) => {
      if (e.candidate) {
        const frame = { type: 'ice', candidate: e.candidate.candidate, sdpMid: e.candidate.sdpMid, sdpMLineIndex: e.candidate.sdpMLineIndex };
        if (call) { frame.call = call; }
        this.send(frame);
      }
    };
    pc.ontrack = (e) => { this.speaker.srcObject = new MediaStream([e.track]); };
    const mic = await this.mic();
    mic.getTracks().forEach((t) => pc.addTrack(t, mic));
    this.applyMute();
    return pc;
  }

  /** The server's offer for the standing leg: answered with mediaAnswer. */
  async standingOffer(sdp, iceServers) {
    if (this.standing) { this.standing.close(); }
    this.standing = null;
    const pc = await this.peer(null, iceServers);
    await pc.setRemoteDescription({ type: 'offer', sdp });
    this.standing = pc;
    this.addEarly(null);
    const answer = await this.standing.createAnswer();
    await this.standing.setLocalDescription(answer);
    this.send({ type: 'mediaAnswer', sdp: answer.sdp });
  }

  /** An offer that carries its own sdp: a leg for this call only; returns the answer's sdp. */
  async callOffer(call, sdp, iceServers) {
    this.endCall();
    const pc = await this.peer(call, iceServers);
    await pc.setRemoteDescription({ type: 'offer', sdp });
    this.callPc = pc;
    this.callKey = call;
    this.addEarly(call);
    const answer = await this.callPc.createAnswer();
    await this.callPc.setLocalDescription(answer);
    return answer.sdp;
  }

  candidate(frame) {
    const pc = frame.call ? (this.callKey === frame.call ? this.callPc : null) : this.standing;
    if (!pc) {
      this.early.push(frame); // its peer connection is still being made
      return;
    }
    pc.addIceCandidate({ candidate: frame.candidate, sdpMid: frame.sdpMid, sdpMLineIndex: frame.sdpMLineIndex }).catch(() => {});
  }

  /** Adds the candidates that came early for this leg (a call's, or the standing one for null). */
  addEarly(call) {
    const mine = this.early.filter((f) => (f.call || null) === call);
    this.early = this.early.filter((f) => (f.call || null) !== call);
    mine.forEach((f) => this.candidate(f));
  }

  endCall() {
    if (this.callPc) { this.callPc.close(); this.callPc = null; }
    this.callKey = null;
    this.setMuted(false);
  }

  setMuted(on) {
    this.muted = on;
    this.applyMute();
  }

  applyMute() {
    if (this.microphone) {
      this.microphone.getAudioTracks().forEach((t) => { t.enabled = !this.muted; });
    }
  }

  /** The ring: two tones, 2 s on, 4 s off, until stopped, on the ringer device. */
  ring() {
    this.stopRing();
    const audio = this.audioOf();
    if (!audio) { return; }
    if (!this.ringOut) {
      this.ringOut = audio.createMediaStreamDestination();
      if (this.ringer) {
        this.ringer.srcObject = this.ringOut.stream;
        this.ringer.play().catch(() => {});
      }
    }
    const out = this.ringer ? this.ringOut : audio.destination;
    const beep = () => {
      const gain = audio.createGain();
      gain.gain.value = 0.15;
      gain.connect(out);
      for (const hz of [440, 480]) {
        const tone = audio.createOscillator();
        tone.frequency.value = hz;
        tone.connect(gain);
        tone.start();
        tone.stop(audio.currentTime + 2);
      }
    };
    beep();
    this.ringing = setInterval(beep, 6000);
  }

  stopRing() {
    clearInterval(this.ringing);
    this.ringing = null;
  }

  close() {
    this.early = [];
    this.stopRing();
    this.endCall();
    if (this.standing) { this.standing.close(); this.standing = null; }
    if (this.microphone) { this.microphone.getTracks().forEach((t) => t.stop()); this.microphone = null; }
  }
}
