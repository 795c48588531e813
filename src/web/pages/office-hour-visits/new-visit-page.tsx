import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState, type FormEvent } from 'react';
import {
  VISIT_CATEGORY_LABELS,
  type VisitCategory,
  type VisitCreate,
} from '../../../shared/office-hour-visits/visits.schemas.ts';
import { call } from '../../client/call.ts';
import { visitContracts } from '../../../shared/office-hour-visits/visits.contracts.ts';
import { officeHoursContracts } from '../../../shared/office-hours/office-hours.contracts.ts';
import { setFlash, useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { navigate, useLocation } from '../../app/router.tsx';
import { AddressSearch, type PickedAddress } from '../../components/address-search.tsx';
import { ErrorMessage } from '../../components/page-parts.tsx';
import { fieldState } from '../../forms/fields.ts';
import { useForm } from '../../forms/use-form.ts';
import { labelOptions } from '../requests/request-display.tsx';
import { formatDate } from '../../../shared/format/french-dates.ts';
import { VISITS_PATH } from './visit-display.tsx';

const FORM_ID = 'formulaire-visite';
const parisToday = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date());

/** « Noter une visite » : from an occurrence (schedule and date in the link), or at a venue on a chosen date. */
export function NewVisitPage() {
  useDocumentTitle('Noter une visite');
  const { search } = useLocation();
  const scheduleId = search.get('scheduleId') ?? '';
  const fromOccurrence = !!scheduleId && !!search.get('date');
  const venues = useAsync(
    () => (fromOccurrence ? Promise.resolve([]) : call(officeHoursContracts.listVenues).then((r) => r.items)),
    [fromOccurrence],
  );
  const [venueId, setVenueId] = useState(search.get('venueId') ?? '');
  const [date, setDate] = useState(search.get('date') ?? parisToday());
  const [category, setCategory] = useState<VisitCategory | ''>('');
  const [said, setSaid] = useState('');
  const [placeLabel, setPlaceLabel] = useState('');
  // The point of an address picked in the search; the visit otherwise has only the place's label.
  const [point, setPoint] = useState<{ lon: number; lat: number } | null>(null);
  const [wantsAnswer, setWantsAnswer] = useState(false);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  // The contact's errors show under its e-mail, the occurrence's under the venue.
  const form = useForm({ formId: FORM_ID, fieldMap: { contact: 'email', scheduleId: 'venueId' } });

  function pickAddress(address: PickedAddress): void {
    setPoint({ lon: address.lon, lat: address.lat });
    setPlaceLabel((current) => current.trim() || address.label);
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const refused: Record<string, string> = {};
    if (!fromOccurrence && !venueId) refused.venueId = 'Choisissez le lieu de la permanence.';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) refused.date = 'Indiquez la date de la visite.';
    if (!category) refused.category = 'Choisissez une catégorie.';
    if (!said.trim()) refused.said = 'Notez ce qui a été dit.';
    if (!form.check(refused) || !category) return;
    const contact = { name: name.trim() || null, email: email.trim() || null, phone: phone.trim() || null };
    const body: VisitCreate = {
      ...(fromOccurrence ? { scheduleId } : { venueId }),
      date,
      category,
      said: said.trim(),
      wantsAnswer,
      ...(placeLabel.trim() ? { placeLabel: placeLabel.trim() } : {}),
      ...(point ? { point } : {}),
      ...(contact.name || contact.email || contact.phone ? { contact } : {}),
    };
    void form.send(async () => {
      const visit = await call(visitContracts.create, { body });
      setFlash('La visite est notée.');
      navigate(`${VISITS_PATH}/${visit.id}`);
    });
  }

  return (
    <>
      <h1>Noter une visite</h1>
      <p className="fr-text--sm">
        Note confidentielle : seuls vous, les référents police du secteur et les administrateurs la liront.
      </p>
      {fromOccurrence && <p className="fr-text--lead">Permanence du {formatDate(date)}</p>}
      <ErrorMessage message={form.general ?? venues.error} />
      <form id={FORM_ID} onSubmit={submit} noValidate>
        {!fromOccurrence && (
          <>
            <Select
              label="Lieu de la permanence"
              {...fieldState(form.errors.venueId)}
              nativeSelectProps={{ name: 'venueId', value: venueId, onChange: (e) => setVenueId(e.target.value) }}
            >
              <option value="" disabled>
                Choisissez un lieu
              </option>
              {(venues.data ?? []).map((venue) => (
                <option key={venue.id} value={venue.id}>
                  {venue.name} ({venue.municipality.name})
                </option>
              ))}
            </Select>
            <Input
              label="Date de la visite"
              {...fieldState(form.errors.date)}
              nativeInputProps={{ name: 'date', type: 'date', value: date, onChange: (e) => setDate(e.target.value) }}
            />
          </>
        )}
        {fromOccurrence && form.errors.date && <ErrorMessage message={form.errors.date} />}
        <Select
          label="Catégorie"
          {...fieldState(form.errors.category)}
          nativeSelectProps={{
            name: 'category',
            value: category,
            onChange: (e) => setCategory(e.target.value as VisitCategory),
          }}
        >
          <option value="" disabled>
            Choisissez une catégorie
          </option>
          {labelOptions(VISIT_CATEGORY_LABELS)}
        </Select>
        <AddressSearch
          embedded
          onPick={pickAddress}
          label="Adresse du lieu (facultatif)"
          hint="L’adresse choisie situe la visite et remplit le lieu concerné."
          unavailableText="Recherche d’adresse indisponible : décrivez le lieu concerné ci-dessous."
        />
        <Input
          label="Lieu concerné (facultatif)"
          hintText="Par exemple : parking du gymnase, rue des Lilas"
          {...fieldState(form.errors.placeLabel)}
          nativeInputProps={{
            name: 'placeLabel',
            maxLength: 200,
            value: placeLabel,
            onChange: (e) => setPlaceLabel(e.target.value),
          }}
        />
        <Input
          label="Ce qui a été dit"
          hintText="Texte simple, 5 000 caractères au plus."
          textArea
          {...fieldState(form.errors.said)}
          nativeTextAreaProps={{
            name: 'said',
            rows: 6,
            maxLength: 5000,
            value: said,
            onChange: (e) => setSaid(e.target.value),
          }}
        />
        <Checkbox
          options={[
            {
              label: 'La personne souhaite une réponse',
              nativeInputProps: {
                name: 'wantsAnswer',
                checked: wantsAnswer,
                onChange: (e) => setWantsAnswer(e.target.checked),
              },
            },
          ]}
        />
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend">Comment la joindre (facultatif)</legend>
          <div className="fr-fieldset__element">
            <Input
              label="Nom"
              {...fieldState(form.errors.name)}
              nativeInputProps={{ name: 'name', maxLength: 120, value: name, onChange: (e) => setName(e.target.value) }}
            />
            <Input
              label="Adresse e-mail"
              {...fieldState(form.errors.email)}
              nativeInputProps={{
                name: 'email',
                type: 'email',
                value: email,
                onChange: (e) => setEmail(e.target.value),
              }}
            />
            <Input
              label="Téléphone"
              {...fieldState(form.errors.phone)}
              nativeInputProps={{ name: 'phone', type: 'tel', value: phone, onChange: (e) => setPhone(e.target.value) }}
            />
          </div>
        </fieldset>
        <Button type="submit" iconId="fr-icon-save-line" disabled={form.busy}>
          Enregistrer la visite
        </Button>
      </form>
    </>
  );
}
