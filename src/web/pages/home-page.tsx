import { CallOut } from '@codegouvfr/react-dsfr/CallOut';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useMemo } from 'react';
import type { Department, Sector, TerritoryMap } from '../../shared/territory/territory.schemas.ts';
import { territoryContracts } from '../../shared/territory/territory.contracts.ts';
import { call } from '../client/call.ts';
import {
  departmentLabel,
  districtKindLabels,
  forceLabels,
  municipalityLabel,
  plural,
} from '../components/territory-display.tsx';
import { useMeta } from '../app/layout.tsx';
import { AppLink, navigate, useLocation } from '../app/router.tsx';
import { useAsync, useDocumentTitle } from '../app/hooks.ts';
import { ErrorMessage, Loading } from '../components/page-parts.tsx';
import { paletteColor } from '../maps/leaflet-base.ts';
import { SectorMap } from '../maps/sector-map.tsx';
import { TerritoryList } from './territory-list.tsx';

const DEFAULT_DEPARTMENT = '57';

function chooseDepartment(departments: Department[], requested: string | null): string | null {
  if (requested && departments.some((d) => d.code === requested)) return requested;
  if (departments.some((d) => d.code === DEFAULT_DEPARTMENT)) return DEFAULT_DEPARTMENT;
  return departments[0]?.code ?? null;
}

/** Colour of each district, shared by the map outlines and the list's swatches. */
export function districtColors(map: TerritoryMap): Map<string, string> {
  return new Map(map.districts.map((district, index) => [district.id, paletteColor(index)]));
}

export function HomePage() {
  useDocumentTitle('Accueil');
  const meta = useMeta();
  const { search } = useLocation();
  const requested = search.get('departement');
  const departments = useAsync(() => call(territoryContracts.departments).then((r) => r.items), []);
  const code = departments.data ? chooseDepartment(departments.data, requested) : null;
  const territory = useAsync(
    () => (code ? call(territoryContracts.map, { query: { department: code } }) : Promise.resolve(null)),
    [code],
  );
  const map = territory.data && territory.data.department?.code === code ? territory.data : null;

  const lookups = useMemo(() => {
    if (!map) return null;
    const municipalities = new Map(map.municipalities.map((m) => [m.id, m]));
    const districts = new Map(map.districts.map((d) => [d.id, d]));
    return { municipalities, districts, colors: districtColors(map) };
  }, [map]);

  function districtOf(sector: Sector) {
    const municipality = lookups?.municipalities.get(sector.municipalityId);
    return { municipality, district: municipality ? lookups?.districts.get(municipality.districtId) : undefined };
  }

  return (
    <>
      <h1>Les secteurs de la sécurité du quotidien</h1>
      <p className="fr-text--lead">
        Chaque commune est découpée en secteurs, confiés à une circonscription de police ou à une compagnie de
        gendarmerie.
      </p>
      <CallOut
        title="Signaler un problème de sécurité près de chez vous"
        titleAs="h2"
        buttonProps={{ linkProps: { href: '/signaler' }, children: 'Signaler un problème' }}
      >
        Sans compte : votre demande parvient aux policiers ou gendarmes de votre secteur, et un lien personnel vous
        permet de la suivre.
      </CallOut>
      <CallOut
        title="Rencontrer le délégué à la cohésion police-population"
        titleAs="h2"
        buttonProps={{
          linkProps: { href: '/permanences/pres-de-chez-moi' },
          children: 'Trouver la prochaine permanence près de chez moi',
        }}
      >
        Des permanences ont lieu près de chez vous, sans rendez-vous : consultez{' '}
        <AppLink href="/permanences">le calendrier des permanences</AppLink>.
      </CallOut>
      <ErrorMessage message={departments.error ?? territory.error} />
      {departments.data && departments.data.length === 0 && <p>Aucun département n’est encore enregistré.</p>}
      {departments.data && departments.data.length > 0 && (
        <Select
          label="Département"
          className="psq-narrow"
          nativeSelectProps={{
            value: code ?? '',
            onChange: (event) => navigate(`/?departement=${encodeURIComponent(event.target.value)}`, { replace: true }),
          }}
        >
          {departments.data.map((department) => (
            <option key={department.id} value={department.code}>
              {departmentLabel(department)}
            </option>
          ))}
        </Select>
      )}
      {(departments.loading || territory.loading) && !map && <Loading />}
      {map && lookups && (
        <>
          <h2 className="fr-h4 fr-mt-4w">Carte des secteurs — {map.department?.name}</h2>
          <p id="carte-description" className="fr-text--sm">
            {plural(map.sectors.length, 'secteur')} dans {plural(map.municipalities.length, 'commune')} et{' '}
            {plural(map.districts.length, 'circonscription ou compagnie', 'circonscriptions ou compagnies')}. Trait
            plein : police nationale ; trait pointillé : gendarmerie nationale. La liste qui suit la carte en donne le
            contenu sous forme de texte.
          </p>
          <SectorMap
            sectors={map.sectors}
            tiles={meta.mapTiles}
            label={`Carte des secteurs du département ${map.department?.name ?? ''}`}
            describedBy="carte-description"
            styleOf={(sector) => {
              const { district } = districtOf(sector);
              return {
                color: (district && lookups.colors.get(district.id)) ?? '#3a3a3a',
                dashed: district?.force === 'gendarmerie',
              };
            }}
            describe={(sector) => {
              const { municipality, district } = districtOf(sector);
              return [
                sector.name,
                municipality ? `Commune : ${municipalityLabel(municipality)}` : '',
                district
                  ? `${districtKindLabels[district.force]} : ${district.name} (${forceLabels[district.force]})`
                  : '',
              ].filter(Boolean);
            }}
          />
          <TerritoryList map={map} colors={lookups.colors} />
        </>
      )}
    </>
  );
}
