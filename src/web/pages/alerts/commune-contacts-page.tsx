import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useState } from 'react';
import type { AlertContact, AlertContactCreate } from '../../../shared/alerts/alerts.schemas.ts';
import type { Municipality } from '../../../shared/territory/territory.schemas.ts';
import { formatTime } from '../../../shared/format/french-dates.ts';
import { formatPhone } from '../../../shared/format/phone.ts';
import { roleHas } from '../../../shared/permissions.ts';
import { contactContracts } from '../../../shared/alerts/contacts.contracts.ts';
import { call } from '../../client/call.ts';
import { fullySignedIn, useSession, type SessionState } from '../../client/session.ts';
import { territoryContracts } from '../../../shared/territory/territory.contracts.ts';
import { useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { navigate, useLocation } from '../../app/router.tsx';
import { DeleteButton, ErrorMessage, Loading, SuccessMessage } from '../../components/page-parts.tsx';
import { focusFirstField } from '../../forms/fields.ts';
import { useForm } from '../../forms/use-form.ts';
import { byName } from '../../components/territory-display.tsx';
import { ContactForm } from './contact-form.tsx';

type CommuneChoice = Pick<Municipality, 'id' | 'name'>;

/**
 * The communes whose list I manage: a mayor's commune, or those of the district / département an
 * administrator covers. (A sector-wide role manages no contact list.)
 */
async function manageableCommunes(session: SessionState): Promise<CommuneChoice[]> {
  if (!fullySignedIn(session)) return [];
  const assignments = session.me.user.roles.filter((assignment) => roleHas(assignment.role, 'alerts.contacts.manage'));
  const lists = await Promise.all(
    assignments.map((assignment): Promise<CommuneChoice[]> | CommuneChoice[] => {
      if (assignment.scopeType === 'municipality') return [{ id: assignment.scopeId, name: assignment.scopeName }];
      if (assignment.scopeType === 'district')
        return call(territoryContracts.municipalities, { query: { districtId: assignment.scopeId } }).then(
          (r) => r.items,
        );
      if (assignment.scopeType === 'department')
        return call(territoryContracts.municipalities, { query: { departmentId: assignment.scopeId } }).then(
          (r) => r.items,
        );
      return [];
    }),
  );
  const unique = new Map(lists.flat().map((commune) => [commune.id, { id: commune.id, name: commune.name }]));
  return [...unique.values()].sort(byName);
}

function hours(contact: AlertContact): string {
  return contact.availableFrom && contact.availableTo
    ? `${formatTime(contact.availableFrom)} – ${formatTime(contact.availableTo)}`
    : 'À toute heure';
}

export function CommuneContactsPage() {
  useDocumentTitle('Contacts d’alerte de la commune');
  const session = useSession();
  const { search } = useLocation();
  const communes = useAsync(() => manageableCommunes(session), [session.status]);
  const communeId = search.get('commune') || communes.data?.[0]?.id || '';
  const contacts = useAsync(
    () => (communeId ? call(contactContracts.list, { params: { id: communeId } }) : Promise.resolve(null)),
    [communeId],
  );
  const action = useForm();
  const [editing, setEditing] = useState<AlertContact | null>(null);
  const [formKey, setFormKey] = useState(0);

  function resetForm(): void {
    setEditing(null);
    setFormKey((key) => key + 1);
  }

  async function save(body: AlertContactCreate): Promise<void> {
    action.clear();
    // Errors are thrown to the form, which shows them field by field.
    if (editing) await call(contactContracts.update, { params: { id: editing.id }, body });
    else await call(contactContracts.create, { params: { id: communeId }, body });
    action.setSuccess(
      editing ? `Le contact « ${body.name} » a été modifié.` : `Le contact « ${body.name} » a été ajouté.`,
    );
    resetForm();
    contacts.reload();
  }

  async function remove(contact: AlertContact): Promise<void> {
    if (
      await action.send(
        () => call(contactContracts.remove, { params: { id: contact.id } }),
        `Le contact « ${contact.name} » a été supprimé.`,
      )
    ) {
      if (editing?.id === contact.id) resetForm();
      contacts.reload();
    }
  }

  const rows = (contacts.data?.items ?? []).map((contact) => [
    String(contact.rank),
    contact.name,
    contact.role,
    formatPhone(contact.phone),
    `${hours(contact)}${contact.active && !contact.availableNow ? ' (hors horaires maintenant)' : ''}`,
    contact.active ? 'Actif' : 'Inactif',
    contact.user ? contact.user.displayName : '—',
    <span className="psq-actions" key="actions">
      <Button
        size="small"
        priority="secondary"
        iconId="fr-icon-edit-line"
        onClick={() => {
          action.clear();
          setEditing(contact);
          setFormKey((key) => key + 1);
          focusFirstField('formulaire-contact');
        }}
        nativeButtonProps={{ 'aria-label': `Modifier le contact ${contact.name}` }}
      >
        Modifier
      </Button>
      <DeleteButton label={`Supprimer le contact ${contact.name}`} onConfirm={() => remove(contact)} />
    </span>,
  ]);
  const communeName = contacts.data?.commune.name ?? communes.data?.find((c) => c.id === communeId)?.name ?? '';

  return (
    <>
      <h1>Contacts d’alerte de la commune</h1>
      <p>
        Les personnes que la police et la gendarmerie alertent par SMS lors d’une intervention dans la commune. Le rang
        1 est alerté aussitôt ; sans accusé de réception, l’alerte passe au rang suivant.
      </p>
      <ErrorMessage message={communes.error ?? contacts.error ?? action.general} />
      <SuccessMessage message={action.success} />
      {communes.data && communes.data.length > 1 && (
        <Select
          className="psq-narrow"
          label="Commune"
          nativeSelectProps={{
            name: 'commune',
            value: communeId,
            onChange: (event) => navigate(`/contacts-alerte?commune=${event.target.value}`, { replace: true }),
          }}
        >
          {communes.data.map((commune) => (
            <option key={commune.id} value={commune.id}>
              {commune.name}
            </option>
          ))}
        </Select>
      )}
      {communes.data && communes.data.length === 0 && (
        <p>Votre compte ne gère la liste de contacts d’aucune commune.</p>
      )}
      {contacts.loading && !contacts.data ? (
        <Loading />
      ) : contacts.data && rows.length === 0 ? (
        <p>Aucun contact enregistré : la commune ne peut pas être alertée. Ajoutez au moins le maire.</p>
      ) : contacts.data ? (
        <Table
          caption={`Contacts d’alerte de ${communeName}`}
          headers={['Rang', 'Nom', 'Fonction', 'Téléphone', 'Horaires', 'État', 'Compte lié', 'Actions']}
          data={rows}
          bordered
          className="psq-table"
        />
      ) : null}
      {communeId && (
        <ContactForm key={formKey} contact={editing} busy={action.busy} onSubmit={save} onCancel={resetForm} />
      )}
    </>
  );
}
