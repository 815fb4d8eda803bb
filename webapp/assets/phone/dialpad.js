/**
 * The dial pad: a number field and a keypad of twelve keys. In a connected call a key, clicked or
 * typed outside the page's fields, goes to the caller as a keypad digit (the phone's `dtmf` frame,
 * which the server sends as SIP INFO); otherwise it is added to the number. A call that rings with
 * a DefaultTransferNumber (from its Call Start or the IVR's Transfer header) fills the number with it.
 */
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];
const LONGEST = 32;

/**
 * @param doc the page
 * @param callInProgress () => the key of the connected call, or null
 * @param sendDigit (call, digit) => sends one keypad digit to that call's caller
 */
export function dialPad(doc, { callInProgress, sendDigit }) {
  const number = doc.getElementById('dial-number');
  const sent = doc.getElementById('keypad-sent');
  const pad = doc.getElementById('keypad');
  for (const key of KEYS) {
    const button = doc.createElement('button');
    button.type = 'button';
    button.textContent = key;
    button.dataset.digit = key;
    pad.append(button);
  }

  function press(digit) {
    const call = callInProgress();
    if (call) {
      sendDigit(call, digit);
      sent.textContent = (sent.textContent || 'Sent to the caller: ') + digit;
    } else if (number.value.length < LONGEST) {
      number.value += digit;
    }
  }

  pad.addEventListener('click', (event) => {
    const key = event.target.closest('button');
    if (key && key.dataset.digit) {
      press(key.dataset.digit);
    }
  });
  doc.addEventListener('keydown', (event) => {
    const target = event.target;
    const inField = target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName);
    if (event.altKey || event.ctrlKey || event.metaKey || inField || !KEYS.includes(event.key)) {
      return; // a field edits itself; Alt is the page's shortcuts
    }
    event.preventDefault();
    press(event.key);
  });

  return {
    /** A call rings (or comes back): its DefaultTransferNumber, when it has one, is the number. */
    callShown(data) {
      if (data && data.transfer) {
        number.value = String(data.transfer).slice(0, LONGEST);
      }
    },
    /** The call is over: the digits it was sent are forgotten; the number stays for the next. */
    callEnded() {
      sent.textContent = '';
    },
  };
}
