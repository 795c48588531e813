import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useState, type FormEvent } from 'react';
import type { Municipality } from '../../../shared/territory/territory.schemas.ts';
import { territoryContracts } from '../../../shared/territory/territory.contracts.ts';
import { call } from '../../client/call.ts';
import {
  byName,
  districtLabel,
  municipalityLabel,
  DepartmentSelect,
  defaultDepartmentId,
} from '../../components/territory-display.tsx';
import { useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { AdminBreadcrumb, DeleteButton, ErrorMessage, Loading, SuccessMessage } from '../../components/page-parts.tsx';
import { focusFirstField } from '../../forms/fields.ts';
import { FormActions } from '../../forms/form-actions.tsx';
import { useForm } from '../../forms/use-form.ts';

export function MunicipalitiesPage() {
  useDocumentTitle('Communes');
  const departments = useAsync(() => call(territoryContracts.departments).then((r) => r.items), []);
  const [chosenDepartment, setDepartmentId] = useState('');
  const departmentId = chosenDepartment || defaultDepartmentId(departments.data);
  const districts = useAsync(
    () =>
      departmentId
        ? call(territoryContracts.districts, { query: { departmentId } }).then((r) => r.items)
        : Promise.resolve([]),
    [departmentId],
  );
  const municipalities = useAsync(
    () =>
      departmentId
        ? call(territoryContracts.municipalities, { query: { departmentId } }).then((r) => r.items)
        : Promise.resolve([]),
    [departmentId],
  );
  const action = useForm();
  const [editing, setEditing] = useState<Municipality | null>(null);
  const [districtId, setDistrictId] = useState('');
  const [inseeCode, setInseeCode] = useState('');
  const [name, setName] = useState('');
  const department = departments.data?.find((d) => d.id === departmentId);
  const sortedDistricts = [...(districts.data ?? [])].sort(byName);
  const districtName = (id: string) => sortedDistricts.find((d) => d.id === id)?.name ?? '—';

  function startEdit(municipality: Municipality): void {
    action.clear();
    setEditing(municipality);
    setDistrictId(municipality.districtId);
    setName(municipality.name);
    focusFirstField('formulaire-commune');
  }

  function reset(): void {
    setEditing(null);
    setDistrictId('');
    setInseeCode('');
    setName('');
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!districtId) {
      action.setGeneral('Choisissez la circonscription de la commune.');
      return;
    }
    const trimmed = name.trim();
    const ok = editing
      ? await action.send(
          () =>
            call(territoryContracts.updateMunicipality, {
              params: { id: editing.id },
              body: { districtId, name: trimmed },
            }),
          `La commune « ${trimmed} » a été modifiée.`,
        )
      : await action.send(
          () =>
            call(territoryContracts.createMunicipality, {
              body: { districtId, inseeCode: inseeCode.trim().toUpperCase(), name: trimmed },
            }),
          `La commune « ${trimmed} » a été créée.`,
        );
    if (ok) {
      reset();
      municipalities.reload();
    }
  }

  async function remove(municipality: Municipality): Promise<void> {
    if (
      await action.send(
        () => call(territoryContracts.deleteMunicipality, { params: { id: municipality.id } }),
        `La commune « ${municipality.name} » a été supprimée.`,
      )
    ) {
      if (editing?.id === municipality.id) reset();
      municipalities.reload();
    }
  }

  const rows = [...(municipalities.data ?? [])].sort(byName).map((municipality) => [
    municipality.inseeCode,
    municipality.name,
    districtName(municipality.districtId),
    <span className="psq-actions" key="actions">
      <Button
        size="small"
        priority="secondary"
        iconId="fr-icon-edit-line"
        onClick={() => startEdit(municipality)}
        nativeButtonProps={{ 'aria-label': `Modifier la commune ${municipality.name}` }}
      >
        Modifier
      </Button>
      <DeleteButton label={`Supprimer la commune ${municipality.name}`} onConfirm={() => remove(municipality)} />
    </span>,
  ]);

  return (
    <>
      <AdminBreadcrumb current="Communes" />
      <h1>Communes</h1>
      <ErrorMessage message={action.general ?? departments.error ?? districts.error ?? municipalities.error} />
      <SuccessMessage message={action.success} />
      {departments.data && (
        <DepartmentSelect
          className="psq-narrow"
          departments={departments.data}
          value={departmentId}
          onChange={(id) => {
            setDepartmentId(id);
            reset();
            action.clear();
          }}
        />
      )}
      {municipalities.loading && !municipalities.data ? (
        <Loading />
      ) : (
        <Table
          caption={`Communes du département ${department?.name ?? ''}`}
          headers={['Code INSEE', 'Nom', 'Circonscription', 'Actions']}
          data={rows}
          bordered
          className="psq-table"
        />
      )}
      {municipalities.data && municipalities.data.length === 0 && <p>Aucune commune dans ce département.</p>}

      {departmentId && (
        <form
          id="formulaire-commune"
          className="psq-form fr-mt-4w"
          onSubmit={(event) => void submit(event)}
          aria-labelledby="formulaire-commune-titre"
        >
          <h2 id="formulaire-commune-titre" className="fr-h4">
            {editing
              ? `Modifier la commune ${municipalityLabel(editing)}`
              : `Ajouter une commune au département ${department?.name ?? ''}`}
          </h2>
          {sortedDistricts.length === 0 && <p>Créez d’abord une circonscription dans ce département.</p>}
          <Select
            label="Circonscription"
            nativeSelectProps={{
              name: 'circonscription',
              required: true,
              value: districtId,
              onChange: (e) => setDistrictId(e.target.value),
            }}
          >
            <option value="" disabled>
              Sélectionnez une circonscription
            </option>
            {sortedDistricts.map((district) => (
              <option key={district.id} value={district.id}>
                {districtLabel(district)}
              </option>
            ))}
          </Select>
          {!editing && (
            <Input
              label="Code INSEE de la commune"
              hintText="Cinq caractères, par exemple 57463 pour Metz."
              nativeInputProps={{
                name: 'insee',
                required: true,
                maxLength: 5,
                value: inseeCode,
                onChange: (e) => setInseeCode(e.target.value),
              }}
            />
          )}
          <Input
            label="Nom de la commune"
            nativeInputProps={{
              name: 'nom',
              required: true,
              maxLength: 200,
              value: name,
              onChange: (e) => setName(e.target.value),
            }}
          />
          <FormActions
            editing={editing !== null}
            busy={action.busy}
            onCancel={reset}
            createLabel="Ajouter la commune"
          />
        </form>
      )}
    </>
  );
}
