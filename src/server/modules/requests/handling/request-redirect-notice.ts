import type { TerritoryPath, UserActor } from '../../../platform/access/actor.ts';
import type { Executor, Tx } from '../../../platform/db/client.ts';
import { withTransaction } from '../../../platform/db/transaction.ts';
import { REQUEST_CATEGORY_LABELS } from '../../../../shared/requests/requests.schemas.ts';
import type { StaffMember } from '../../identity/index.ts';
import { notify } from '../../notifications/index.ts';
import { territoryNames } from '../../territory/index.ts';
import type { requests } from '../requests.tables.ts';
import type { RequestsContext } from '../requests-context.ts';
import { seesConfidential } from '../request-access.ts';
import { actorOf, requestAssignees } from './request-assignees.ts';

export const REDIRECT_NOTIFICATION_KIND = 'request.redirected';

type Row = typeof requests.$inferSelect;

/**
 * Who hears of a request redirected to a sector:
 * - a confidential request: only the administrators covering the new sector (nobody else may see
 *   it, and the redirect leaves it unassigned);
 * - otherwise the police referents assigned to the sector itself; if it has none, everyone who may
 *   handle requests there (the district's and the département's referents and administrators,
 *   the people `/assignees` offers), so that the request never lands unheard.
 * The person who redirected it is left out: they know.
 */
export async function redirectRecipients(
  tx: Tx,
  actor: UserActor,
  request: Pick<Row, 'confidential'>,
  sectorId: string,
  path: TerritoryPath,
): Promise<StaffMember[]> {
  const handlers = await requestAssignees(tx, actor, {
    sectorId,
    municipalityId: path.municipalityId ?? null,
    departmentId: path.departmentId,
  });
  let chosen: StaffMember[];
  if (request.confidential) {
    chosen = handlers.filter((member) =>
      seesConfidential(actorOf(member), { confidential: true, assigneeId: null }, path),
    );
  } else {
    const sectorReferents = handlers.filter((member) =>
      member.assignments.some(
        (a) => a.role === 'police_referent' && a.scopeType === 'sector' && a.scopeId === sectorId,
      ),
    );
    chosen = sectorReferents.length > 0 ? sectorReferents : handlers;
  }
  return chosen.filter((member) => member.id !== actor.id);
}

/** Where the request was: its sector, else its commune or département; « non routée » when none. */
const placeOf = (row: Pick<Row, 'sectorId' | 'municipalityId' | 'departmentId'>) =>
  row.sectorId
    ? { scopeType: 'sector' as const, scopeId: row.sectorId }
    : row.municipalityId
      ? { scopeType: 'municipality' as const, scopeId: row.municipalityId }
      : row.departmentId
        ? { scopeType: 'department' as const, scopeId: row.departmentId }
        : undefined;

/**
 * Tells the new sector's staff, in the app and by e-mail, in the redirect's transaction (joined
 * when `executor` is it). The text never names the resident nor quotes the request (an e-mail
 * leaves the platform); for a confidential request it says nothing but the reference, the sector
 * and the link.
 */
export async function notifyRedirect(
  ctx: RequestsContext,
  executor: Executor,
  actor: UserActor,
  row: Row,
  sectorId: string,
  path: TerritoryPath,
): Promise<string[]> {
  return withTransaction(executor, (tx) => tellNewSector(tx, ctx, actor, row, sectorId, path));
}

async function tellNewSector(
  tx: Tx,
  ctx: RequestsContext,
  actor: UserActor,
  row: Row,
  sectorId: string,
  path: TerritoryPath,
): Promise<string[]> {
  const recipients = await redirectRecipients(tx, actor, row, sectorId, path);
  if (recipients.length === 0) return [];
  const from = placeOf(row);
  const names = await territoryNames(tx, [{ scopeType: 'sector', scopeId: sectorId }, ...(from ? [from] : [])]);
  const to = names.get(sectorId) ?? 'secteur';
  const link = `${ctx.publicUrl}/demandes/${row.id}`;
  const message = row.confidential
    ? {
        subject: `Demande confidentielle ${row.reference} réorientée vers ${to}`,
        body:
          `Bonjour,\n\nUne demande confidentielle (${row.reference}) a été réorientée ` +
          `vers ${to}. Son contenu n’est visible que dans PSQ, par les administrateurs ` +
          `et l’agent à qui elle sera attribuée.\n\nOuvrir la demande : ${link}\n`,
      }
    : {
        subject: `Demande ${row.reference} réorientée vers ${to}`,
        body:
          `Bonjour,\n\nLa demande ${row.reference} ` +
          `(${REQUEST_CATEGORY_LABELS[row.category]}) a été réorientée de ` +
          `${from ? (names.get(from.scopeId) ?? 'son ancien territoire') : 'la file des demandes non routées'}` +
          ` vers ${to}, dont vous traitez les demandes.\n\nOuvrir la demande : ` +
          `${link}\n`,
      };
  await notify(tx, ctx.jobs(), actor, {
    kind: REDIRECT_NOTIFICATION_KIND,
    ...message,
    recipients: recipients.map((member) => ({ userId: member.id })),
    channels: ['in_app', 'email'],
  });
  return recipients.map((member) => member.id);
}
