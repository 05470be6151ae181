// The console's calls to Aftercare's API, on the same origin (the session cookie is SameSite=Strict): every
// state-changing call carries the session's CSRF token. An answer is {status, body}; the body is JSON or null.
const BASE = document.documentElement.dataset.base ?? '';
let csrf = null;

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

export function setCsrf(token) {
  csrf = token;
}

export async function call(method, path, body) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  if (method !== 'GET' && csrf) {
    headers['x-csrf-token'] = csrf;
  }
  const response = await fetch(BASE + path, {
    method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
  });
  let json = null;
  try {
    json = await response.json();
  } catch {
    json = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, json);
  }
  return json;
}

/** A route another part of Aftercare may not serve yet answers 404: that part of the console is then hidden. */
export async function optional(method, path, body) {
  try {
    return await call(method, path, body);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405)) {
      return null;
    }
    throw e;
  }
}

/** The API's vocabularies the console offers to choose from, in their order. */
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
export const ROLES = ['agent', 'lead', 'manager', 'owner'];

export const shopPath = (shop, rest = '') => `/api/shops/${encodeURIComponent(shop)}${rest}`;
export const consolePath = (rest = '') => `${BASE}/console${rest}`;
