import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useEffect, useRef, useState } from 'react';
import type { AlertCommune } from '../../../shared/alerts/alerts.schemas.ts';
import type { Sector } from '../../../shared/territory/territory.schemas.ts';
import { alertContracts } from '../../../shared/alerts/alerts.contracts.ts';
import { call } from '../../client/call.ts';
import { ApiError, errorMessage } from '../../client/http.ts';
import { territoryContracts } from '../../../shared/territory/territory.contracts.ts';
import { useAsync } from '../../app/hooks.ts';
import { useMeta } from '../../app/layout.tsx';
import { ErrorMessage, Loading } from '../../components/page-parts.tsx';
import { plural } from '../../components/territory-display.tsx';
import { SectorMap } from '../../maps/sector-map.tsx';

export interface ClickedPoint {
  lat: number;
  lon: number;
  communeId: string;
}

/** Above this many communes the map shows the default département instead of one request per commune. */
const PER_COMMUNE_LIMIT = 20;

/** The sectors of the communes I may alert: the outlines drawn on the map (no tiles needed offline). */
async function sectorsOf(communes: AlertCommune[]): Promise<Sector[]> {
  const ids = new Set(communes.map((commune) => commune.id));
  if (communes.length <= PER_COMMUNE_LIMIT) {
    const lists = await Promise.all(
      communes.map((commune) =>
        call(territoryContracts.sectors, { query: { municipalityId: commune.id } }).then((r) => r.items),
      ),
    );
    return lists.flat();
  }
  const map = await call(territoryContracts.map);
  return map.sectors.filter((sector) => ids.has(sector.municipalityId));
}

function contactsHint(commune: AlertCommune): string {
  if (commune.contacts === 0) return 'Aucun contact enregistré';
  return (
    `${plural(commune.contacts, 'contact')}, ` + `${plural(commune.reachableNow, 'joignable', 'joignables')} maintenant`
  );
}

/**
 * Communes to alert: ticked in the list of my territory's communes (filtered by name) and/or found by
 * a click on the map, resolved by the server to the commune at that point.
 */
export function AlertCommunePicker({
  selected,
  onChange,
  point,
  onPoint,
}: {
  selected: AlertCommune[];
  onChange: (communes: AlertCommune[]) => void;
  point: ClickedPoint | null;
  onPoint: (point: ClickedPoint | null) => void;
}) {
  const meta = useMeta();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const all = useAsync(() => call(alertContracts.communes).then((r) => r.items), []);
  const found = useAsync(
    () => (q ? call(alertContracts.communes, { query: { q } }).then((r) => r.items) : Promise.resolve(null)),
    [q],
  );
  const sectors = useAsync(() => (all.data ? sectorsOf(all.data) : Promise.resolve([])), [all.data]);
  const [mapMessage, setMapMessage] = useState<string | null>(null);
  const clickId = useRef(0);

  useEffect(() => {
    const timer = window.setTimeout(() => setQ(search.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [search]);

  const listed = found.data ?? all.data ?? [];
  const selectedIds = new Set(selected.map((commune) => commune.id));

  function toggle(commune: AlertCommune, checked: boolean): void {
    onChange(checked ? [...selected, commune] : selected.filter((c) => c.id !== commune.id));
    if (!checked && point?.communeId === commune.id) onPoint(null);
  }

  async function clicked(lat: number, lon: number): Promise<void> {
    const id = ++clickId.current;
    setMapMessage('Recherche de la commune…');
    try {
      const commune = await call(alertContracts.communes, { query: { lat, lon } }).then((r) => r.items[0] ?? null);
      if (id !== clickId.current) return;
      if (!commune) return setMapMessage('Aucune commune de votre territoire à cet endroit.');
      onPoint({ lat, lon, communeId: commune.id });
      if (!selectedIds.has(commune.id)) onChange([...selected, commune]);
      setMapMessage(`Point placé : commune de ${commune.name} (${contactsHint(commune).toLowerCase()}).`);
    } catch (cause) {
      if (id !== clickId.current) return;
      setMapMessage(
        cause instanceof ApiError && cause.status === 404
          ? 'Ce point n’est dans aucune commune de votre territoire.'
          : errorMessage(cause),
      );
    }
  }

  return (
    <section aria-labelledby="communes-titre">
      <h2 id="communes-titre" className="fr-h5">
        Communes à alerter
      </h2>
      <p className="fr-text--sm">
        Cochez une ou plusieurs communes de votre territoire, ou cliquez sur la carte à l’endroit de l’intervention.
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-5">
          <ErrorMessage message={all.error ?? found.error} />
          <Input
            label="Filtrer les communes par nom"
            nativeInputProps={{
              type: 'search',
              name: 'filtre-communes',
              autoComplete: 'off',
              value: search,
              onChange: (event) => setSearch(event.target.value),
            }}
          />
          {all.loading && !all.data ? (
            <Loading label="Chargement des communes…" />
          ) : listed.length === 0 ? (
            <p className="fr-text--sm">Aucune commune ne correspond.</p>
          ) : (
            <div className="psq-scroll-list">
              <Checkbox
                small
                legend="Communes de votre territoire"
                options={listed.map((commune) => ({
                  label: `${commune.name} (${commune.inseeCode})`,
                  hintText: contactsHint(commune),
                  nativeInputProps: {
                    name: 'communes',
                    value: commune.id,
                    checked: selectedIds.has(commune.id),
                    onChange: (event) => toggle(commune, event.target.checked),
                  },
                }))}
              />
            </div>
          )}
          <p className="fr-text--sm" aria-live="polite">
            {selected.length === 0
              ? 'Aucune commune choisie.'
              : `Communes choisies : ${selected.map((c) => c.name).join(', ')}.`}
          </p>
        </div>
        <div className="fr-col-12 fr-col-md-7">
          <p id="aide-carte-alerte" className="fr-text--sm fr-mb-1w">
            Carte des secteurs de votre territoire : un clic place le point de l’intervention et ajoute sa commune.
          </p>
          <SectorMap
            className="psq-map--short"
            sectors={sectors.data ?? []}
            tiles={meta.mapTiles}
            label="Carte du point d’intervention"
            describedBy="aide-carte-alerte"
            styleOf={(sector) => ({ color: selectedIds.has(sector.municipalityId) ? '#c9191e' : '#000091' })}
            onMapClick={(lat, lon) => void clicked(lat, lon)}
            marker={point}
          />
          <p className="fr-text--sm fr-mt-1w" role="status">
            {mapMessage}
          </p>
        </div>
      </div>
    </section>
  );
}
