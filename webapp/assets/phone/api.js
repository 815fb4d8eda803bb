// The REST side of the phone: login and logout (docs/api.md), each failure as a sentence for the agent.

/** Thrown with a message fit to show the agent. */
export class PhoneError extends Error {}

export async function login(base, appId, username, password) {
  const send = () => fetch(`${base}/api/apps/${encodeURIComponent(appId)}/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  let answer;
  try {
    answer = await send();
  } catch (first) {
    // Once more: a connection the browser kept open to a server that restarted fails a POST at once,
    // and the browser does not retry a POST by itself.
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      answer = await send();
    } catch (e) {
      throw new PhoneError('The server cannot be reached. Check your network connection and try again.');
    }
  }
  if (answer.status === 201) {
    return answer.json();
  }
  throw new PhoneError(await refusal(answer, appId));
}

async function refusal(answer, appId) {
  const retry = answer.headers.get('Retry-After');
  switch (answer.status) {
    case 400:
    case 401: return 'Wrong username or password.';
    case 403: return 'This account may not use the phone here.';
    case 404: return `There is no call center "${appId}" at this address.`;
    case 429: return `Too many attempts. Try again in ${retry || 'a few'} seconds.`;
    case 503: return `The call center cannot log you in right now (its database is not reachable). Try again${retry ? ` in ${retry} seconds` : ' shortly'}.`;
    default: return `The server answered ${answer.status}. Try again shortly.`;
  }
}

/** Ends the session on the server; the page goes back to login whatever the answer. */
export async function logout(base, token) {
  try {
    await fetch(`${base}/api/sessions/current`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
  } catch (e) {
    // the server is gone: the session ends there with the connection (reconnect grace)
  }
}
