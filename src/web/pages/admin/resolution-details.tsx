import type { Resolution } from '../../../shared/territory.schemas.ts';
import { departmentLabel, districtKindLabels, forceLabels, municipalityLabel } from '../../app/labels.ts';

export function ResolutionDetails({ resolution }: { resolution: Resolution }) {
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
