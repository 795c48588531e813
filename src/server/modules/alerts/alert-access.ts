import type { Actor } from '../../platform/access/actor.ts';
import type { Executor } from '../../platform/db/client.ts';
import type { Loaded } from '../../platform/http/serve.ts';
import type { AlertPreviewRequest } from '../../../shared/alerts/alerts.schemas.ts';
import type { Permission } from '../../../shared/permissions.ts';
import type { AlertsContext } from './alerts-context.ts';
import { draftCommuneIds } from './alert-plan.ts';
import { communePathFor, pathForCommunes } from './alert-scope.ts';
import { alertPath } from './alerts.queries.ts';
import { findContact, type ContactRow } from './contacts.queries.ts';

/**
 * The routes' loaders: where the record sits, for the platform's territory check (a missing
 * record, or one outside the caller's territories, answers 404), and the record itself.
 */

/** A commune named by the route: its id, where it sits as seen by this actor. */
export async function loadCommuneFor(
  db: Executor,
  actor: Actor,
  permission: Permission,
  municipalityId: string,
): Promise<Loaded<string> | undefined> {
  const path = await communePathFor(db, actor, permission, municipalityId);
  return path && { path, record: municipalityId };
}

/** A contact sits in its commune. */
export async function loadContactFor(
  db: Executor,
  actor: Actor,
  permission: Permission,
  id: string,
): Promise<Loaded<ContactRow> | undefined> {
  const contact = await findContact(db, id);
  const path = contact && (await communePathFor(db, actor, permission, contact.municipalityId));
  return contact && path && { path, record: contact };
}

/**
 * Sending is checked on every commune the draft names (a point is resolved to its commune first):
 * the record is the list of those communes, handed to the preview or the sending.
 */
export async function loadDraftFor(
  ctx: AlertsContext,
  actor: Actor,
  permission: Permission,
  draft: AlertPreviewRequest,
): Promise<Loaded<string[]> | undefined> {
  const ids = await draftCommuneIds(ctx.database, draft, ctx.cachePollMs);
  const path = await pathForCommunes(ctx.database.db, actor, permission, ids);
  return path && { path, record: ids };
}

/** An alert: reading needs one of its communes, managing every one of them. */
export async function loadAlertFor(
  db: Executor,
  actor: Actor,
  permission: 'alerts.read' | 'alerts.send',
  id: string,
): Promise<Loaded<string> | undefined> {
  const path = await alertPath(db, actor, permission, id);
  return path && { path, record: id };
}
