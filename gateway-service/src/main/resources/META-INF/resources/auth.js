// Who the person is to the API: an API key pasted once, or tokens from the identity provider, got with the
// authorization code flow and PKCE as a public client (RFC 7636; no client secret in a browser). Both are kept in
// sessionStorage: this tab only, gone when it closes.
'use strict';

const Auth = (() => {
  const KEY = 'autoflow.apiKey';
  const TOKENS = 'autoflow.tokens';
  const PENDING = 'autoflow.signin';
  let provider = null;

  /** Reads GET /auth/config: whether an identity provider is offered, and its endpoints. */
  async function load() {
    try {
      const response = await fetch('/auth/config');
      provider = response.ok ? (await response.json()).oidc : null;
    } catch (error) {
      provider = null;
    }
    return provider;
  }

  function tokens() {
    const stored = sessionStorage.getItem(TOKENS);
    return stored ? JSON.parse(stored) : null;
  }

  function keep(answer) {
    const previous = tokens() || {};
    sessionStorage.setItem(TOKENS, JSON.stringify({
      access: answer.access_token,
      refresh: answer.refresh_token || previous.refresh,
      idToken: answer.id_token || previous.idToken,
      expiresAt: Date.now() + 1000 * (answer.expires_in || 300),
    }));
  }

  function signedIn() {
    return !!(sessionStorage.getItem(KEY) || tokens());
  }

  function useKey(key) {
    sessionStorage.removeItem(TOKENS);
    sessionStorage.setItem(KEY, key);
  }

  function forget() {
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(TOKENS);
  }

  async function tokenRequest(fields) {
    const response = await fetch(provider.token_endpoint, {
      method: 'POST',
      headers: {'Content-Type': 'application/x-www-form-urlencoded'},
      body: new URLSearchParams(Object.assign({client_id: provider.client_id}, fields)),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new ApiError(response.status, {code: 'sign_in_failed',
        message: 'The identity provider refused: ' + (body.error_description || body.error || response.status)});
    }
    keep(body);
  }

  /** A fresh access token: renewed with the refresh token shortly before it expires. */
  async function refreshIfDue() {
    const current = tokens();
    if (!current || Date.now() < current.expiresAt - 30000 || !current.refresh || !provider) return;
    try {
      await tokenRequest({grant_type: 'refresh_token', refresh_token: current.refresh});
    } catch (error) {
      // The provider's session ended: the next request gets its 401 and the person signs in again.
    }
  }

  /** The headers that say who is asking. */
  async function headers() {
    await refreshIfDue();
    const key = sessionStorage.getItem(KEY);
    if (key) return {'X-API-Key': key};
    const current = tokens();
    return current ? {'Authorization': 'Bearer ' + current.access} : {};
  }

  function randomText(bytes) {
    return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
  }

  function base64Url(bytes) {
    return btoa(String.fromCharCode(...new Uint8Array(bytes)))
      .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function redirectUri() {
    return location.origin + '/';
  }

  /** Sends the person to the provider's sign-in page; they come back to / with a code. */
  async function begin() {
    const verifier = randomText(32);
    const challenge = base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
    const state = randomText(16);
    sessionStorage.setItem(PENDING, JSON.stringify({state, verifier, returnTo: location.pathname + location.hash}));
    const url = new URL(provider.authorization_endpoint);
    url.search = new URLSearchParams({response_type: 'code', client_id: provider.client_id,
      redirect_uri: redirectUri(), scope: provider.scope, state, code_challenge: challenge,
      code_challenge_method: 'S256'}).toString();
    location.assign(url.toString());
  }

  /**
   * If the provider just sent the person back, exchanges the code for tokens. Returns where they were before
   * signing in, or null when this page load is not a return from the provider.
   */
  async function complete() {
    const query = new URLSearchParams(location.search);
    if (!query.has('state') || !(query.has('code') || query.has('error'))) return null;
    const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
    sessionStorage.removeItem(PENDING);
    history.replaceState(null, '', '/');
    if (!pending || pending.state !== query.get('state')) {
      throw new ApiError(400, {code: 'sign_in_failed', message: 'That sign-in was not started here; try again'});
    }
    if (query.has('error')) {
      throw new ApiError(400, {code: 'sign_in_failed',
        message: 'The identity provider said: ' + (query.get('error_description') || query.get('error'))});
    }
    await tokenRequest({grant_type: 'authorization_code', code: query.get('code'), redirect_uri: redirectUri(),
      code_verifier: pending.verifier});
    sessionStorage.removeItem(KEY);
    return pending.returnTo;
  }

  /** Where to end the provider's session too, after signing out here; null when signed in with a key. */
  function endSessionUrl() {
    const current = tokens();
    if (!current || !provider || !provider.end_session_endpoint) return null;
    const url = new URL(provider.end_session_endpoint);
    const query = new URLSearchParams({client_id: provider.client_id, post_logout_redirect_uri: redirectUri()});
    if (current.idToken) query.set('id_token_hint', current.idToken);
    url.search = query.toString();
    return url.toString();
  }

  return {load, signedIn, useKey, forget, headers, begin, complete, endSessionUrl};
})();
