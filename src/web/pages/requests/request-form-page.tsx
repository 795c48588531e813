import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  REQUEST_CATEGORY_LABELS,
  type RequestCategory,
  type RequestCreate,
  type RequestReceipt,
} from '../../../shared/requests/requests.schemas.ts';
import { call } from '../../client/call.ts';
import { intakeContracts } from '../../../shared/requests/intake.contracts.ts';
import { territoryContracts } from '../../../shared/territory/territory.contracts.ts';
import { useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { useMeta } from '../../app/layout.tsx';
import { AppLink } from '../../app/router.tsx';
import { AddressSearch, type PickedAddress } from '../../components/address-search.tsx';
import { ErrorMessage } from '../../components/page-parts.tsx';
import { fieldState } from '../../forms/fields.ts';
import { useForm, type FieldMap } from '../../forms/use-form.ts';
import { SectorMap } from '../../maps/sector-map.tsx';
import { PhotoField } from './photo-field.tsx';
import {
  formatCoordinate,
  labelOptions,
  TIME_OF_DAY_LABELS,
  newIdempotencyKey,
  parseCoordinate,
} from './request-display.tsx';

const DEFAULT_DEPARTMENT = '57';
type Anonymity = RequestCreate['anonymity'];
const ANONYMITY: { value: Anonymity; label: string; hint: string }[] = [
  {
    value: 'named',
    label: 'Je peux être nommé',
    hint: 'Mon nom peut être communiqué aux services qui traitent la demande.',
  },
  {
    value: 'police_only',
    label: 'Connu de la police seulement',
    hint: 'Seuls les policiers ou gendarmes qui traitent la demande voient mon identité.',
  },
  {
    value: 'anonymous',
    label: 'Anonyme',
    hint: 'Mon nom n’est pas enregistré ; mon e-mail ou mon téléphone ne sert qu’à me répondre.',
  },
];

/** Server pointers onto the fields the form shows: `/contact/phone` → `phone`, `/point/lon` → `lat` (the coordinates' error line). */
const FIELD_MAP: FieldMap = {
  'contact/name': 'name',
  'contact/email': 'email',
  'contact/phone': 'phone',
  point: 'lat',
};

/** « Signaler un problème » : the residents' form, without account, plain controls that work on a phone. */
export function RequestFormPage() {
  useDocumentTitle('Signaler un problème de sécurité');
  const meta = useMeta();
  const sectors = useAsync(
    () => call(territoryContracts.map, { query: { department: DEFAULT_DEPARTMENT } }).then((map) => map.sectors),
    [],
  );
  // One key per form: a double click or a retry after a network error never creates two requests.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [category, setCategory] = useState<RequestCategory | ''>('');
  const [description, setDescription] = useState('');
  const [timeOfDay, setTimeOfDay] = useState('');
  const [recurring, setRecurring] = useState(false);
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const [placeLabel, setPlaceLabel] = useState('');
  const [focusOn, setFocusOn] = useState<{ lat: number; lon: number } | null>(null);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [noAnswer, setNoAnswer] = useState(false);
  const [anonymity, setAnonymity] = useState<Anonymity>('police_only');
  const [website, setWebsite] = useState('');
  const [attachmentIds, setAttachmentIds] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);
  const [receipt, setReceipt] = useState<RequestReceipt | null>(null);
  // A refused form takes the reader to its first wrong field (on a phone the message may be off screen).
  const form = useForm({ formId: 'formulaire-signalement', fieldMap: FIELD_MAP });
  const point =
    lat && lon && Number.isFinite(parseCoordinate(lat)) && Number.isFinite(parseCoordinate(lon))
      ? { lat: parseCoordinate(lat), lon: parseCoordinate(lon) }
      : null;

  /** A picked address places the point (exactly its coordinates), names the place if the resident has not, and brings the map there. */
  function pickAddress(address: PickedAddress): void {
    setLat(formatCoordinate(address.lat));
    setLon(formatCoordinate(address.lon));
    setPlaceLabel((current) => current.trim() || address.label);
    setFocusOn({ lat: address.lat, lon: address.lon });
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const refused: Record<string, string> = {};
    if (!category) refused.category = 'Choisissez une catégorie.';
    if (description.trim().length < 10) refused.description = 'Décrivez ce qui se passe en 10 caractères au moins.';
    if (!point || Math.abs(point.lat) > 90 || Math.abs(point.lon) > 180)
      refused.lat = 'Choisissez un point sur la carte ou indiquez une latitude et une longitude en degrés décimaux.';
    if (email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()))
      refused.email = 'Adresse e-mail invalide, par exemple prenom.nom@exemple.fr.';
    if (!noAnswer && !email.trim() && !phone.trim())
      refused.email = 'Indiquez un e-mail ou un téléphone, ou cochez « Je ne souhaite pas de réponse ».';
    if (!form.check(refused) || !point || !category) return;
    // An anonymous request carries no name (the server refuses one); e-mail and phone only serve the answer.
    const contact = {
      name: anonymity === 'anonymous' ? undefined : name.trim() || undefined,
      email: email.trim() || undefined,
      phone: phone.trim() || undefined,
    };
    const body: RequestCreate = {
      category,
      description: description.trim(),
      point,
      anonymity,
      noAnswerWanted: noAnswer,
      ...(timeOfDay ? { timeOfDay: timeOfDay as RequestCreate['timeOfDay'] } : {}),
      recurring,
      ...(placeLabel.trim() ? { placeLabel: placeLabel.trim() } : {}),
      ...(contact.name || contact.email || contact.phone ? { contact } : {}),
      ...(website ? { website } : {}),
      ...(attachmentIds.length ? { attachmentIds } : {}),
    };
    void form.send(async () =>
      setReceipt(await call(intakeContracts.submit, { body }, { headers: { 'Idempotency-Key': idempotencyKey } })),
    );
  }

  if (receipt) return <Receipt receipt={receipt} />;
  return (
    <>
      <h1>Signaler un problème de sécurité</h1>
      <p className="fr-text--lead">
        Décrivez ce qui se passe près de chez vous : votre demande parvient aux policiers ou gendarmes de votre secteur.
      </p>
      <p className="fr-text--sm">
        En cas d’urgence, appelez le 17 ou le 112. Ce formulaire n’est pas suivi en temps réel.
      </p>
      <ErrorMessage message={form.general} />
      <form id="formulaire-signalement" onSubmit={submit} noValidate>
        <Select
          label="Catégorie"
          {...fieldState(form.errors.category)}
          nativeSelectProps={{
            name: 'category',
            value: category,
            onChange: (e) => setCategory(e.target.value as RequestCategory),
          }}
        >
          <option value="" disabled>
            Choisissez une catégorie
          </option>
          {labelOptions(REQUEST_CATEGORY_LABELS)}
        </Select>
        <Input
          label="Ce qui se passe"
          hintText="10 à 5 000 caractères. Ne donnez pas le nom d’une personne si vous n’en êtes pas sûr."
          textArea
          {...fieldState(form.errors.description)}
          nativeTextAreaProps={{
            name: 'description',
            rows: 5,
            maxLength: 5000,
            value: description,
            onChange: (e) => setDescription(e.target.value),
          }}
        />
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend">Quand ?</legend>
          <div className="fr-fieldset__element">
            <Select
              label="Moment de la journée"
              nativeSelectProps={{ name: 'timeOfDay', value: timeOfDay, onChange: (e) => setTimeOfDay(e.target.value) }}
            >
              <option value="">Non précisé</option>
              {labelOptions(TIME_OF_DAY_LABELS)}
            </Select>
            <Checkbox
              options={[
                {
                  label: 'Cela se reproduit régulièrement',
                  nativeInputProps: {
                    name: 'recurring',
                    checked: recurring,
                    onChange: (e) => setRecurring(e.target.checked),
                  },
                },
              ]}
            />
          </div>
        </fieldset>
        <fieldset className="fr-fieldset" aria-describedby="aide-lieu">
          <legend className="fr-fieldset__legend">Où ?</legend>
          <p id="aide-lieu" className="fr-text--sm fr-fieldset__element">
            Recherchez l’adresse, ou cliquez sur la carte des secteurs à l’endroit concerné, ou indiquez ses
            coordonnées. Les coordonnées s’obtiennent par exemple dans l’application de cartes de votre téléphone (appui
            long sur un lieu).
          </p>
          <div className="fr-fieldset__element">
            <AddressSearch
              embedded
              onPick={pickAddress}
              label="Adresse du lieu"
              hint="Par exemple « 4 boulevard de Provence, Metz » : le point se place sur la carte."
            />
          </div>
          <div className="fr-fieldset__element">
            <ErrorMessage message={sectors.error} />
            <SectorMap
              className="psq-map--short"
              sectors={sectors.data ?? []}
              tiles={meta.mapTiles}
              label="Carte pour choisir le lieu"
              describedBy="aide-lieu"
              styleOf={() => ({ color: '#000091' })}
              onMapClick={(latitude, longitude) => {
                setLat(latitude.toFixed(5).replace('.', ','));
                setLon(longitude.toFixed(5).replace('.', ','));
              }}
              marker={point}
              focusOn={focusOn}
            />
          </div>
          <div className="fr-fieldset__element">
            <Input
              label="Latitude"
              hintText="En degrés décimaux, par exemple 49,1058"
              {...fieldState(form.errors.lat)}
              nativeInputProps={{
                name: 'latitude',
                inputMode: 'decimal',
                value: lat,
                onChange: (e) => setLat(e.target.value),
              }}
            />
            <Input
              label="Longitude"
              hintText="En degrés décimaux, par exemple 6,2255"
              nativeInputProps={{
                name: 'longitude',
                inputMode: 'decimal',
                value: lon,
                onChange: (e) => setLon(e.target.value),
              }}
            />
            <Input
              label="Précision sur le lieu (facultatif)"
              hintText="Par exemple : parking du boulevard de Provence"
              {...fieldState(form.errors.placeLabel)}
              nativeInputProps={{
                name: 'placeLabel',
                maxLength: 200,
                value: placeLabel,
                onChange: (e) => setPlaceLabel(e.target.value),
              }}
            />
          </div>
        </fieldset>
        <PhotoField onChange={setAttachmentIds} onBusy={setUploading} serverError={form.errors.attachmentIds} />
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend">Comment vous répondre ?</legend>
          <div className="fr-fieldset__element">
            {anonymity !== 'anonymous' && (
              <Input
                label="Nom (facultatif)"
                {...fieldState(form.errors.name)}
                nativeInputProps={{
                  name: 'name',
                  autoComplete: 'name',
                  maxLength: 120,
                  value: name,
                  onChange: (e) => setName(e.target.value),
                }}
              />
            )}
            <Input
              label="Adresse e-mail"
              hintText="Vous y recevrez la référence et le lien de suivi."
              {...fieldState(form.errors.email)}
              nativeInputProps={{
                name: 'email',
                type: 'email',
                autoComplete: 'email',
                value: email,
                onChange: (e) => setEmail(e.target.value),
              }}
            />
            <Input
              label="Téléphone (facultatif)"
              hintText="Pour une réponse par SMS."
              {...fieldState(form.errors.phone)}
              nativeInputProps={{
                name: 'phone',
                type: 'tel',
                autoComplete: 'tel',
                value: phone,
                onChange: (e) => setPhone(e.target.value),
              }}
            />
            <Checkbox
              options={[
                {
                  label: 'Je ne souhaite pas de réponse',
                  nativeInputProps: {
                    name: 'noAnswerWanted',
                    checked: noAnswer,
                    onChange: (e) => setNoAnswer(e.target.checked),
                  },
                },
              ]}
            />
          </div>
        </fieldset>
        <RadioButtons
          legend="Votre identité"
          name="anonymity"
          {...fieldState(form.errors.anonymity)}
          options={ANONYMITY.map((option) => ({
            label: option.label,
            hintText: option.hint,
            nativeInputProps: {
              value: option.value,
              checked: anonymity === option.value,
              onChange: () => setAnonymity(option.value),
            },
          }))}
        />
        {/* Honeypot: people never see nor reach it; bots fill every field. */}
        <div className="psq-honeypot" aria-hidden="true">
          <label htmlFor="website">Site web (ne pas remplir)</label>
          <input
            id="website"
            name="website"
            type="text"
            tabIndex={-1}
            autoComplete="off"
            value={website}
            onChange={(e) => setWebsite(e.target.value)}
          />
        </div>
        <Button type="submit" iconId="fr-icon-send-plane-line" disabled={form.busy || uploading}>
          Envoyer ma demande
        </Button>
      </form>
    </>
  );
}

function Receipt({ receipt }: { receipt: RequestReceipt }) {
  useDocumentTitle('Demande envoyée');
  const path = `/suivi/${receipt.trackingToken}`;
  const heading = useRef<HTMLHeadingElement>(null);
  // The form is replaced in place: the focus moves to the confirmation so that it is read out.
  useEffect(() => heading.current?.focus(), []);
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        Demande envoyée
      </h1>
      <div className="fr-alert fr-alert--success fr-mb-3w" role="status">
        <p>
          Votre demande est enregistrée sous la référence <strong data-testid="reference">{receipt.reference}</strong>
          {receipt.sector ? ` et transmise au secteur ${receipt.sector.name}.` : '.'}
        </p>
      </div>
      <p>Conservez ce lien personnel : il permet de suivre votre demande et d’y répondre. Ne le partagez pas.</p>
      <p>
        <AppLink href={path}>{receipt.trackingUrl}</AppLink>
      </p>
      {receipt.confirmationSent && (
        <p className="fr-text--sm">Un e-mail de confirmation avec ce lien vous a été envoyé.</p>
      )}
    </>
  );
}
