// `npm run import:sectors -- file.geojson [--dry-run]`: the same import as the admin page,
// all or nothing, with each error named by its feature index.
import fs from 'node:fs';
import { cliActor } from '../src/server/platform/access/actor.ts';
import { openPlatformDatabase } from '../src/server/platform/bootstrap.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { AppError } from '../src/server/platform/errors.ts';
import { importSectors } from '../src/server/modules/territory/sector-import.ts';

const args = process.argv.slice(2);
const file = args.find((arg) => !arg.startsWith('--'));
const dryRun = args.includes('--dry-run');
if (!file) {
  console.error('Usage : npm run import:sectors -- fichier.geojson [--dry-run]');
  process.exit(2);
}

function readCollection(path: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(path, 'utf8'));
  } catch (error) {
    throw new AppError(
      400,
      'json-invalide',
      'Fichier illisible',
      `Lecture de ${path} impossible : ${(error as Error).message}`,
    );
  }
  const collection = parsed as { type?: unknown; features?: unknown };
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw new AppError(
      400,
      'geojson-invalide',
      'GeoJSON invalide',
      'Le fichier doit contenir une FeatureCollection GeoJSON.',
    );
  }
  return collection.features;
}

const config = loadConfig();
let exitCode = 0;
try {
  const features = readCollection(file);
  const database = await openPlatformDatabase(config);
  try {
    const result = await importSectors(database.db, cliActor('import:sectors'), features, dryRun);
    console.log(
      dryRun
        ? `Vérification réussie : ${result.created} secteur(s) à créer, ` +
            `${result.updated} à mettre à jour (rien n'a été écrit).`
        : `Import réussi : ${result.created} secteur(s) créé(s), ${result.updated} mis à jour.`,
    );
  } finally {
    await database.close();
  }
} catch (error) {
  if (!(error instanceof AppError)) throw error;
  console.error(error.detail);
  for (const item of error.errors ?? []) console.error(`  Entité n° ${item.index} : ${item.message}`);
  exitCode = 1;
}
process.exit(exitCode);
