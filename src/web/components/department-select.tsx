import { Select } from '@codegouvfr/react-dsfr/Select';
import type { Department } from '../../shared/territory.schemas.ts';
import { departmentLabel } from '../app/labels.ts';

/** Default choice of a département filter: Moselle (57) when present, else the first one. */
export function defaultDepartmentId(departments: Department[] | undefined): string {
  if (!departments || departments.length === 0) return '';
  return (departments.find((d) => d.code === '57') ?? departments[0]).id;
}

export function DepartmentSelect({
  departments,
  value,
  onChange,
  label = 'Département',
  allLabel,
  className,
}: {
  departments: Department[];
  value: string;
  onChange: (id: string) => void;
  label?: string;
  /** When set, an option « all départements » with an empty value. */
  allLabel?: string;
  className?: string;
}) {
  return (
    <Select label={label} className={className} nativeSelectProps={{ value, onChange: (event) => onChange(event.target.value), required: !allLabel }}>
      {allLabel !== undefined && <option value="">{allLabel}</option>}
      {!allLabel && value === '' && (
        <option value="" disabled>
          Sélectionnez un département
        </option>
      )}
      {departments.map((department) => (
        <option key={department.id} value={department.id}>
          {departmentLabel(department)}
        </option>
      ))}
    </Select>
  );
}
