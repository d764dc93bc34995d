import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { session } from '../auth/session';

/** The one error shape of the API (ErrorResponse). */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** A refused request: the API's code and message, shown to the person as they are. */
export class ApiError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.message);
  }
  get code() {
    return this.body.code;
  }
  get status() {
    return this.body.statusCode;
  }
}

/**
 * Every request carries the session's bearer token. A 401 is answered once by refreshing the session (the refresh
 * token rotates); when that fails too the session has ended: the person is sent to sign in, keeping the page.
 */
const auth: Middleware = {
  async onRequest({ request }) {
    const token = session.accessToken();
    if (token && !request.headers.has('Authorization')) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status !== 401 || !session.accessToken() || request.url.includes('/auth/')) return response;
    if (await session.refresh()) {
      const retry = request.clone();
      retry.headers.set('Authorization', `Bearer ${session.accessToken()}`);
      return fetch(retry);
    }
    session.expire();
    return response;
  },
};

/** The typed API client: its types are generated from the API's OpenAPI document by the build (schema.d.ts, not committed). */
export const api = createClient<paths>({ baseUrl: '' });
api.use(auth);

/** Throws the API's error for a refused request; returns the data otherwise. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    const body = (result.error ?? {}) as Partial<ApiErrorBody>;
    throw new ApiError({ statusCode: result.response.status, code: body.code ?? `HTTP_${result.response.status}`, message: body.message ?? result.response.statusText, details: body.details });
  }
  return result.data as T;
}

/** A fresh Idempotency-Key for one action: a retry of the same submission reuses it (see useAction). */
export const newIdempotencyKey = () => crypto.randomUUID();
