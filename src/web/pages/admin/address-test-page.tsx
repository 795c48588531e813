import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useRef, useState, type FormEvent } from 'react';
import type { Resolution } from '../../../shared/territory/territory.schemas.ts';
import { ApiError, errorMessage } from '../../client/http.ts';
import { territoryContracts } from '../../../shared/territory/territory.contracts.ts';
import { call } from '../../client/call.ts';
import { useMeta } from '../../app/layout.tsx';
import { useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { AdminBreadcrumb, ErrorMessage } from '../../components/page-parts.tsx';
import {
  DepartmentSelect,
  defaultDepartmentId,
  departmentLabel,
  districtKindLabels,
  forceLabels,
  municipalityLabel,
} from '../../components/territory-display.tsx';
import { SectorMap } from '../../maps/sector-map.tsx';

type Outcome = { kind: 'found'; resolution: Resolution } | { kind: 'none' } | { kind: 'error'; message: string };

/** Accepts « 49,1 » as well as « 49.1 ». */
function parseCoordinate(text: string): number {
  const value = text.trim().replace(',', '.');
  return value === '' ? Number.NaN : Number(value);
}

const format = (value: number) => String(Math.round(value * 1e6) / 1e6);

export function AddressTestPage() {
  useDocumentTitle('Test d’adresse');
  const meta = useMeta();
  const departments = useAsync(() => call(territoryContracts.departments).then((r) => r.items), []);
  const [chosenDepartment, setDepartmentId] = useState('');
  const departmentId = chosenDepartment || defaultDepartmentId(departments.data);
  const sectors = useAsync(
    () =>
      departmentId
        ? call(territoryContracts.sectors, { query: { departmentId } }).then((r) => r.items)
        : Promise.resolve([]),
    [departmentId],
  );
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const [point, setPoint] = useState<{ lat: number; lon: number } | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const requestId = useRef(0);

  async function resolve(latitude: number, longitude: number): Promise<void> {
    const id = ++requestId.current;
    setPoint({ lat: latitude, lon: longitude });
    setOutcome(null);
    try {
      const resolution = await call(territoryContracts.resolve, { query: { lat: latitude, lon: longitude } });
      if (id === requestId.current) setOutcome({ kind: 'found', resolution });
    } catch (cause) {
      if (id !== requestId.current) return;
      if (cause instanceof ApiError && cause.status === 404) setOutcome({ kind: 'none' });
      else setOutcome({ kind: 'error', message: errorMessage(cause) });
    }
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const latitude = parseCoordinate(lat);
    const longitude = parseCoordinate(lon);
    if (!Number.isFinite(latitude) || latitude < -90 || latitude > 90)
      return setFormError('La latitude doit être un nombre entre -90 et 90 (par exemple 49.1128).');
    if (!Number.isFinite(longitude) || longitude < -180 || longitude > 180)
      return setFormError('La longitude doit être un nombre entre -180 et 180 (par exemple 6.2123).');
    setFormError(null);
    void resolve(latitude, longitude);
  }

  function clicked(latitude: number, longitude: number): void {
    setLat(format(latitude));
    setLon(format(longitude));
    setFormError(null);
    void resolve(latitude, longitude);
  }

  return (
    <>
      <AdminBreadcrumb current="Test d’adresse" />
      <h1>Test d’adresse</h1>
      <p>
        Vérifiez à quel secteur, commune, circonscription et département appartient un point : cliquez sur la carte ou
        saisissez ses coordonnées.
      </p>
      <ErrorMessage message={departments.error ?? sectors.error} />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-8">
          {departments.data && (
            <DepartmentSelect
              className="psq-narrow"
              label="Département affiché sur la carte"
              departments={departments.data}
              value={departmentId}
              onChange={setDepartmentId}
            />
          )}
          <p id="aide-carte-test" className="fr-text--sm">
            Cliquez sur la carte pour placer un repère : le secteur correspondant s’affiche à côté. Le formulaire de
            coordonnées permet la même recherche au clavier.
          </p>
          <SectorMap
            sectors={sectors.data ?? []}
            tiles={meta.mapTiles}
            label="Carte de test d’adresse"
            describedBy="aide-carte-test"
            styleOf={() => ({ color: '#000091' })}
            onMapClick={clicked}
            marker={point}
          />
        </div>
        <div className="fr-col-12 fr-col-lg-4">
          <form className="psq-form" onSubmit={submit} noValidate aria-labelledby="coordonnees-titre">
            <h2 id="coordonnees-titre" className="fr-h5">
              Rechercher par coordonnées
            </h2>
            <ErrorMessage message={formError} />
            <Input
              label="Latitude"
              hintText="En degrés décimaux WGS84, par exemple 49.1128."
              nativeInputProps={{
                name: 'latitude',
                inputMode: 'decimal',
                autoComplete: 'off',
                value: lat,
                onChange: (e) => setLat(e.target.value),
              }}
            />
            <Input
              label="Longitude"
              hintText="En degrés décimaux WGS84, par exemple 6.2123."
              nativeInputProps={{
                name: 'longitude',
                inputMode: 'decimal',
                autoComplete: 'off',
                value: lon,
                onChange: (e) => setLon(e.target.value),
              }}
            />
            <Button type="submit" iconId="fr-icon-search-line">
              Rechercher le secteur
            </Button>
          </form>
          <section className="fr-mt-4w" aria-labelledby="resultat-titre">
            <h2 id="resultat-titre" className="fr-h5">
              Résultat
            </h2>
            <div aria-live="polite" aria-atomic="true">
              {outcome === null && (
                <p className="fr-text--sm">{point ? 'Recherche en cours…' : 'Aucun point choisi pour le moment.'}</p>
              )}
              {outcome?.kind === 'none' && <p className="psq-result-none">Aucun secteur à cet endroit.</p>}
              {outcome?.kind === 'error' && <p className="fr-error-text">{outcome.message}</p>}
              {outcome?.kind === 'found' && <ResolutionDetails resolution={outcome.resolution} />}
            </div>
          </section>
        </div>
      </div>
    </>
  );
}

function ResolutionDetails({ resolution }: { resolution: Resolution }) {
  const { sector, municipality, district, department } = resolution;
  return (
    <dl className="psq-facts" data-testid="resultat">
      <dt>Secteur</dt>
      <dd>
        {sector.name} <span className="psq-code">({sector.code})</span>
      </dd>
      <dt>Commune</dt>
      <dd>{municipalityLabel(municipality)}</dd>
      <dt>{districtKindLabels[district.force]}</dt>
      <dd>
        {district.name} — {forceLabels[district.force]}
      </dd>
      <dt>Département</dt>
      <dd>{departmentLabel(department)}</dd>
    </dl>
  );
}
