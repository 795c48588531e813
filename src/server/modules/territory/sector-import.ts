import { eq } from 'drizzle-orm';
import { can, type Actor } from '../../platform/access/actor.ts';
import { territoryPathOf } from './territory-paths.ts';
import type { Executor } from '../../platform/db/client.ts';
import { UnprocessableError, type ProblemItem } from '../../platform/errors.ts';
import type { SectorGeometry, SectorImportResult } from '../../../shared/territory/territory.schemas.ts';
import * as q from './territory.queries.ts';
import { sectors } from './territory.tables.ts';
import { findOverlap, tryCheckGeometry, type CheckedGeometry } from './sector-geometry.ts';
import { lockSectors, writeTerritory } from './territory.service.ts';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const INSEE = /^([0-9]{2}|2A|2B)[0-9]{3}$/;

interface ParsedFeature {
  index: number;
  code: string;
  name: string;
  inseeCode: string;
  checked: CheckedGeometry;
}

class DryRunDone extends Error {
  constructor(readonly result: SectorImportResult) {
    super('dry run');
  }
}

/** Shape checks that need no database: each error names the feature's index. */
function parseFeatures(features: unknown[]): { parsed: ParsedFeature[]; errors: ProblemItem[] } {
  const errors: ProblemItem[] = [];
  const parsed: ParsedFeature[] = [];
  const firstIndexByCode = new Map<string, number>();
  features.forEach((feature, index) => {
    const fail = (message: string) => errors.push({ index, message });
    if (!feature || typeof feature !== 'object' || (feature as { type?: unknown }).type !== 'Feature') {
      return fail("l'entité n'est pas une « Feature » GeoJSON.");
    }
    const { properties, geometry } = feature as { properties?: unknown; geometry?: unknown };
    const props = (properties && typeof properties === 'object' ? properties : {}) as Record<string, unknown>;
    const code = typeof props.code === 'string' ? props.code.trim() : '';
    const name = typeof props.name === 'string' ? props.name.trim() : '';
    const inseeCode = typeof props.municipality === 'string' ? props.municipality.trim().toUpperCase() : '';
    if (!CODE.test(code))
      return fail(
        'la propriété « code » est absente ou invalide (lettres, chiffres, « - », « ' +
          '_ » ou « . », 64 caractères au plus).',
      );
    if (!name || name.length > 200) return fail('la propriété « name » (nom du secteur) est absente ou trop longue.');
    if (!INSEE.test(inseeCode))
      return fail('la propriété « municipality » doit être le code INSEE de la commune (5 caractères).');
    const firstIndex = firstIndexByCode.get(code);
    if (firstIndex !== undefined) return fail(`le code « ${code} » est déjà utilisé par l'entité n° ${firstIndex}.`);
    firstIndexByCode.set(code, index);
    const checked = tryCheckGeometry(geometry);
    if ('error' in checked) return fail(`géométrie invalide : ${checked.error}`);
    parsed.push({ index, code, name, inseeCode, checked });
  });
  return { parsed, errors };
}

/**
 * Imports sectors from a FeatureCollection: everything is checked first (shape, geometry,
 * communes, duplicate codes, overlaps within each commune, against the sectors kept) and
 * nothing is written unless all of it is valid. Existing sectors with the same code are
 * replaced. Concurrent imports are serialised by the sector lock. A dry run writes nothing: its
 * own transaction is rolled back (in a caller's transaction, it only read and took the lock).
 */
export async function importSectors(
  executor: Executor,
  actor: Actor,
  features: unknown[],
  dryRun: boolean,
): Promise<SectorImportResult> {
  if (features.length === 0) throw new UnprocessableError('Le fichier ne contient aucune entité : rien à importer.');
  const { parsed, errors } = parseFeatures(features);
  try {
    return await writeTerritory(executor, actor, 'territory.sectors.imported', async (tx) => {
      await lockSectors(tx);
      const found = await q.findMunicipalitiesByInsee(tx, [...new Set(parsed.map((f) => f.inseeCode))]);
      // A commune outside the actor's territories is reported exactly like one that does not exist.
      const inScope = await Promise.all(
        found.map(async (row) => {
          const path = await territoryPathOf(tx, 'municipality', row.id);
          return !!path && can(actor, 'territory.manage', path);
        }),
      );
      const communes = new Map(found.filter((_, i) => inScope[i]).map((row) => [row.inseeCode, row]));
      const existing = new Map(
        (
          await q.findSectorsByCode(
            tx,
            parsed.map((f) => f.code),
          )
        ).map((row) => [row.code, row]),
      );
      const valid = parsed.filter((feature) => {
        if (communes.has(feature.inseeCode)) return true;
        errors.push({
          index: feature.index,
          message: `la commune de code INSEE « ${feature.inseeCode} » n'existe pas.`,
        });
        return false;
      });
      const municipalityIds = [...new Set(valid.map((f) => communes.get(f.inseeCode)!.id))];
      const importedCodes = new Set(parsed.map((f) => f.code));
      const kept = (await q.listSectorRows(tx, { municipalityIds })).filter((row) => !importedCodes.has(row.code));
      for (const [position, feature] of valid.entries()) {
        const municipalityId = communes.get(feature.inseeCode)!.id;
        const earlier = valid.slice(0, position).filter((f) => communes.get(f.inseeCode)!.id === municipalityId);
        const clashImported = findOverlap(
          feature.checked.geometry,
          earlier.map((f) => ({ ...f, geometry: f.checked.geometry as SectorGeometry })),
        );
        if (clashImported) {
          errors.push({
            index: feature.index,
            message:
              `le secteur chevauche le secteur « ${clashImported.code} » (entité n° ` +
              `${clashImported.index}) de la même commune.`,
          });
          continue;
        }
        const clashKept = findOverlap(
          feature.checked.geometry,
          kept.filter((row) => row.municipalityId === municipalityId),
        );
        if (clashKept)
          errors.push({
            index: feature.index,
            message:
              `le secteur chevauche le secteur existant « ${clashKept.name} » ` +
              `(${clashKept.code}) de la même commune.`,
          });
      }
      if (errors.length > 0) {
        errors.sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
        throw new UnprocessableError(
          `Le fichier contient ${errors.length} erreur(s) : aucun secteur n'a été importé.`,
          errors,
        );
      }
      const summary = parsed.map((f) => ({
        index: f.index,
        code: f.code,
        action: existing.has(f.code) ? ('update' as const) : ('create' as const),
      }));
      const result: SectorImportResult = {
        dryRun,
        created: summary.filter((s) => s.action === 'create').length,
        updated: summary.filter((s) => s.action === 'update').length,
        sectors: summary,
      };
      if (dryRun) throw new DryRunDone(result);
      for (const feature of parsed) {
        const values = {
          municipalityId: communes.get(feature.inseeCode)!.id,
          name: feature.name,
          ...feature.checked.columns,
        };
        const current = existing.get(feature.code);
        if (current)
          await tx
            .update(sectors)
            .set({ ...values, updatedAt: new Date() })
            .where(eq(sectors.id, current.id));
        else await tx.insert(sectors).values({ ...values, code: feature.code });
      }
      return {
        result,
        recordType: 'sector-import',
        recordId: new Date().toISOString(),
        details: { created: result.created, updated: result.updated, codes: parsed.map((f) => f.code) },
      };
    });
  } catch (error) {
    // The dry run rolls its transaction back on purpose: nothing it did may remain.
    if (error instanceof DryRunDone) return error.result;
    throw error;
  }
}
