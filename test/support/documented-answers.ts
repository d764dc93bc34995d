import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import Ajv from 'ajv';
import { Observable, tap } from 'rxjs';
import { AppModule } from '../../apps/api/src/app.module';
import { apiDocument } from '../../apps/api/src/configure-app';
import { CASE_ACTION_EXTENSION } from '../../apps/api/src/auth/actor.decorators';
import type { CaseType } from '../../libs/domain/src';

type Schema = { [key: string]: unknown };
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * Holds every success answer the API gives in the end-to-end tests to its own OpenAPI document (the console's
 * typed client is generated from it). Each handler's result is serialised as Express would send it and validated
 * against the operation's documented success schema — with every documented object closed, so a field the
 * document does not name is a violation too, not only a missing or mistyped one. Violations are collected;
 * the harness fails the test file that met one (test/support/api-harness.ts).
 *
 * Schemathesis (the contract project) checks the same document with generated requests, which rarely get as far
 * as a case's later steps; the e2e tests and (for the steps after a publicity closes) the time-skipping workflow
 * specs, whose action answers are what the action endpoints send, cover the rest (`checkCaseAction`).
 */
@Injectable()
export class DocumentedAnswers implements NestInterceptor {
  /** Each distinct violation (operation and what is wrong) with the first answer that showed it. */
  private readonly found = new Map<string, unknown>();
  private readonly ajv = new Ajv({ allErrors: true, format: 'full', unknownFormats: ['binary'] });
  private readonly validators = new Map<string, ((body: unknown) => string | null) | null>();

  constructor(private readonly doc: OpenAPIObject) {
    this.ajv.addSchema({ $id: 'openapi', definitions: mapValues(doc.components?.schemas ?? {}, (s) => toJsonSchema(s as Schema)) });
  }

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest();
    return next.handle().pipe(tap((result) => this.check(req.method, req.route?.path, result)));
  }

  /** Validates one answer: `route` as Express names it (`/registrations/:caseNo`), `result` as the handler returned it. */
  check(method: string, route: string | undefined, result: unknown): void {
    if (route) this.checkOperation(`${method} ${route.replace(/:(\w+)/g, '{$1}')}`, result);
  }

  /** A case action's answer (the workflow Update's result, which the action's endpoint sends as it is). */
  checkCaseAction(caseType: CaseType, action: string, answer: unknown): void {
    const prefix = `/${caseType}s/`;
    const path = Object.keys(this.doc.paths).find((p) => p.startsWith(prefix) && (this.doc.paths[p].post as Record<string, unknown> | undefined)?.[CASE_ACTION_EXTENSION] === action);
    this.checkOperation(`POST ${path ?? `${prefix}(no endpoint for ${action})`}`, answer);
  }

  private checkOperation(key: string, result: unknown): void {
    if (!this.validators.has(key)) this.validators.set(key, this.compile(key));
    const validate = this.validators.get(key);
    if (!validate) return; // no JSON body documented: a binary download (sent by the handler itself)
    // As Express sends it: Dates become ISO strings, undefined fields disappear.
    const problem = validate(result === undefined ? undefined : JSON.parse(JSON.stringify(result)));
    if (problem && !this.found.has(`${key}: ${problem}`)) this.found.set(`${key}: ${problem}`, result);
  }

  /** Every distinct violation met so far, each with the answer that showed it. */
  get violations(): string[] {
    return [...this.found].map(([v, answer]) => `${v}\n    answered: ${JSON.stringify(answer)?.slice(0, 600)}`);
  }

  private compile(key: string): ((body: unknown) => string | null) | null {
    const [method, path] = key.split(' ');
    const op = (this.doc.paths[path] as Record<string, { responses: Record<string, { content?: Record<string, { schema?: Schema }> }> }> | undefined)?.[method.toLowerCase()];
    if (!op || !METHODS.includes(method.toLowerCase())) return () => 'the operation is not in the document';
    const success = Object.entries(op.responses).find(([status]) => /^2\d\d$/.test(status));
    if (!success) return () => 'no success response is documented';
    const [status, response] = success;
    const json = response.content?.['application/json']?.schema;
    if (!json) return response.content ? null : (body) => (body === undefined ? null : `answers a body, but ${status} documents none`);
    const validate = this.ajv.compile(toJsonSchema(json));
    return (body) =>
      validate(body) ? null : (validate.errors ?? []).map((e) => `body${e.dataPath} ${e.message}${'additionalProperty' in e.params ? `: ${e.params.additionalProperty}` : ''}`).join('; ');
  }
}

/** The API's document without a server: the modules in preview (nothing connects), as configureApp builds it. */
export async function documentOfTheApi(): Promise<OpenAPIObject> {
  const app = await NestFactory.create(AppModule, { preview: true, logger: false });
  try {
    return apiDocument(app);
  } finally {
    await app.close();
  }
}

const mapValues = <T, U>(o: Record<string, T>, f: (v: T) => U): Record<string, U> => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));

/**
 * OpenAPI 3.0 schema → JSON Schema (draft 7) for ajv: `nullable` becomes "or null", component references point into
 * the `openapi` schema, and an object that lists its properties admits no others (what the document promises a client).
 */
function toJsonSchema(s: Schema): Schema {
  if (typeof s.$ref === 'string') return nullable(s, { $ref: s.$ref.replace('#/components/schemas/', 'openapi#/definitions/') });
  const out: Schema = {};
  for (const [key, value] of Object.entries(s)) {
    if (key === 'nullable' || key === 'example' || key.startsWith('x-')) continue;
    if (key === 'properties') out.properties = mapValues(value as Record<string, Schema>, toJsonSchema);
    else if (key === 'items' || (key === 'additionalProperties' && typeof value === 'object')) out[key] = toJsonSchema(value as Schema);
    else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf') out[key] = (value as Schema[]).map(toJsonSchema);
    else out[key] = value;
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return nullable(s, out);
}

const nullable = (original: Schema, converted: Schema): Schema => (original.nullable ? { anyOf: [converted, { type: 'null' }] } : converted);
