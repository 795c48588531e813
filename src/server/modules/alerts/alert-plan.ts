import type { Executor } from '../../platform/db/client.ts';
import { BadRequestError, NotFoundError } from '../../platform/errors.ts';
import type { Database } from '../../platform/db/client.ts';
import { municipalitySummaries, resolvePoint, type MunicipalitySummary } from '../territory/index.ts';
import { contactAvailable, listContactRows, type ContactRow } from './contacts.queries.ts';

export interface RankPick {
  /** Rank alerted now (0: nobody reachable now). */
  rank: number;
  contacts: ContactRow[];
  /** Active contacts of a higher rank exist: escalation has somewhere to go. */
  ranksLeft: boolean;
}

/**
 * Who of a commune's active contacts to alert now, above `afterRank`: the lowest rank having
 * somebody available at this hour (rank 1 when it can, the next otherwise).
 */
export function pickRank(contacts: ContactRow[], afterRank: number, now: Date): RankPick {
  const above = contacts.filter((contact) => contact.active && contact.rank > afterRank);
  const available = above.filter((contact) => contactAvailable(contact, now));
  if (available.length === 0) return { rank: afterRank, contacts: [], ranksLeft: above.length > 0 };
  const rank = Math.min(...available.map((contact) => contact.rank));
  return {
    rank,
    contacts: available.filter((contact) => contact.rank === rank),
    ranksLeft: above.some((contact) => contact.rank > rank),
  };
}

export interface CommunePlan {
  commune: MunicipalitySummary;
  pick: RankPick;
  /** French sentence when nobody is reachable now. */
  warning: string | null;
}

export function noContactWarning(commune: MunicipalitySummary, anyContact: boolean): string {
  return anyContact
    ? `${commune.name} (${commune.inseeCode}) : aucun contact joignable à cette heure (horaires de disponibilité).`
    : `${commune.name} (${commune.inseeCode}) : la commune n'a enregistré aucun contact actif pour les alertes.`;
}

export async function planCommunes(db: Executor, municipalityIds: string[], now: Date): Promise<CommunePlan[]> {
  const communes = await municipalitySummaries(db, municipalityIds);
  if (communes.length !== municipalityIds.length) throw new NotFoundError('Commune introuvable.');
  const plans: CommunePlan[] = [];
  for (const id of municipalityIds) {
    const commune = communes.find((c) => c.id === id)!;
    const contacts = await listContactRows(db, id, true);
    const pick = pickRank(contacts, 0, now);
    plans.push({
      commune,
      pick,
      warning: pick.contacts.length ? null : noContactWarning(commune, contacts.length > 0),
    });
  }
  return plans;
}

/** The communes an alert draft names: the list, or the commune of the point. */
export async function draftCommuneIds(
  database: Database,
  draft: { municipalityIds?: string[]; point?: { lon: number; lat: number } },
  pollMs: number,
): Promise<string[]> {
  if (draft.municipalityIds && draft.point)
    throw new BadRequestError('Indiquez soit des communes, soit un point sur la carte, pas les deux.');
  if (draft.municipalityIds) return draft.municipalityIds;
  if (!draft.point) throw new BadRequestError('Indiquez les communes concernées ou un point sur la carte.');
  const resolution = await resolvePoint(database, draft.point.lon, draft.point.lat, { pollMs });
  if (!resolution)
    throw new NotFoundError(`Aucune commune connue ne couvre le point (${draft.point.lat}, ${draft.point.lon}).`);
  return [resolution.municipality.id];
}

export function trimmedText(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '')
    throw new BadRequestError("Le texte de l'alerte est vide.", [{ pointer: '/text', message: 'Texte obligatoire.' }]);
  return trimmed;
}
