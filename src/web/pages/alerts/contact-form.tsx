import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState, type FormEvent } from 'react';
import type { AlertContact, AlertContactCreate } from '../../../shared/alerts/alerts.schemas.ts';
import { ErrorMessage } from '../../components/page-parts.tsx';
import { fieldState } from '../../forms/fields.ts';
import { FormActions } from '../../forms/form-actions.tsx';
import { useForm, type FieldErrors } from '../../forms/use-form.ts';

interface Values {
  name: string;
  role: string;
  phone: string;
  rank: string;
  availableFrom: string;
  availableTo: string;
  active: boolean;
  userEmail: string;
}

const empty: Values = {
  name: '',
  role: '',
  phone: '',
  rank: '1',
  availableFrom: '',
  availableTo: '',
  active: true,
  userEmail: '',
};

function valuesOf(contact: AlertContact | null): Values {
  if (!contact) return empty;
  return {
    name: contact.name,
    role: contact.role,
    phone: contact.phone,
    rank: String(contact.rank),
    availableFrom: contact.availableFrom ?? '',
    availableTo: contact.availableTo ?? '',
    active: contact.active,
    userEmail: contact.user?.email ?? '',
  };
}

/** Add or edit one contact of a commune's alert list; the server's errors (`/phone`, `body/phone`) land on their fields. */
export function ContactForm({
  contact,
  busy,
  onSubmit,
  onCancel,
}: {
  contact: AlertContact | null;
  busy: boolean;
  onSubmit: (body: AlertContactCreate) => Promise<unknown>;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<Values>(() => valuesOf(contact));
  const { errors, general, check, send } = useForm();
  const set = (patch: Partial<Values>) => setValues((current) => ({ ...current, ...patch }));

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const missing: FieldErrors = {};
    if (!values.name.trim()) missing.name = 'Indiquez le nom du contact.';
    if (!values.role.trim()) missing.role = 'Indiquez sa fonction (maire, adjoint à la sécurité…).';
    if (!values.phone.trim()) missing.phone = 'Indiquez un numéro de téléphone mobile.';
    if (!check(missing)) return;
    await send(() =>
      onSubmit({
        name: values.name.trim(),
        role: values.role.trim(),
        phone: values.phone.trim(),
        rank: Number(values.rank),
        availableFrom: values.availableFrom || null,
        availableTo: values.availableTo || null,
        active: values.active,
        userEmail: values.userEmail.trim() || null,
      }),
    );
  }

  const title = contact ? `Modifier le contact ${contact.name}` : 'Ajouter un contact';
  return (
    <form
      id="formulaire-contact"
      className="psq-form fr-mt-4w"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby="formulaire-contact-titre"
    >
      <h2 id="formulaire-contact-titre" className="fr-h4">
        {title}
      </h2>
      <ErrorMessage message={general} />
      <Input
        label="Nom"
        {...fieldState(errors.name)}
        nativeInputProps={{
          name: 'nom',
          autoComplete: 'off',
          maxLength: 120,
          value: values.name,
          onChange: (e) => set({ name: e.target.value }),
        }}
      />
      <Input
        label="Fonction"
        hintText="Maire, adjoint à la sécurité, directeur général des services…"
        {...fieldState(errors.role)}
        nativeInputProps={{
          name: 'fonction',
          maxLength: 80,
          value: values.role,
          onChange: (e) => set({ role: e.target.value }),
        }}
      />
      <Input
        label="Téléphone mobile"
        hintText="Un mobile, qui reçoit les SMS : 06 12 34 56 78 ou +33 6 12 34 56 78."
        {...fieldState(errors.phone)}
        nativeInputProps={{
          name: 'telephone',
          type: 'tel',
          autoComplete: 'off',
          maxLength: 40,
          value: values.phone,
          onChange: (e) => set({ phone: e.target.value }),
        }}
      />
      <Select
        label="Rang"
        hint="1 : alerté immédiatement. 2 et plus : alerté ensuite, dans l’ordre, si personne n’a accusé réception."
        {...fieldState(errors.rank)}
        nativeSelectProps={{ name: 'rang', value: values.rank, onChange: (e) => set({ rank: e.target.value }) }}
      >
        {[1, 2, 3, 4, 5, 6, 7, 8, 9].map((rank) => (
          <option key={rank} value={rank}>
            {rank}
          </option>
        ))}
      </Select>
      <fieldset className="fr-fieldset" aria-describedby="horaires-aide">
        <legend className="fr-fieldset__legend fr-text--regular">Horaires de disponibilité (heure de Paris)</legend>
        <p id="horaires-aide" className="fr-hint-text fr-fieldset__element">
          Laissez les deux heures vides pour « à toute heure ». Une plage peut passer minuit (22:00 à 07:00).
        </p>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <Input
            label="De"
            {...fieldState(errors.availableFrom)}
            nativeInputProps={{
              name: 'de',
              type: 'time',
              value: values.availableFrom,
              onChange: (e) => set({ availableFrom: e.target.value }),
            }}
          />
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <Input
            label="À"
            {...fieldState(errors.availableTo)}
            nativeInputProps={{
              name: 'a',
              type: 'time',
              value: values.availableTo,
              onChange: (e) => set({ availableTo: e.target.value }),
            }}
          />
        </div>
      </fieldset>
      <Input
        label="Compte PSQ lié (facultatif)"
        hintText="Adresse électronique du compte : le contact reçoit alors aussi l’alerte dans l’application."
        {...fieldState(errors.userEmail)}
        nativeInputProps={{
          name: 'compte',
          type: 'email',
          autoComplete: 'off',
          value: values.userEmail,
          onChange: (e) => set({ userEmail: e.target.value }),
        }}
      />
      <Checkbox
        options={[
          {
            label: 'Contact actif',
            hintText: 'Un contact inactif n’est plus alerté.',
            nativeInputProps: {
              name: 'actif',
              checked: values.active,
              onChange: (e) => set({ active: e.target.checked }),
            },
          },
        ]}
      />
      <FormActions editing={contact !== null} busy={busy} onCancel={onCancel} createLabel="Ajouter le contact" />
    </form>
  );
}
