/**
 * The signed-in session: a short-lived access token and a one-use refresh token (POST /auth/login, /auth/refresh),
 * kept in sessionStorage so a reload keeps the person signed in and closing the tab ends it. Listeners hear about
 * sign-in, refresh and expiry (the router sends an expired session to sign in, with the page kept).
 */
export interface SessionUser {
  userId: string;
  organisationId: string;
  role: 'developer' | 'verifier' | 'officer' | 'bureau' | 'exchange' | 'emitter' | 'admin';
  name: string;
}

interface Stored {
  accessToken: string;
  refreshToken: string;
  user: SessionUser;
}

const KEY = 'console.session';
type Listener = (event: 'signed-in' | 'signed-out' | 'expired') => void;
const listeners = new Set<Listener>();
let refreshing: Promise<boolean> | null = null;

function read(): Stored | null {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
  } catch {
    return null;
  }
}
function write(s: Stored | null) {
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
}

export const session = {
  user: (): SessionUser | null => read()?.user ?? null,
  accessToken: (): string | null => read()?.accessToken ?? null,
  /** After POST /auth/login (or invitation acceptance). */
  start(tokens: { accessToken: string; refreshToken: string; user: SessionUser }) {
    write({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, user: tokens.user });
    listeners.forEach((l) => l('signed-in'));
  },
  /** Exchanges the refresh token for a new pair; false when the session has ended. One refresh at a time. */
  refresh(): Promise<boolean> {
    const s = read();
    if (!s) return Promise.resolve(false);
    refreshing ??= fetch('/auth/refresh', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken: s.refreshToken }) })
      .then(async (res) => {
        if (!res.ok) return false;
        const t = await res.json();
        write({ accessToken: t.accessToken, refreshToken: t.refreshToken, user: t.user });
        return true;
      })
      .catch(() => false)
      .finally(() => (refreshing = null));
    return refreshing;
  },
  /** The API refused the session: forget it and say so. */
  expire() {
    if (!read()) return;
    write(null);
    listeners.forEach((l) => l('expired'));
  },
  async signOut() {
    const s = read();
    write(null);
    if (s) await fetch('/auth/logout', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken: s.refreshToken }) }).catch(() => undefined);
    listeners.forEach((l) => l('signed-out'));
  },
  subscribe(l: Listener) {
    listeners.add(l);
    return () => void listeners.delete(l);
  },
};
