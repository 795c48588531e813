import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState, type FormEvent } from 'react';
import type { OfficeHourVenue, OfficeHourVenueCreate } from '../../../shared/office-hours/office-hours.schemas.ts';
import type { Sector } from '../../../shared/territory/territory.schemas.ts';
import { roleHas } from '../../../shared/permissions.ts';
import { fullySignedIn, useSession, type SessionState } from '../../client/session.ts';
import { territoryContracts } from '../../../shared/territory/territory.contracts.ts';
import { call } from '../../client/call.ts';
import { useAsync } from '../../app/hooks.ts';
import { useMeta } from '../../app/layout.tsx';
import { ErrorMessage } from '../../components/page-parts.tsx';
import { fieldState } from '../../forms/fields.ts';
import { FormActions } from '../../forms/form-actions.tsx';
import { useForm } from '../../forms/use-form.ts';
import { SectorMap } from '../../maps/sector-map.tsx';

/** The sectors of the territory where I manage office hours: the outlines on which a venue is placed. */
async function territorySectors(session: SessionState): Promise<Sector[]> {
  if (!fullySignedIn(session)) return [];
  const scopes = session.me.user.roles.filter((assignment) => roleHas(assignment.role, 'office-hours.manage'));
  const lists = await Promise.all(
    scopes.map(async (scope): Promise<Sector[]> => {
      if (scope.scopeType === 'sector')
        return [await call(territoryContracts.sector, { params: { id: scope.scopeId } })];
      if (scope.scopeType === 'municipality')
        return call(territoryContracts.sectors, { query: { municipalityId: scope.scopeId } }).then((r) => r.items);
      if (scope.scopeType === 'department')
        return call(territoryContracts.sectors, { query: { departmentId: scope.scopeId } }).then((r) => r.items);
      const communes = await call(territoryContracts.municipalities, { query: { districtId: scope.scopeId } }).then(
        (r) => r.items,
      );
      return (
        await Promise.all(
          communes.map((commune) =>
            call(territoryContracts.sectors, { query: { municipalityId: commune.id } }).then((r) => r.items),
          ),
        )
      ).flat();
    }),
  );
  return [...new Map(lists.flat().map((sector) => [sector.id, sector])).values()];
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;
const number = (text: string) => Number(text.trim().replace(',', '.'));

/** Add or edit a venue: name, address, accessibility and its point (a click on the sector map or typed coordinates). */
export function VenueForm({
  venue,
  onSubmit,
  onCancel,
}: {
  venue: OfficeHourVenue | null;
  onSubmit: (body: OfficeHourVenueCreate) => Promise<unknown>;
  onCancel: () => void;
}) {
  const meta = useMeta();
  const session = useSession();
  const sectors = useAsync(() => territorySectors(session), [session.status]);
  const [name, setName] = useState(venue?.name ?? '');
  const [address, setAddress] = useState(venue?.address ?? '');
  const [notes, setNotes] = useState(venue?.accessibilityNotes ?? '');
  const [lat, setLat] = useState(venue ? String(venue.lat) : '');
  const [lon, setLon] = useState(venue ? String(venue.lon) : '');
  // A point outside every sector (or my territory) is reported on `lon`: shown under the latitude, the first coordinate field.
  const { errors, general, busy, check, send } = useForm({ fieldMap: { lon: 'lat' } });
  const point =
    lat && lon && Number.isFinite(number(lat)) && Number.isFinite(number(lon))
      ? { lat: number(lat), lon: number(lon) }
      : null;
  const formId = venue ? 'formulaire-lieu-modifier' : 'formulaire-lieu';

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!name.trim()) missing.name = 'Indiquez le nom du lieu.';
    if (!address.trim()) missing.address = 'Indiquez l’adresse du lieu.';
    if (!point) missing.lat = 'Cliquez sur la carte à l’emplacement du lieu, ou saisissez sa latitude et sa longitude.';
    if (!check(missing) || !point) return;
    await send(() =>
      onSubmit({
        name: name.trim(),
        address: address.trim(),
        lat: point.lat,
        lon: point.lon,
        accessibilityNotes: notes.trim() || null,
      }),
    );
  }

  return (
    <form
      id={formId}
      className="psq-form--wide fr-mt-4w"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby={`${formId}-titre`}
    >
      <h2 id={`${formId}-titre`} className="fr-h4">
        {venue ? `Modifier le lieu « ${venue.name} »` : 'Ajouter un lieu de permanence'}
      </h2>
      <ErrorMessage message={general} />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-5">
          <Input
            label="Nom du lieu"
            {...fieldState(errors.name)}
            nativeInputProps={{ name: 'nom', maxLength: 120, value: name, onChange: (e) => setName(e.target.value) }}
          />
          <Input
            label="Adresse"
            {...fieldState(errors.address)}
            nativeInputProps={{
              name: 'adresse',
              maxLength: 300,
              autoComplete: 'off',
              value: address,
              onChange: (e) => setAddress(e.target.value),
            }}
          />
          <Input
            label="Accessibilité (facultatif)"
            hintText="Accès de plain-pied, ascenseur, boucle magnétique…"
            textArea
            {...fieldState(errors.accessibilityNotes)}
            nativeTextAreaProps={{
              name: 'accessibilite',
              rows: 3,
              maxLength: 1000,
              value: notes,
              onChange: (e) => setNotes(e.target.value),
            }}
          />
          <Input
            label="Latitude"
            hintText="En degrés décimaux ; un clic sur la carte la remplit."
            {...fieldState(errors.lat)}
            nativeInputProps={{
              name: 'latitude',
              inputMode: 'decimal',
              value: lat,
              onChange: (e) => setLat(e.target.value),
            }}
          />
          <Input
            label="Longitude"
            nativeInputProps={{
              name: 'longitude',
              inputMode: 'decimal',
              value: lon,
              onChange: (e) => setLon(e.target.value),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-7">
          <p id={`${formId}-aide-carte`} className="fr-text--sm fr-mb-1w">
            Secteurs de votre territoire : un clic place le lieu. Son secteur et sa commune en découlent.
          </p>
          <SectorMap
            className="psq-map--short"
            sectors={sectors.data ?? []}
            tiles={meta.mapTiles}
            label="Carte pour placer le lieu"
            describedBy={`${formId}-aide-carte`}
            styleOf={() => ({ color: '#000091' })}
            onMapClick={(latitude, longitude) => {
              setLat(String(round(latitude)));
              setLon(String(round(longitude)));
            }}
            marker={point}
          />
        </div>
      </div>
      <FormActions editing={venue !== null} busy={busy} onCancel={onCancel} createLabel="Ajouter le lieu" />
    </form>
  );
}
