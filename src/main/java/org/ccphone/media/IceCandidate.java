package org.ccphone.media;

/** One ICE candidate, as WebRTC signals it (RTCIceCandidateInit). */
public record IceCandidate(String candidate, String sdpMid, int sdpMLineIndex) {}
