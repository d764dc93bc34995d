/** A tiny HTTP client that throws with the API's error body, so a failed step says why. */
export function httpClient(baseUrl: string) {
  async function call(method: string, path: string, token?: string, body?: unknown | FormData, extraHeaders: Record<string, string> = {}) {
    const headers: Record<string, string> = { ...extraHeaders, ...(token ? { Authorization: `Bearer ${token}` } : {}) };
    const isForm = body instanceof FormData;
    if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
    const res = await fetch(baseUrl + path, { method, headers, body: body === undefined ? undefined : isForm ? body : JSON.stringify(body) });
    const text = await res.text();
    const json = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${json?.code} ${json?.message}`);
    return json;
  }
  return {
    get: (path: string, token?: string) => call('GET', path, token),
    post: (path: string, token?: string, body?: unknown, headers?: Record<string, string>) => call('POST', path, token, body ?? {}, headers),
    upload: (path: string, token: string, kind: string, filename: string, content: string) => {
      const form = new FormData();
      form.append('kind', kind);
      form.append('file', new Blob([content], { type: 'application/pdf' }), filename);
      return call('POST', path, token, form);
    },
  };
}

/** The client `httpClient` makes. */
export type HttpClient = ReturnType<typeof httpClient>;
