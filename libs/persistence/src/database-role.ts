/**
 * The database role the application's sessions act as (issue 7, "Audit"): it may read and write the registry's
 * tables but only append to and read `audit_log`. DATABASE_APP_ROLE names it (default `registry_app`); `off` makes
 * the sessions act as the connecting user itself, for databases whose roles are provisioned separately.
 * Migrations always run as the connecting (owner) user.
 */
export const DEFAULT_APPLICATION_ROLE = 'registry_app';

export function applicationRole(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const name = env.DATABASE_APP_ROLE?.trim() || DEFAULT_APPLICATION_ROLE;
  if (name === 'off') return undefined;
  // Interpolated into SQL (CREATE ROLE, GRANT) and a connection option: a plain lower-case identifier only.
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`DATABASE_APP_ROLE must be a lower-case SQL identifier or "off", not ${JSON.stringify(name)}.`);
  return name;
}

/**
 * The connection URL whose sessions start as `role` (the startup option `-c role=…`, i.e. SET ROLE for the whole
 * session: RESET ROLE and DISCARD ALL return to it). Options already in the URL are kept; pg reads them from the
 * URL in preference to any other setting, which is why the role goes here.
 */
export function urlActingAs(url: string, role: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error('DATABASE_URL is not a URL the role option can be added to (write the host out); or set DATABASE_APP_ROLE=off.');
  }
  const options = [u.searchParams.get('options'), `-c role=${role}`].filter(Boolean).join(' ');
  u.searchParams.set('options', options);
  return u.toString();
}
