import { applicationRole, urlActingAs } from './database-role';

describe("the application's database role (issue 7, Audit)", () => {
  it.each([
    [{}, 'registry_app'],
    [{ DATABASE_APP_ROLE: '' }, 'registry_app'],
    [{ DATABASE_APP_ROLE: 'carbon_api' }, 'carbon_api'],
    [{ DATABASE_APP_ROLE: 'off' }, undefined],
  ])('issue 7 Audit: DATABASE_APP_ROLE %j → %j', (env, role) => {
    expect(applicationRole(env)).toBe(role);
  });

  it.each(['Registry', 'app; DROP TABLE audit_log', 'a"b', 'x'.repeat(64)])('issue 7 Audit: refuses the role name %j (it is written into SQL)', (name) => {
    expect(() => applicationRole({ DATABASE_APP_ROLE: name })).toThrow(/lower-case SQL identifier/);
  });

  it('issue 7 Audit: a URL the option cannot be added to is refused with what to do', () => {
    expect(() => urlActingAs('postgres://registry@/registry?host=/tmp', 'registry_app')).toThrow(/DATABASE_APP_ROLE=off/);
  });

  it('issue 7 Audit: the session starts as the role; options already in DATABASE_URL are kept, and so is everything else', () => {
    const url = urlActingAs('postgres://registry:p%40ss@db.example:5432/registry?sslmode=require&options=-c%20statement_timeout%3D5000', 'registry_app');
    const u = new URL(url);
    expect([u.host, u.username, decodeURIComponent(u.password), u.pathname, u.searchParams.get('sslmode'), u.searchParams.get('options')]).toEqual([
      'db.example:5432', 'registry', 'p@ss', '/registry', 'require', '-c statement_timeout=5000 -c role=registry_app',
    ]);
  });
});
