import 'reflect-metadata';
import { runMigrations } from '../libs/persistence/src/data-source';
import { loadDevEnv } from './stack/dev-env';

/** `npm run migration:run` (and the compose `migrate` job): apply pending migrations to DATABASE_URL. */
loadDevEnv();
runMigrations().then(
  (ran) => {
    console.log(ran.length ? `applied: ${ran.join(', ')}` : 'schema up to date');
    process.exit(0);
  },
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
