import { ApiError, apiErrorFromBody } from "./errors";

export type QueryValue = string | number | boolean | null | undefined;

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** The session's CSRF token (from Me); sent on every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server says the session is gone, so the app can go back to sign-in. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

/** `?a=1&b=x` from the defined, non-empty values. */
export function toQueryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  /** JSON-serialisable body, or FormData for uploads. */
  body?: unknown;
  signal?: AbortSignal;
  /**
   * For the calls that find out whether anyone is signed in (GET /api/auth/me, sign-in):
   * a 401 there is an answer, not a lost session.
   */
  expectUnauthenticated?: boolean;
}

const SAFE_METHODS = new Set(["GET", "HEAD"]);

async function send(method: string, path: string, options: RequestOptions, accept: string): Promise<Response> {
  const headers = new Headers({ Accept: accept });
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    // The browser sets the multipart boundary itself.
    body = options.body;
  } else if (options.body !== undefined) {
    headers.set("Content-Type", "application/json");
    body = JSON.stringify(options.body);
  }
  if (!SAFE_METHODS.has(method) && csrfToken !== null) headers.set("X-CSRF-Token", csrfToken);

  let response: Response;
  try {
    response = await fetch(`${path}${toQueryString(options.query ?? {})}`, {
      method,
      headers,
      body,
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError({ status: 0, code: "NETWORK_ERROR", message: "", messageEn: "", details: { cause } });
  }
  if (!response.ok) {
    const errorBody: unknown = await response.json().catch(() => null);
    const error = apiErrorFromBody(response.status, errorBody);
    if (response.status === 401 && !options.expectUnauthenticated) onUnauthenticated?.();
    throw error;
  }
  return response;
}

/** Calls the JSON API; resolves with the parsed body, or undefined for 204. */
export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options, "application/json");
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export function apiGet<T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal): Promise<T> {
  return apiRequest<T>("GET", path, { query, signal });
}

export function apiPost<T>(path: string, body?: unknown, query?: Record<string, QueryValue>): Promise<T> {
  return apiRequest<T>("POST", path, { body, query });
}

export function apiPatch<T>(path: string, body: unknown): Promise<T> {
  return apiRequest<T>("PATCH", path, { body });
}

export function apiDelete(path: string): Promise<void> {
  return apiRequest<void>("DELETE", path);
}

/** Downloads a file from the API and hands it to the browser as a download. */
export async function apiDownload(path: string, fileName: string): Promise<void> {
  const response = await send("GET", path, {}, "*/*");
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke later: some browsers start the download only after the click handler returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
