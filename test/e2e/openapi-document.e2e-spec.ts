import { RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { AppModule } from '../../apps/api/src/app.module';
import { apiDocument } from '../../apps/api/src/configure-app';
import { ISSUANCE_PROCEDURE, personActions, Procedure, REGISTRATION_PROCEDURE, ROLES } from '../../libs/domain/src';
import { IdempotencyInterceptor } from '../../apps/api/src/idempotency/idempotency.interceptor';
import { startApi } from '../support/api-harness';
import { DocumentedAnswers } from '../support/documented-answers';

/**
 * The OpenAPI document is what the console's typed client is generated from (issue 8), so it must say exactly what
 * each operation answers and who may call it. This walks the document the API serves at /docs-json; Schemathesis
 * (the contract project) then holds the API's real answers to it.
 */
type Schema = Record<string, unknown> & { $ref?: string; type?: string; properties?: Record<string, Schema>; items?: Schema; allOf?: Schema[]; additionalProperties?: unknown };
type Response = { description?: string; content?: Record<string, { schema?: Schema }>; headers?: Record<string, unknown> };
type Operation = Record<string, unknown> & {
  operationId?: string;
  description?: string;
  parameters?: { name: string; in: string; required?: boolean }[];
  responses: Record<string, Response>;
  security?: unknown[];
};
interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

describe('the OpenAPI document (what the typed client is generated from)', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let doc: Doc;
  let operations: { label: string; path: string; method: string; op: Operation }[];

  beforeAll(async () => {
    api = await startApi({ worker: false });
    doc = (await api.http().get('/docs-json').expect(200)).body;
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((method) => ({ label: `${method.toUpperCase()} ${path}`, path, method, op: item[method] })));
  }, 60_000);
  afterAll(() => api?.stop());

  it("the document the console's client is built from (scripts/openapi-document.ts, no database) is the one the API serves", async () => {
    const preview = await NestFactory.create(AppModule, { preview: true, logger: false });
    try {
      expect(JSON.parse(JSON.stringify(apiDocument(preview)))).toEqual(doc);
    } finally {
      await preview.close();
    }
  });

  const resolve = (s: Schema): Schema => (s.$ref ? doc.components.schemas[s.$ref.replace('#/components/schemas/', '')] : s);

  /** Where a schema says nothing a client could type: an object without properties, an array without items, a field without a type. */
  function vague(s: Schema, at: string, seen = new Set<Schema>()): string[] {
    const r = resolve(s);
    if (!r) return [`${at}: ${s.$ref} is not in components`];
    if (seen.has(r)) return [];
    seen.add(r);
    if (r.allOf) return r.allOf.flatMap((x, i) => vague(x, `${at}.allOf[${i}]`, seen));
    if (r.type === 'array') return r.items ? vague(r.items, `${at}[]`, seen) : [`${at}: array without items`];
    if (r.type === 'object' || r.properties) {
      if (!r.properties && r.additionalProperties === undefined) return [`${at}: object with no properties`];
      return Object.entries(r.properties ?? {}).flatMap(([name, p]) => vague(p, `${at}.${name}`, seen));
    }
    return r.type || r.enum ? [] : [`${at}: no type`];
  }

  it('every operation answers a success with a schema a client can type (204, binary and text downloads: no JSON, their content type declared)', () => {
    const problems = operations.flatMap(({ label, op }) => {
      const successes = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      if (successes.length !== 1) return [`${label}: ${successes.length} success responses (${successes.map(([s]) => s).join(', ')})`];
      const [status, response] = successes[0];
      if (status === '204') return response.content ? [`${label}: 204 with content`] : [];
      const media = Object.keys(response.content ?? {});
      if (media.length !== 1) return [`${label}: ${status} declares ${media.length} content types`];
      const schema = response.content![media[0]].schema;
      if (!schema) return [`${label}: ${status} ${media[0]} without a schema`];
      if (media[0].startsWith('text/')) return schema.type === 'string' ? [] : [`${label}: ${media[0]} is not text`]; // CSV downloads
      if (media[0] !== 'application/json') return schema.type === 'string' && schema.format === 'binary' ? [] : [`${label}: ${media[0]} is not a binary download`];
      return vague(schema, `${label} ${status}`);
    });
    expect(problems).toEqual([]);
    expect(operations.length).toBeGreaterThan(60); // the document was not empty
  });

  it('every error a client can meet is documented in the one ErrorResponse shape', () => {
    const problems = operations.flatMap(({ label, op }) =>
      Object.entries(op.responses)
        .filter(([status]) => Number(status) >= 400)
        .filter(([, r]) => r.content?.['application/json']?.schema?.$ref !== '#/components/schemas/ErrorResponse')
        .map(([status]) => `${label} ${status}`));
    expect(problems).toEqual([]);
  });

  it('ROLE-1: every operation says who may call it (x-roles, also in its description); public ones say "public" and need no token', () => {
    const problems = operations.flatMap(({ label, op }) => {
      const roles = op['x-roles'];
      if (!Array.isArray(roles) || !roles.length) return [`${label}: no x-roles`];
      const isPublic = op['x-public'] === true;
      const out: string[] = [];
      if (isPublic ? roles.join() !== 'public' : !roles.every((r) => (ROLES as readonly string[]).includes(r))) out.push(`${label}: x-roles ${roles.join(', ')}`);
      if (!op.description?.includes(`Roles: ${roles.join(', ')}`)) out.push(`${label}: roles missing from the description`);
      if (isPublic !== (op.security?.length === 0)) out.push(`${label}: public ${isPublic} but security ${JSON.stringify(op.security)}`);
      return out;
    });
    expect(problems).toEqual([]);
  });

  it('ROLE-1: every operation that needs a token documents 401 and 403', () => {
    const missing = operations
      .filter(({ op }) => op['x-public'] !== true)
      .flatMap(({ label, op }) => ['401', '403'].filter((s) => !op.responses[s]).map((s) => `${label} ${s}`));
    expect(missing).toEqual([]);
  });

  it.each([
    ['registration', '/registrations', REGISTRATION_PROCEDURE],
    ['issuance', '/issuances', ISSUANCE_PROCEDURE],
  ] as [string, string, Procedure][])('ROLE-1: each %s action endpoint names its action and the roles the procedure table gives it; every action allowedActions can list has one', (_type, prefix, procedure) => {
    const actions = operations.filter(({ path, op }) => path.startsWith(`${prefix}/`) && op['x-case-action']);
    const byAction = new Map(actions.map(({ op }) => [op['x-case-action'] as string, op['x-roles']]));
    expect([...byAction.keys()].sort()).toEqual([...personActions(procedure)].sort());
    for (const [action, roles] of byAction) expect({ action, roles }).toEqual({ action, roles: [...procedure.actions[action].roles] });
    expect(actions.length).toBe(byAction.size); // one endpoint per action
  });

  it('every endpoint that takes an Idempotency-Key (@Idempotent) documents it as an optional header, and no other does', () => {
    const idempotent = new Set<string>();
    for (const module of api.app.get(ModulesContainer).values()) {
      for (const { metatype } of module.controllers.values()) {
        if (!metatype) continue;
        const base = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
        for (let proto = metatype.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
          for (const name of Object.getOwnPropertyNames(proto)) {
            const handler = Object.getOwnPropertyDescriptor(proto, name)?.value;
            if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
            if (!(Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ?? []).includes(IdempotencyInterceptor)) continue;
            const path = `/${[base, Reflect.getMetadata(PATH_METADATA, handler)].filter((p) => p && p !== '/').join('/')}`.replace(/:(\w+)/g, '{$1}');
            idempotent.add(`${RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler)]} ${path}`);
          }
        }
      }
    }
    expect(idempotent.size).toBeGreaterThan(20); // the walk found the controllers
    const documented = operations.filter(({ op }) => op.parameters?.some((p) => p.in === 'header' && p.name === 'Idempotency-Key'));
    expect(documented.map(({ label }) => label).sort()).toEqual([...idempotent].sort());
    for (const { op } of documented) expect(op.parameters!.find((p) => p.name === 'Idempotency-Key')!.required).toBe(false);
  });

  it('operation ids are unique and read as <controller>_<handler>', () => {
    const ids = operations.map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !/^[a-z][A-Za-z]*_[a-z][A-Za-z]*$/.test(String(id)))).toEqual([]);
    expect(doc.paths['/registrations/{caseNo}/review'].post.operationId).toBe('registrations_review');
  });

  it('the e2e harness holds answers to the document: a missing, mistyped or undocumented field is a violation', () => {
    const answers = new DocumentedAnswers(doc as never);
    const me = { userId: '5f0c6a0e-8a59-4c1a-9a43-0d4f1e2b3c4d', organisationId: '6a1d7b1f-9b6a-4d2b-8b54-1e5f2a3c4d5e', role: 'officer', name: 'Officer Wang' };
    answers.check('GET', '/auth/me', me);
    expect(answers.violations).toEqual([]);
    answers.check('GET', '/auth/me', { ...me, role: 'superuser' });
    answers.check('GET', '/auth/me', { ...me, email: 'wang@registry.example' });
    answers.check('GET', '/auth/me', { ...me, userId: undefined });
    answers.check('GET', '/me/notifications', [{ id: me.userId, caseNo: null, kind: 'k', message: 'm', createdAt: 'yesterday', readAt: null }]);
    answers.check('POST', '/me/notifications/:id/read', { read: true });
    expect(answers.violations).toEqual([
      expect.stringContaining('role should be equal to one of the allowed values'),
      expect.stringContaining('should NOT have additional properties: email'),
      expect.stringContaining("should have required property 'userId'"),
      expect.stringContaining('should match format "date-time"'),
      expect.stringContaining('answers a body, but 204 documents none'),
    ]);
  });
});
