import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useState, type FormEvent } from 'react';
import type { Department } from '../../../shared/territory/territory.schemas.ts';
import { territoryContracts } from '../../../shared/territory/territory.contracts.ts';
import { call } from '../../client/call.ts';
import { departmentLabel } from '../../components/territory-display.tsx';
import { useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { AdminBreadcrumb, DeleteButton, ErrorMessage, Loading, SuccessMessage } from '../../components/page-parts.tsx';
import { focusFirstField } from '../../forms/fields.ts';
import { FormActions } from '../../forms/form-actions.tsx';
import { useForm } from '../../forms/use-form.ts';

export function DepartmentsPage() {
  useDocumentTitle('Départements');
  const departments = useAsync(() => call(territoryContracts.departments).then((r) => r.items), []);
  const action = useForm();
  const [editing, setEditing] = useState<Department | null>(null);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');

  function startEdit(department: Department): void {
    action.clear();
    setEditing(department);
    setName(department.name);
    focusFirstField('formulaire-departement');
  }

  function reset(): void {
    setEditing(null);
    setCode('');
    setName('');
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const ok = editing
      ? await action.send(
          () => call(territoryContracts.updateDepartment, { params: { id: editing.id }, body: { name: name.trim() } }),
          `Le département ${editing.code} a été renommé « ${name.trim()} ».`,
        )
      : await action.send(
          () =>
            call(territoryContracts.createDepartment, { body: { code: code.trim().toUpperCase(), name: name.trim() } }),
          `Le département « ${name.trim()} » a été créé.`,
        );
    if (ok) {
      reset();
      departments.reload();
    }
  }

  async function remove(department: Department): Promise<void> {
    if (
      await action.send(
        () => call(territoryContracts.deleteDepartment, { params: { id: department.id } }),
        `Le département « ${department.name} » a été supprimé.`,
      )
    ) {
      if (editing?.id === department.id) reset();
      departments.reload();
    }
  }

  const rows = (departments.data ?? []).map((department) => [
    department.code,
    department.name,
    <span className="psq-actions" key="actions">
      <Button
        size="small"
        priority="secondary"
        iconId="fr-icon-edit-line"
        onClick={() => startEdit(department)}
        nativeButtonProps={{ 'aria-label': `Modifier le département ${department.name}` }}
      >
        Modifier
      </Button>
      <DeleteButton label={`Supprimer le département ${department.name}`} onConfirm={() => remove(department)} />
    </span>,
  ]);

  return (
    <>
      <AdminBreadcrumb current="Départements" />
      <h1>Départements</h1>
      <ErrorMessage message={action.general ?? departments.error} />
      <SuccessMessage message={action.success} />
      {departments.loading && !departments.data ? (
        <Loading />
      ) : (
        <Table
          caption="Liste des départements"
          headers={['Code', 'Nom', 'Actions']}
          data={rows}
          bordered
          className="psq-table"
        />
      )}
      {departments.data && departments.data.length === 0 && <p>Aucun département.</p>}

      <form
        id="formulaire-departement"
        className="psq-form fr-mt-4w"
        onSubmit={(event) => void submit(event)}
        aria-labelledby="formulaire-departement-titre"
      >
        <h2 id="formulaire-departement-titre" className="fr-h4">
          {editing ? `Modifier le département ${departmentLabel(editing)}` : 'Ajouter un département'}
        </h2>
        {!editing && (
          <Input
            label="Code du département"
            hintText="Code INSEE : 01 à 95, 2A, 2B ou 971 à 976."
            nativeInputProps={{
              name: 'code',
              required: true,
              maxLength: 3,
              value: code,
              onChange: (e) => setCode(e.target.value),
            }}
          />
        )}
        <Input
          label="Nom du département"
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
          createLabel="Ajouter le département"
        />
      </form>
    </>
  );
}
