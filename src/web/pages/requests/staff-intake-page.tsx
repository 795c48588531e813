import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState, type FormEvent } from 'react';
import type { StaffRequestCreate, StaffRequestReceipt } from '../../../shared/requests/staff-intake.schemas.ts';
import { REQUEST_CATEGORY_LABELS, type RequestCategory } from '../../../shared/requests/requests.schemas.ts';
import { call } from '../../client/call.ts';
import { staffIntakeContracts } from '../../../shared/requests/staff-intake.contracts.ts';
import { territoryContracts } from '../../../shared/territory/territory.contracts.ts';
import { useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { AppLink } from '../../app/router.tsx';
import { AddressSearch, type PickedAddress } from '../../components/address-search.tsx';
import { ErrorMessage } from '../../components/page-parts.tsx';
import { fieldState } from '../../forms/fields.ts';
import { useForm } from '../../forms/use-form.ts';
import { formatCoordinate, labelOptions, parseCoordinate } from './request-display.tsx';

const FORM_ID = 'formulaire-appel';
const ANONYMITY: { value: StaffRequestCreate['anonymity']; label: string }[] = [
  { value: 'named', label: 'L’appelant peut être nommé' },
  { value: 'police_only', label: 'Identité connue de la police seulement' },
  { value: 'anonymous', label: 'Anonyme' },
];

/** `/demandes/nouvelle` « Enregistrer un appel » : a request taken by phone, placed by coordinates or by the sector concerned. */
export function StaffIntakePage() {
  useDocumentTitle('Enregistrer un appel');
  const sectors = useAsync(() => call(territoryContracts.sectors).then((r) => r.items), []);
  const [category, setCategory] = useState<RequestCategory | ''>('');
  const [description, setDescription] = useState('');
  const [sectorId, setSectorId] = useState('');
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const [placeLabel, setPlaceLabel] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [noAnswer, setNoAnswer] = useState(false);
  const [anonymity, setAnonymity] = useState<StaffRequestCreate['anonymity']>('police_only');
  const [confidential, setConfidential] = useState(false);
  const [receipt, setReceipt] = useState<StaffRequestReceipt | null>(null);
  // The caller's contact errors show under the e-mail, the point's under the latitude.
  const form = useForm({ formId: FORM_ID, fieldMap: { contact: 'email', point: 'lat' } });

  /** The caller's address gives the point (the sector follows from it) and, if none was typed, the place's label. */
  function pickAddress(address: PickedAddress): void {
    setLat(formatCoordinate(address.lat));
    setLon(formatCoordinate(address.lon));
    setPlaceLabel((current) => current.trim() || address.label);
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const refused: Record<string, string> = {};
    const point = lat.trim() && lon.trim() ? { lat: parseCoordinate(lat), lon: parseCoordinate(lon) } : null;
    if (!category) refused.category = 'Choisissez une catégorie.';
    if (description.trim().length < 10) refused.description = 'Notez ce que dit l’appelant en 10 caractères au moins.';
    if (point && (!Number.isFinite(point.lat) || !Number.isFinite(point.lon)))
      refused.lat = 'Coordonnées invalides : degrés décimaux, par exemple 49,1058.';
    if (!point && !sectorId) refused.sectorId = 'Choisissez le secteur concerné ou indiquez des coordonnées.';
    if (!form.check(refused) || !category) return;
    const contact = {
      name: anonymity === 'anonymous' ? undefined : name.trim() || undefined,
      email: email.trim() || undefined,
      phone: phone.trim() || undefined,
    };
    const body: StaffRequestCreate = {
      category,
      description: description.trim(),
      anonymity,
      confidential,
      noAnswerWanted: noAnswer,
      ...(point ? { point } : { sectorId }),
      ...(placeLabel.trim() ? { placeLabel: placeLabel.trim() } : {}),
      ...(contact.name || contact.email || contact.phone ? { contact } : {}),
    };
    void form.send(async () => setReceipt(await call(staffIntakeContracts.recordCall, { body })));
  }

  if (receipt) {
    return (
      <>
        <h1>Appel enregistré</h1>
        <div className="fr-alert fr-alert--success fr-mb-3w" role="status">
          <p>
            Demande <AppLink href={`/demandes/${receipt.id}`}>{receipt.reference}</AppLink> enregistrée
            {receipt.sector ? ` pour le secteur ${receipt.sector.name}` : ''}.
            {receipt.confirmationSent ? ' L’appelant reçoit la référence et son lien de suivi.' : ''}
          </p>
        </div>
        <p>
          <AppLink href="/demandes">Retour aux demandes</AppLink>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Enregistrer un appel</h1>
      <ErrorMessage message={form.general ?? sectors.error} />
      <form id={FORM_ID} onSubmit={submit} noValidate>
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
          label="Ce que dit l’appelant"
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
          <legend className="fr-fieldset__legend">Où ?</legend>
          <div className="fr-fieldset__element">
            <AddressSearch
              embedded
              onPick={pickAddress}
              label="Adresse indiquée par l’appelant"
              hint="Le point choisi remplit la latitude et la longitude."
              unavailableText="Recherche d’adresse indisponible : choisissez le secteur ou indiquez les coordonnées."
            />
          </div>
          <div className="fr-fieldset__element">
            <Select
              label="Secteur concerné"
              hint="Sans coordonnées, la demande va à ce secteur."
              {...fieldState(form.errors.sectorId)}
              nativeSelectProps={{ name: 'sectorId', value: sectorId, onChange: (e) => setSectorId(e.target.value) }}
            >
              <option value="">Choisissez un secteur</option>
              {(sectors.data ?? []).map((sector) => (
                <option key={sector.id} value={sector.id}>
                  {sector.name} ({sector.code})
                </option>
              ))}
            </Select>
            <Input
              label="Latitude (facultatif)"
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
              label="Longitude (facultatif)"
              nativeInputProps={{
                name: 'longitude',
                inputMode: 'decimal',
                value: lon,
                onChange: (e) => setLon(e.target.value),
              }}
            />
            <Input
              label="Précision sur le lieu (facultatif)"
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
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend">L’appelant</legend>
          <div className="fr-fieldset__element">
            {anonymity !== 'anonymous' && (
              <Input
                label="Nom (facultatif)"
                {...fieldState(form.errors.name)}
                nativeInputProps={{
                  name: 'name',
                  maxLength: 120,
                  value: name,
                  onChange: (e) => setName(e.target.value),
                }}
              />
            )}
            <Input
              label="Adresse e-mail (facultatif)"
              hintText="Il y recevra la référence et le lien de suivi."
              {...fieldState(form.errors.email)}
              nativeInputProps={{
                name: 'email',
                type: 'email',
                value: email,
                onChange: (e) => setEmail(e.target.value),
              }}
            />
            <Input
              label="Téléphone (facultatif)"
              hintText="Sans e-mail, la référence part par SMS."
              {...fieldState(form.errors.phone)}
              nativeInputProps={{ name: 'phone', type: 'tel', value: phone, onChange: (e) => setPhone(e.target.value) }}
            />
            <Checkbox
              options={[
                {
                  label: 'L’appelant ne souhaite pas de réponse',
                  nativeInputProps: {
                    name: 'noAnswerWanted',
                    checked: noAnswer,
                    onChange: (e) => setNoAnswer(e.target.checked),
                  },
                },
                {
                  label: 'Demande confidentielle',
                  nativeInputProps: {
                    name: 'confidential',
                    checked: confidential,
                    onChange: (e) => setConfidential(e.target.checked),
                  },
                },
              ]}
            />
          </div>
        </fieldset>
        <RadioButtons
          legend="Identité de l’appelant"
          name="anonymity"
          options={ANONYMITY.map((o) => ({
            label: o.label,
            nativeInputProps: { value: o.value, checked: anonymity === o.value, onChange: () => setAnonymity(o.value) },
          }))}
        />
        <Button type="submit" iconId="fr-icon-save-line" disabled={form.busy}>
          Enregistrer la demande
        </Button>
      </form>
    </>
  );
}
