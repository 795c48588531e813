import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useCallback, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../../shared/identity/identity.schemas.ts';
import { organisationContracts, userContracts } from '../../../shared/identity/users.contracts.ts';
import { useAsync } from '../../app/hooks.ts';
import { call } from '../../client/call.ts';
import { organisationKindLabels } from '../../components/identity-display.tsx';
import { ErrorMessage, SuccessMessage } from '../../components/page-parts.tsx';
import { useForm } from '../../forms/use-form.ts';
import {
  draftToAssignment,
  emptyRoleDraft,
  RoleScopeFields,
  type RoleDraft,
} from '../../components/role-scope-fields.tsx';

/** « Inviter un utilisateur »: e-mail, name, organisation (created on the spot if needed) and a first role. */
export function InviteUserForm({ onInvited }: { onInvited: () => void }) {
  const action = useForm();
  const organisations = useAsync(() => call(organisationContracts.list).then((list) => list.items), []);
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [draft, setDraft] = useState<RoleDraft>(emptyRoleDraft);
  const onDraftChange = useCallback((next: RoleDraft) => setDraft(next), []);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const assignment = draftToAssignment(draft);
    if (!email.trim() || !displayName.trim())
      return action.setGeneral('Saisissez l’adresse électronique et le nom de la personne à inviter.');
    if (typeof assignment === 'string') return action.setGeneral(assignment);
    const target = email.trim();
    const ok = await action.send(
      () =>
        call(userContracts.invite, {
          body: {
            email: target,
            displayName: displayName.trim(),
            organisationId: organisationId || undefined,
            roles: [assignment],
          },
        }),
      `L’invitation a été envoyée à ${target}.`,
    );
    if (ok) {
      setEmail('');
      setDisplayName('');
      setDraft({ ...emptyRoleDraft, departmentId: draft.departmentId });
      onInvited();
    }
  }

  return (
    <form
      id="formulaire-invitation"
      className="psq-form fr-mt-6w"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby="invitation-titre"
    >
      <h2 id="invitation-titre" className="fr-h4">
        Inviter un utilisateur
      </h2>
      <p className="fr-text--sm">
        La personne reçoit un lien par courriel pour choisir son mot de passe ; le lien est valable quelques jours.
      </p>
      <ErrorMessage message={action.general ?? organisations.error} />
      <SuccessMessage message={action.success} />
      <Input
        label="Adresse électronique"
        hintText="Format attendu : nom@domaine.fr"
        nativeInputProps={{
          type: 'email',
          name: 'email',
          autoComplete: 'off',
          spellCheck: false,
          required: true,
          maxLength: 254,
          value: email,
          onChange: (e) => setEmail(e.target.value),
        }}
      />
      <Input
        label="Nom affiché"
        hintText="Prénom et nom, tels qu’ils apparaîtront dans PSQ."
        nativeInputProps={{
          name: 'displayName',
          autoComplete: 'off',
          required: true,
          maxLength: 200,
          value: displayName,
          onChange: (e) => setDisplayName(e.target.value),
        }}
      />
      <Select
        label="Organisation"
        hint="Facultatif : le service ou la structure de la personne."
        nativeSelectProps={{ value: organisationId, onChange: (e) => setOrganisationId(e.target.value) }}
      >
        <option value="">Aucune organisation</option>
        {(organisations.data ?? []).map((organisation) => (
          <option key={organisation.id} value={organisation.id}>
            {organisation.name} ({organisationKindLabels[organisation.kind]})
          </option>
        ))}
      </Select>
      <NewOrganisation
        onCreated={(id) => {
          organisations.reload();
          setOrganisationId(id);
        }}
      />
      <RoleScopeFields value={draft} onChange={onDraftChange} />
      <Button type="submit" iconId="fr-icon-user-add-line" disabled={action.busy}>
        Envoyer l’invitation
      </Button>
    </form>
  );
}

/** Inline creation of an organisation (inside the invitation form: no nested form, Enter creates it). */
function NewOrganisation({ onCreated }: { onCreated: (id: string) => void }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<OrganisationKind>('public_service');
  const action = useForm();

  async function create(): Promise<void> {
    if (!name.trim()) return action.setGeneral('Saisissez le nom de l’organisation.');
    let createdId = '';
    const ok = await action.send(async () => {
      createdId = (await call(organisationContracts.create, { body: { name: name.trim(), kind } })).id;
    }, `L’organisation « ${name.trim()} » a été créée et sélectionnée.`);
    if (ok) {
      setName('');
      setOpen(false);
      onCreated(createdId);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void create();
  }

  return (
    <div className="fr-mb-3w">
      <SuccessMessage message={action.success} />
      {!open ? (
        <Button type="button" size="small" priority="tertiary" iconId="fr-icon-add-line" onClick={() => setOpen(true)}>
          Créer une organisation
        </Button>
      ) : (
        <fieldset className="fr-fieldset psq-subform" aria-labelledby="nouvelle-organisation">
          <legend id="nouvelle-organisation" className="fr-fieldset__legend fr-text--md">
            Nouvelle organisation
          </legend>
          <div className="fr-fieldset__content psq-block">
            <ErrorMessage message={action.general} />
            <Input
              label="Nom de l’organisation"
              nativeInputProps={{
                name: 'organisationName',
                maxLength: 200,
                value: name,
                onChange: (e) => setName(e.target.value),
                onKeyDown,
              }}
            />
            <Select
              label="Type d’organisation"
              nativeSelectProps={{ value: kind, onChange: (e) => setKind(e.target.value as OrganisationKind) }}
            >
              {ORGANISATION_KINDS.map((value) => (
                <option key={value} value={value}>
                  {organisationKindLabels[value]}
                </option>
              ))}
            </Select>
            <span className="psq-actions">
              <Button
                type="button"
                size="small"
                iconId="fr-icon-check-line"
                disabled={action.busy}
                onClick={() => void create()}
              >
                Créer l’organisation
              </Button>
              <Button type="button" size="small" priority="secondary" onClick={() => setOpen(false)}>
                Annuler
              </Button>
            </span>
          </div>
        </fieldset>
      )}
    </div>
  );
}
