/**
 * Outbound calls on the phone page, in words: what the call section says while a number is dialed
 * (the server's dialProgress frames) and why a dialed call did not connect (its dialFailed frame).
 */

/** The call section's title while {@code number} is dialed: trying, ringing or early_media. */
export function dialTitle(progress, number) {
  switch (progress) {
    case 'ringing': return `Ringing ${number}`;
    case 'early_media': return `Ringing ${number} (their line plays audio)`;
    default: return `Calling ${number}…`;
  }
}

const DIAL_FAILS = {
  busy: 'Busy: the number is on another call.',
  no_answer: 'No answer.',
  refused: 'The trunk refused the call (its credentials or its rules).',
  no_such_number: 'No such number.',
  cancelled: 'You cancelled the call.',
  media_failed: 'The call could not be connected: its audio could not be set up.',
  logged_out: 'The call ended: your session ended.',
  failed: 'The call could not be connected.',
};

/** Why a dialed call did not connect, with the trunk's own answer (e.g. "486 Busy Here") when it gave one. */
export function dialFailedWords(reason, status, message) {
  const words = DIAL_FAILS[reason] || `The call did not connect (${reason}).`;
  return status && message ? `${words} (${message})` : words;
}
