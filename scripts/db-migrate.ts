// `npm run db:migrate`: applies the migrations to DATABASE_URL (or to the embedded database in DATA_DIR).
import { openPlatformDatabase } from '../src/server/platform/bootstrap.ts';
import { loadConfig } from '../src/server/platform/config.ts';

const config = loadConfig();
const database = await openPlatformDatabase(config);
await database.close();
console.log(`Migrations appliquées (${config.databaseUrl ? 'DATABASE_URL' : config.dataDir}).`);
