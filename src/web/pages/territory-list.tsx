import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { TerritoryMap } from '../../shared/territory/territory.schemas.ts';
import { byName, districtKindLabels, forceLabels, municipalityLabel } from '../components/territory-display.tsx';

/** The textual alternative of the map: districts → communes → sectors. */
export function TerritoryList({ map, colors }: { map: TerritoryMap; colors: Map<string, string> }) {
  const districts = [...map.districts].sort(byName);
  return (
    <section className="fr-mt-6w" aria-labelledby="liste-territoire">
      <h2 id="liste-territoire" className="fr-h4">
        Circonscriptions, communes et secteurs
      </h2>
      {districts.length === 0 && <p>Aucune circonscription n’est enregistrée pour ce département.</p>}
      <div className="psq-district-grid">
        {districts.map((district) => {
          const municipalities = map.municipalities.filter((m) => m.districtId === district.id).sort(byName);
          return (
            <section key={district.id} className="psq-district" aria-labelledby={`circonscription-${district.id}`}>
              <h3 id={`circonscription-${district.id}`} className="fr-h6 fr-mb-1w">
                <span className="psq-swatch" style={{ borderColor: colors.get(district.id) }} aria-hidden="true" />
                {district.name}
              </h3>
              <p className="fr-mb-2w">
                <Badge as="span" small noIcon severity={district.force === 'police' ? 'info' : 'success'}>
                  {forceLabels[district.force]}
                </Badge>{' '}
                <span className="fr-text--sm">{districtKindLabels[district.force]}</span>
              </p>
              {municipalities.length === 0 ? (
                <p className="fr-text--sm">Aucune commune.</p>
              ) : (
                <ul className="psq-tree">
                  {municipalities.map((municipality) => {
                    const sectors = map.sectors.filter((s) => s.municipalityId === municipality.id).sort(byName);
                    return (
                      <li key={municipality.id}>
                        <strong>{municipalityLabel(municipality)}</strong>
                        {sectors.length === 0 ? (
                          <span className="fr-text--sm"> — aucun secteur</span>
                        ) : (
                          <ul>
                            {sectors.map((sector) => (
                              <li key={sector.id}>
                                {sector.name} <span className="psq-code">({sector.code})</span>
                              </li>
                            ))}
                          </ul>
                        )}
                      </li>
                    );
                  })}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </section>
  );
}
