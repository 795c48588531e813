import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useRef, useState, type FormEvent } from 'react';
import type { NearOfficeHours } from '../../../shared/office-hours/office-hours.schemas.ts';
import { ApiError, errorMessage } from '../../client/http.ts';
import { publicOfficeHoursContracts } from '../../../shared/office-hours/public.contracts.ts';
import { call } from '../../client/call.ts';
import { territoryContracts } from '../../../shared/territory/territory.contracts.ts';
import { useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { useMeta } from '../../app/layout.tsx';
import { AppLink, useLocation } from '../../app/router.tsx';
import { AddressSearch } from '../../components/address-search.tsx';
import { ErrorMessage } from '../../components/page-parts.tsx';
import { SectorMap } from '../../maps/sector-map.tsx';
import { BookingLink, DelegateFeedLink, OccurrenceText } from './office-hours-display.tsx';

const DEFAULT_DEPARTMENT = '57';

/** The sectors drawn on the map: the commune's when the visitor came from a commune's page, else the département's. */
async function sectorsToShow(commune: string | null) {
  const map = await call(territoryContracts.map, {
    query: { department: commune ? commune.slice(0, commune.startsWith('97') ? 3 : 2) : DEFAULT_DEPARTMENT },
  });
  const municipality = commune ? map.municipalities.find((m) => m.inseeCode === commune) : undefined;
  return municipality ? map.sectors.filter((sector) => sector.municipalityId === municipality.id) : map.sectors;
}

function distance(meters: number): string {
  return meters < 1000 ? `${meters} m` : `${(meters / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} km`;
}

/** Parses « 49,12 » or « 49.12 ». */
function coordinate(text: string): number {
  return Number(text.trim().replace(',', '.'));
}

/** « Trouver la prochaine permanence près de chez moi »: a point on the map or typed coordinates, resolved to its sector by the server. */
export function NearOfficeHoursPage() {
  useDocumentTitle('Trouver la prochaine permanence près de chez moi');
  const meta = useMeta();
  const { search } = useLocation();
  const commune = search.get('commune');
  const sectors = useAsync(() => sectorsToShow(commune), [commune]);
  const [point, setPoint] = useState<{ lat: number; lon: number } | null>(null);
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const [result, setResult] = useState<NearOfficeHours | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const searchId = useRef(0);

  async function find(latitude: number, longitude: number): Promise<void> {
    const id = ++searchId.current;
    setPoint({ lat: latitude, lon: longitude });
    setBusy(true);
    setError(null);
    try {
      const found = await call(publicOfficeHoursContracts.near, { query: { lon: longitude, lat: latitude } });
      if (id === searchId.current) setResult(found);
    } catch (cause) {
      if (id !== searchId.current) return;
      setResult(null);
      setError(
        cause instanceof ApiError && cause.status === 404
          ? 'Ce point n’est dans aucun secteur couvert par la plateforme : choisissez un autre endroit.'
          : errorMessage(cause),
      );
    } finally {
      if (id === searchId.current) setBusy(false);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const latitude = coordinate(lat);
    const longitude = coordinate(lon);
    if (
      !lat.trim() ||
      !lon.trim() ||
      !Number.isFinite(latitude) ||
      !Number.isFinite(longitude) ||
      Math.abs(latitude) > 90 ||
      Math.abs(longitude) > 180
    ) {
      setError(
        'Indiquez une latitude entre -90 et 90 et une longitude entre -180 et 180, ' +
          'en degrés décimaux (par exemple 49,1197 et 6,1755).',
      );
      return;
    }
    void find(latitude, longitude);
  }

  return (
    <>
      <Breadcrumb
        className="fr-mt-0 fr-mb-3w"
        homeLinkProps={{ href: '/' }}
        segments={[
          { label: 'Permanences', linkProps: { href: commune ? `/permanences/commune/${commune}` : '/permanences' } },
        ]}
        currentPageLabel="Près de chez moi"
      />
      <h1>Trouver la prochaine permanence près de chez moi</h1>
      <p className="fr-text--lead">
        Saisissez votre adresse, cliquez sur la carte à l’endroit où vous habitez ou indiquez ses coordonnées : la
        prochaine permanence de votre secteur s’affiche.
      </p>
      <h2 className="fr-h5">Par adresse</h2>
      <AddressSearch onPick={(address) => void find(address.lat, address.lon)} label="Mon adresse" />
      <p className="fr-text--sm">
        Vos coordonnées s’obtiennent aussi dans l’application de cartes de votre téléphone (appui long sur un lieu).
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-7">
          <p id="aide-carte-permanence" className="fr-text--sm fr-mb-1w">
            Carte des secteurs (sans fond de plan) : un clic choisit le point de recherche.
          </p>
          <ErrorMessage message={sectors.error} />
          <SectorMap
            className="psq-map--short"
            sectors={sectors.data ?? []}
            tiles={meta.mapTiles}
            label="Carte pour choisir mon domicile"
            describedBy="aide-carte-permanence"
            styleOf={() => ({ color: '#000091' })}
            onMapClick={(latitude, longitude) => {
              setLat(latitude.toFixed(5).replace('.', ','));
              setLon(longitude.toFixed(5).replace('.', ','));
              void find(latitude, longitude);
            }}
            marker={point}
          />
        </div>
        <form className="fr-col-12 fr-col-md-5" onSubmit={submit} noValidate aria-labelledby="coordonnees-titre">
          <h2 id="coordonnees-titre" className="fr-h5">
            Par coordonnées
          </h2>
          <Input
            label="Latitude"
            hintText="En degrés décimaux, par exemple 49,1197"
            nativeInputProps={{
              name: 'latitude',
              inputMode: 'decimal',
              value: lat,
              onChange: (e) => setLat(e.target.value),
            }}
          />
          <Input
            label="Longitude"
            hintText="En degrés décimaux, par exemple 6,1755"
            nativeInputProps={{
              name: 'longitude',
              inputMode: 'decimal',
              value: lon,
              onChange: (e) => setLon(e.target.value),
            }}
          />
          <Button type="submit" iconId="fr-icon-search-line" disabled={busy}>
            Rechercher
          </Button>
        </form>
      </div>
      <section aria-labelledby="resultat-titre" className="fr-mt-4w" aria-live="polite">
        <h2 id="resultat-titre" className="fr-h4">
          Résultat
        </h2>
        <ErrorMessage message={error} />
        {busy && <p className="fr-text--sm psq-loading">Recherche…</p>}
        {!result && !error && !busy && <p className="fr-text--sm">Aucun point choisi pour l’instant.</p>}
        {result && <NearResult result={result} />}
      </section>
    </>
  );
}

function NearResult({ result }: { result: NearOfficeHours }) {
  return (
    <>
      <p data-testid="secteur-trouve">
        Votre point est dans le secteur <strong>{result.sector.name}</strong>, commune de {result.municipality.name}.
      </p>
      {result.items.length === 0 ? (
        <p>Aucune permanence n’est annoncée dans cette commune pour le moment.</p>
      ) : (
        <ol className="psq-oh-dates">
          {result.items.map((item) => (
            <li key={item.venue.id}>
              <strong>{item.venue.name}</strong> ({item.venue.address}, à {distance(item.distanceMeters)})
              {item.sameSector ? ' — dans votre secteur' : ''}
              <span className="psq-oh-note">
                Prochaine permanence : <OccurrenceText occurrence={item.next} />
              </span>
              <BookingLink occurrence={item.next} where={item.venue.name} />
              <DelegateFeedLink delegateUserId={item.next.delegateUserId} where={item.venue.name} />
            </li>
          ))}
        </ol>
      )}
      <p>
        <AppLink href={`/permanences/commune/${result.municipality.inseeCode}`}>
          Toutes les permanences de {result.municipality.name}
        </AppLink>
      </p>
    </>
  );
}
