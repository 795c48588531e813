import { eq } from 'drizzle-orm';
import type { TerritoryPath, UserActor } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Executor, Tx } from '../../../platform/db/client.ts';
import { withTransaction } from '../../../platform/db/transaction.ts';
import { ConflictError, UnprocessableError } from '../../../platform/errors.ts';
import type { RequestAction, RequestStatus } from '../../../../shared/requests/requests.schemas.ts';
import { territoryPathOf } from '../../territory/index.ts';
import { requestEvents, requests } from '../requests.tables.ts';
import type { RequestsContext } from '../requests-context.ts';
import { canSeeRequest } from '../request-access.ts';
import { requestAssignees } from './request-assignees.ts';
import { notifyRedirect } from './request-redirect-notice.ts';

type Row = typeof requests.$inferSelect;
type Changes = Partial<typeof requests.$inferInsert>;

/**
 * The state machine: new → acknowledged → in_progress → answered → closed, reopen possible.
 * Each step lists the statuses it may start from; anything else is a 409 with the reason.
 */
const FROM: Record<RequestAction['action'], readonly RequestStatus[]> = {
  acknowledge: ['new'],
  start: ['new', 'acknowledged'],
  close: ['acknowledged', 'in_progress', 'answered'],
  reopen: ['closed'],
  redirect: ['new', 'acknowledged', 'in_progress', 'answered'],
  duplicate: ['new', 'acknowledged', 'in_progress', 'answered'],
  reject: ['new', 'acknowledged', 'in_progress', 'answered'],
  assign: ['new', 'acknowledged', 'in_progress', 'answered'],
  transfer: ['new', 'acknowledged', 'in_progress', 'answered'],
};
const STATUS_FR: Record<RequestStatus, string> = {
  new: 'nouvelle',
  acknowledged: 'prise en compte',
  in_progress: 'en cours',
  answered: 'répondue',
  closed: 'close',
};

export async function lockRequest(tx: Tx, id: string): Promise<Row> {
  const [row] = await tx.select().from(requests).where(eq(requests.id, id)).for('update');
  return row;
}

function assertFrom(action: keyof typeof FROM, row: Row) {
  if (!FROM[action].includes(row.status))
    throw new ConflictError(`Action impossible : la demande ${row.reference} est ${STATUS_FR[row.status]}.`);
}

/** What each action changes, and the event it leaves (status events are shown to the resident; notes and assignments are not). */
async function plan(
  tx: Tx,
  ctx: RequestsContext,
  actor: UserActor,
  row: Row,
  action: RequestAction,
  now: Date,
): Promise<{ changes: Changes; event?: typeof requestEvents.$inferInsert; redirectedTo?: TerritoryPath }> {
  const status = (to: RequestStatus, body: string | null = null) => ({
    requestId: row.id,
    kind: 'status' as const,
    visibility: 'resident' as const,
    fromStatus: row.status,
    toStatus: to,
    body,
    authorType: 'staff' as const,
    authorId: actor.id,
  });
  switch (action.action) {
    case 'acknowledge':
      return { changes: { status: 'acknowledged', acknowledgedAt: now }, event: status('acknowledged') };
    case 'start':
      return {
        changes: { status: 'in_progress', startedAt: now, acknowledgedAt: row.acknowledgedAt ?? now },
        event: status('in_progress'),
      };
    case 'close':
      return { changes: { status: 'closed', closedAt: now, closeReason: 'resolved' }, event: status('closed') };
    case 'reopen':
      return {
        changes: { status: 'in_progress', closedAt: null, closeReason: null, closeNote: null, duplicateOfId: null },
        event: status('in_progress'),
      };
    case 'transfer': {
      const note = `Demande transmise à ${action.service.trim()} : ${action.reason.trim()}`;
      return {
        changes: { status: 'closed', closedAt: now, closeReason: 'transferred', closeNote: note },
        event: status('closed', note),
      };
    }
    case 'reject':
      return {
        changes: { status: 'closed', closedAt: now, closeReason: 'rejected', closeNote: action.reason.trim() },
        event: status('closed', `Demande classée : ${action.reason.trim()}`),
      };
    case 'duplicate': {
      if (action.duplicateOfId === row.id || !(await canSeeRequest(tx, actor, 'requests.read', action.duplicateOfId)))
        throw new UnprocessableError('La demande d’origine est introuvable dans votre territoire.', [
          { pointer: '/duplicateOfId', message: 'Demande introuvable.' },
        ]);
      const [original] = await tx
        .select({ reference: requests.reference })
        .from(requests)
        .where(eq(requests.id, action.duplicateOfId));
      const note = `Doublon de la demande ${original.reference}, qui suit son cours.`;
      return {
        changes: {
          status: 'closed',
          closedAt: now,
          closeReason: 'duplicate',
          closeNote: note,
          duplicateOfId: action.duplicateOfId,
        },
        event: status('closed', note),
      };
    }
    case 'redirect': {
      if (action.sectorId === row.sectorId) throw new ConflictError('La demande est déjà dans ce secteur.');
      const path = await territoryPathOf(tx, 'sector', action.sectorId);
      if (!path)
        throw new UnprocessableError('Secteur introuvable.', [
          { pointer: '/sectorId', message: 'Secteur introuvable.' },
        ]);
      // The new sector's staff take it over: the assignee of the old sector lets go (and the new sector's staff are told, below).
      return {
        changes: {
          sectorId: action.sectorId,
          municipalityId: path.municipalityId ?? null,
          departmentId: path.departmentId,
          outsideSectors: false,
          assigneeId: null,
        },
        event: {
          requestId: row.id,
          kind: 'redirect',
          visibility: 'resident',
          authorType: 'staff',
          authorId: actor.id,
          details: { fromSectorId: row.sectorId, toSectorId: action.sectorId },
        },
        redirectedTo: path,
      };
    }
    case 'assign': {
      // Only someone who may handle requests of this territory: a confidential request is then theirs to see.
      if (
        action.assigneeId &&
        !(await requestAssignees(tx, actor, row)).some((member) => member.id === action.assigneeId)
      )
        throw new UnprocessableError('Cette personne ne traite pas les demandes de ce territoire.', [
          { pointer: '/assigneeId', message: 'Personne introuvable parmi les agents du territoire.' },
        ]);
      return {
        changes: { assigneeId: action.assigneeId },
        event: {
          requestId: row.id,
          kind: 'assignment',
          visibility: 'internal',
          authorType: 'staff',
          authorId: actor.id,
          details: { assigneeId: action.assigneeId },
        },
      };
    }
  }
}

/** One triage or status step, with its event, an optional internal note and the audit event, in one transaction. */
export async function applyRequestAction(
  ctx: RequestsContext,
  executor: Executor,
  actor: UserActor,
  id: string,
  action: RequestAction,
  now = new Date(),
): Promise<void> {
  await withTransaction(executor, async (tx) => {
    const row = await lockRequest(tx, id);
    assertFrom(action.action, row);
    const { changes, event, redirectedTo } = await plan(tx, ctx, actor, row, action, now);
    await tx
      .update(requests)
      .set({ ...changes, updatedAt: now })
      .where(eq(requests.id, id));
    if (event) await tx.insert(requestEvents).values(event);
    // Only a redirect to a sector tells anyone: a transfer to the town hall or another service leaves the platform.
    const notified =
      action.action === 'redirect' && redirectedTo
        ? await notifyRedirect(ctx, tx, actor, row, action.sectorId, redirectedTo)
        : undefined;
    if ('note' in action && action.note?.trim())
      await tx.insert(requestEvents).values({
        requestId: id,
        kind: 'note',
        visibility: 'internal',
        body: action.note.trim(),
        authorType: 'staff',
        authorId: actor.id,
      });
    const { note: _note, reason: _reason, ...details } = action as Record<string, unknown>;
    await recordAudit(tx, actor, {
      action: `request.${action.action}`,
      recordType: 'request',
      recordId: id,
      details: {
        ...details,
        fromStatus: row.status,
        toStatus: changes.status ?? row.status,
        ...(notified ? { notified: notified.length } : {}),
      },
    });
  });
}
