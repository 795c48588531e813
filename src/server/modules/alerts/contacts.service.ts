import { and, eq, ne } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { withTransaction } from '../../platform/db/transaction.ts';
import { isUniqueViolation } from '../../platform/db/pg-errors.ts';
import { BadRequestError, ConflictError, NotFoundError, UnprocessableError } from '../../platform/errors.ts';
import { normalisePhone } from '../../platform/sms/phone.ts';
import type { AlertContact, AlertContactCreate, AlertContactUpdate } from '../../../shared/alerts/alerts.schemas.ts';
import { findActiveUserByEmail } from '../identity/index.ts';
import { communeContacts } from './alerts.tables.ts';
import { toMinute } from './contact-hours.ts';
import { toContacts, type ContactRow } from './contacts.queries.ts';

type ContactValues = Partial<typeof communeContacts.$inferInsert>;
const DUPLICATE = 'Ce numéro figure déjà dans la liste des contacts de la commune.';

/** Checks and converts the wire fields present in the input (phone → E.164, hours → minutes, e-mail → account). */
async function toValues(db: Executor, input: AlertContactUpdate, current?: ContactRow): Promise<ContactValues> {
  const values: ContactValues = {};
  // A form sends every field back: an unchanged number is not judged again (the demo's fictional
  // numbers, or a number the phone metadata no longer knows, stay editable).
  if (current && input.phone?.trim() === current.phone) input = { ...input, phone: undefined };
  if (input.name !== undefined) values.name = input.name.trim();
  if (input.role !== undefined) values.role = input.role.trim();
  if (values.name === '' || values.role === '')
    throw new BadRequestError('Le nom et la fonction du contact sont obligatoires.');
  if (input.phone !== undefined) {
    const phone = normalisePhone(input.phone);
    if (!phone.ok) throw new BadRequestError(phone.message, [{ pointer: '/phone', message: phone.message }]);
    values.phone = phone.e164;
  }
  if (input.rank !== undefined) values.rank = input.rank;
  if (input.active !== undefined) values.active = input.active;
  if (input.availableFrom !== undefined || input.availableTo !== undefined) {
    const from = input.availableFrom ?? null;
    const to = input.availableTo ?? null;
    if ((from === null) !== (to === null)) {
      throw new BadRequestError(
        'Indiquez les deux heures de disponibilité (début et fin), ou aucune pour « à toute heure ».',
        [{ pointer: from === null ? '/availableFrom' : '/availableTo', message: 'Heure manquante.' }],
      );
    }
    values.availableFromMinute = from === null ? null : toMinute(from);
    values.availableToMinute = to === null ? null : toMinute(to);
  }
  if (input.userEmail !== undefined) {
    if (input.userEmail === null) values.userId = null;
    else {
      const user = await findActiveUserByEmail(db, input.userEmail);
      if (!user)
        throw new UnprocessableError('Aucun compte PSQ actif ne porte cette adresse e-mail.', [
          { pointer: '/userEmail', message: 'Compte introuvable.' },
        ]);
      values.userId = user.id;
    }
  }
  return values;
}

async function assertPhoneFree(db: Executor, municipalityId: string, phone: string | undefined, exceptId?: string) {
  if (phone === undefined) return;
  const [row] = await db
    .select({ id: communeContacts.id })
    .from(communeContacts)
    .where(
      and(
        eq(communeContacts.municipalityId, municipalityId),
        eq(communeContacts.phone, phone),
        exceptId ? ne(communeContacts.id, exceptId) : undefined,
      ),
    );
  if (row) throw new ConflictError(DUPLICATE);
}

/** Two concurrent writes of one number both pass the check: the unique index settles it. */
async function mapDuplicate<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(DUPLICATE);
    throw error;
  }
}

/** Adds a contact to a commune's list (rank 1, active, at any hour unless said); audited without the number. */
export async function createContact(
  executor: Executor,
  actor: Actor,
  municipalityId: string,
  input: AlertContactCreate,
): Promise<AlertContact> {
  return mapDuplicate(() =>
    withTransaction(executor, async (tx) => {
      const values = await toValues(tx, input);
      await assertPhoneFree(tx, municipalityId, values.phone);
      const [created] = await tx
        .insert(communeContacts)
        .values({
          rank: 1,
          active: true,
          ...values,
          municipalityId,
          name: values.name!,
          role: values.role!,
          phone: values.phone!,
        })
        .returning();
      // The audit names the record, not the number: the contact list itself holds personal data.
      await recordAudit(tx, actor, {
        action: 'alert.contact.created',
        recordType: 'commune_contact',
        recordId: created.id,
        details: { municipalityId, rank: created.rank, linkedAccount: !!created.userId },
      });
      return (await toContacts(tx, [created]))[0];
    }),
  );
}

/** Changes the fields sent of a contact (the route's loaded row); audited with the field names only. */
export async function updateContact(
  executor: Executor,
  actor: Actor,
  existing: ContactRow,
  input: AlertContactUpdate,
): Promise<AlertContact> {
  const id = existing.id;
  return mapDuplicate(() =>
    withTransaction(executor, async (tx) => {
      const values = await toValues(tx, input, existing);
      await assertPhoneFree(tx, existing.municipalityId, values.phone, id);
      const [updated] = await tx
        .update(communeContacts)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(communeContacts.id, id))
        .returning();
      if (!updated) throw new NotFoundError('Contact introuvable.');
      await recordAudit(tx, actor, {
        action: 'alert.contact.updated',
        recordType: 'commune_contact',
        recordId: id,
        details: { municipalityId: existing.municipalityId, fields: Object.keys(input) },
      });
      return (await toContacts(tx, [updated]))[0];
    }),
  );
}

export async function deleteContact(executor: Executor, actor: Actor, id: string): Promise<void> {
  await withTransaction(executor, async (tx) => {
    const [deleted] = await tx.delete(communeContacts).where(eq(communeContacts.id, id)).returning();
    if (!deleted) throw new NotFoundError('Contact introuvable.');
    await recordAudit(tx, actor, {
      action: 'alert.contact.deleted',
      recordType: 'commune_contact',
      recordId: id,
      details: { municipalityId: deleted.municipalityId },
    });
  });
}
