import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useState, type FormEvent } from 'react';
import type { District, Force } from '../../../shared/territory/territory.schemas.ts';
import { territoryContracts } from '../../../shared/territory/territory.contracts.ts';
import { call } from '../../client/call.ts';
import { byName, forceLabels, DepartmentSelect, defaultDepartmentId } from '../../components/territory-display.tsx';
import { useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { AdminBreadcrumb, DeleteButton, ErrorMessage, Loading, SuccessMessage } from '../../components/page-parts.tsx';
import { focusFirstField } from '../../forms/fields.ts';
import { FormActions } from '../../forms/form-actions.tsx';
import { useForm } from '../../forms/use-form.ts';

export function DistrictsPage() {
  useDocumentTitle('Circonscriptions');
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
  const action = useForm();
  const [editing, setEditing] = useState<District | null>(null);
  const [name, setName] = useState('');
  const [force, setForce] = useState<Force>('police');
  const department = departments.data?.find((d) => d.id === departmentId);

  function startEdit(district: District): void {
    action.clear();
    setEditing(district);
    setName(district.name);
    setForce(district.force);
    focusFirstField('formulaire-circonscription');
  }

  function reset(): void {
    setEditing(null);
    setName('');
    setForce('police');
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const body = { name: name.trim(), force };
    const ok = editing
      ? await action.send(
          () => call(territoryContracts.updateDistrict, { params: { id: editing.id }, body }),
          `La circonscription « ${body.name} » a été modifiée.`,
        )
      : await action.send(
          () => call(territoryContracts.createDistrict, { body: { departmentId, ...body } }),
          `La circonscription « ${body.name} » a été créée.`,
        );
    if (ok) {
      reset();
      districts.reload();
    }
  }

  async function remove(district: District): Promise<void> {
    if (
      await action.send(
        () => call(territoryContracts.deleteDistrict, { params: { id: district.id } }),
        `La circonscription « ${district.name} » a été supprimée.`,
      )
    ) {
      if (editing?.id === district.id) reset();
      districts.reload();
    }
  }

  const rows = [...(districts.data ?? [])].sort(byName).map((district) => [
    district.name,
    forceLabels[district.force],
    <span className="psq-actions" key="actions">
      <Button
        size="small"
        priority="secondary"
        iconId="fr-icon-edit-line"
        onClick={() => startEdit(district)}
        nativeButtonProps={{ 'aria-label': `Modifier la circonscription ${district.name}` }}
      >
        Modifier
      </Button>
      <DeleteButton label={`Supprimer la circonscription ${district.name}`} onConfirm={() => remove(district)} />
    </span>,
  ]);

  return (
    <>
      <AdminBreadcrumb current="Circonscriptions" />
      <h1>Circonscriptions</h1>
      <p>Circonscriptions de police et compagnies de gendarmerie, rattachées à un département.</p>
      <ErrorMessage message={action.general ?? departments.error ?? districts.error} />
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
      {districts.loading && !districts.data ? (
        <Loading />
      ) : (
        <Table
          caption={`Circonscriptions du département ${department?.name ?? ''}`}
          headers={['Nom', 'Force', 'Actions']}
          data={rows}
          bordered
          className="psq-table"
        />
      )}
      {districts.data && districts.data.length === 0 && <p>Aucune circonscription dans ce département.</p>}

      {departmentId && (
        <form
          id="formulaire-circonscription"
          className="psq-form fr-mt-4w"
          onSubmit={(event) => void submit(event)}
          aria-labelledby="formulaire-circonscription-titre"
        >
          <h2 id="formulaire-circonscription-titre" className="fr-h4">
            {editing
              ? `Modifier la circonscription ${editing.name}`
              : `Ajouter une circonscription au département ${department?.name ?? ''}`}
          </h2>
          <Input
            label="Nom de la circonscription"
            hintText="Par exemple : Metz, ou Compagnie de Sarrebourg."
            nativeInputProps={{
              name: 'nom',
              required: true,
              maxLength: 200,
              value: name,
              onChange: (e) => setName(e.target.value),
            }}
          />
          <Select
            label="Force"
            nativeSelectProps={{ name: 'force', value: force, onChange: (e) => setForce(e.target.value as Force) }}
          >
            <option value="police">{forceLabels.police}</option>
            <option value="gendarmerie">{forceLabels.gendarmerie}</option>
          </Select>
          <FormActions
            editing={editing !== null}
            busy={action.busy}
            onCancel={reset}
            createLabel="Ajouter la circonscription"
          />
        </form>
      )}
    </>
  );
}
