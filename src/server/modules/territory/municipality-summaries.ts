import { asc, ilike, inArray, and } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { municipalities } from './territory.tables.ts';

export interface MunicipalitySummary {
  id: string;
  inseeCode: string;
  name: string;
}

/** Name and INSEE code of these communes (missing ids are simply absent), optionally filtered by name. */
export async function municipalitySummaries(
  db: Executor,
  ids: string[],
  nameContains?: string,
): Promise<MunicipalitySummary[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const q = nameContains?.trim();
  return db
    .select({ id: municipalities.id, inseeCode: municipalities.inseeCode, name: municipalities.name })
    .from(municipalities)
    .where(
      and(
        inArray(municipalities.id, unique),
        q ? ilike(municipalities.name, `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
      ),
    )
    .orderBy(asc(municipalities.name));
}
