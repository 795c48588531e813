import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Open311Client, Open311ClientCreated } from '../../../shared/requests/open311.schemas.ts';
import { roleHas } from '../../../shared/permissions.ts';
import { formatDateTime } from '../../../shared/format/french-dates.ts';
import { useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { open311ClientContracts } from '../../../shared/requests/open311.contracts.ts';
import { call } from '../../client/call.ts';
import { fullySignedIn, useSession } from '../../client/session.ts';
import { AdminBreadcrumb, ConfirmButton, ErrorMessage, Loading, SuccessMessage } from '../../components/page-parts.tsx';
import { useForm } from '../../forms/use-form.ts';

const departmentLabel = ({ department }: Open311Client) => `${department.name} (${department.code})`;

/** The départements whose applications the user manages (roles held on the département itself). */
function useManagedDepartments(): { id: string; name: string }[] {
  const session = useSession();
  if (!fullySignedIn(session)) return [];
  const held = session.me.user.roles.filter((a) => a.scopeType === 'department' && roleHas(a.role, 'open311.manage'));
  return [...new Map(held.map((a) => [a.scopeId, { id: a.scopeId, name: a.scopeName }])).values()];
}

/** The key, once: focused so that a screen reader reads it, with what to do with it. */
function NewKey({ created }: { created: Open311ClientCreated }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className="fr-mb-3w">
      <Alert
        severity="success"
        title={`Clé de l’application « ${created.client.name} » (${departmentLabel(created.client)})`}
        description={
          <>
            <span className="fr-mb-1w" style={{ display: 'block' }}>
              Copiez-la maintenant et transmettez-la par un canal sûr : elle ne sera plus jamais affichée (seule son
              empreinte est conservée).
            </span>
            <code style={{ wordBreak: 'break-all' }}>{created.apiKey}</code>
          </>
        }
      />
    </div>
  );
}

/**
 * `/admin/open311`: the client applications of the administrator's départements, allowed to submit
 * requests through Open311, and their API keys. An administrator of several départements chooses
 * the new application's one; a key submits anywhere (requests are routed by their point).
 */
export function Open311ClientsPage() {
  useDocumentTitle('Applications Open311');
  const clients = useAsync(() => call(open311ClientContracts.list).then((r) => r.items), []);
  const action = useForm();
  const [name, setName] = useState('');
  const departments = useManagedDepartments();
  const [departmentId, setDepartmentId] = useState('');
  const several = departments.length > 1;
  const [created, setCreated] = useState<Open311ClientCreated | null>(null);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    let result: Open311ClientCreated | undefined;
    const ok = await action.send(
      async () =>
        (result = await call(open311ClientContracts.create, {
          body: several && departmentId ? { name: name.trim(), departmentId } : { name: name.trim() },
        })),
      'Application créée.',
    );
    if (ok && result) {
      setCreated(result);
      setName('');
      clients.reload();
    }
  }

  async function revoke(id: string, clientName: string) {
    setCreated(null);
    if (
      await action.send(
        () => call(open311ClientContracts.revoke, { params: { id } }),
        `Clé de « ${clientName} » révoquée.`,
      )
    )
      clients.reload();
  }

  return (
    <>
      <AdminBreadcrumb current="Applications Open311" />
      <h1>Applications Open311</h1>
      <p>
        Les applications clientes déposent des demandes par l’API Open311 GeoReport v2 (<code>/open311/v2/</code>) avec
        leur clé (<code>api_key</code>). La liste publique des demandes n’a pas besoin de clé. Chaque application relève
        d’un département, dont les administrateurs la gèrent ; sa clé dépose des demandes partout, chacune étant
        orientée selon son lieu.
      </p>
      {created && <NewKey created={created} />}
      <ErrorMessage message={action.general} />
      {!created && <SuccessMessage message={action.success} />}
      <form onSubmit={create} aria-label="Nouvelle application" className="fr-mb-4w">
        {several && (
          <Select
            label="Département de l’application"
            hint="Vous administrez plusieurs départements : choisissez celui dont relève l’application."
            nativeSelectProps={{
              name: 'departmentId',
              required: true,
              value: departmentId,
              onChange: (e) => setDepartmentId(e.target.value),
            }}
          >
            <option value="" disabled>
              Choisir un département
            </option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </Select>
        )}
        <Input
          label="Nom de l’application"
          hintText="Par exemple : application de la ville, portail de signalement"
          nativeInputProps={{
            name: 'name',
            required: true,
            maxLength: 120,
            value: name,
            onChange: (e) => setName(e.target.value),
          }}
        />
        <Button
          type="submit"
          iconId="fr-icon-lock-line"
          disabled={action.busy || !name.trim() || (several && !departmentId)}
        >
          Créer et afficher la clé
        </Button>
      </form>
      <ErrorMessage message={clients.error} />
      {clients.loading && !clients.data && <Loading />}
      {clients.data && clients.data.length === 0 && <p>Aucune application pour l’instant.</p>}
      {clients.data && clients.data.length > 0 && (
        <Table
          caption="Applications clientes"
          headers={['Nom', 'Département', 'Créée le', 'État', 'Action']}
          data={clients.data.map((client) => [
            client.name,
            departmentLabel(client),
            formatDateTime(client.createdAt, 'short'),
            client.revokedAt ? `Révoquée le ${formatDateTime(client.revokedAt, 'short')}` : 'Active',
            client.revokedAt ? (
              '—'
            ) : (
              <ConfirmButton
                key="revoke"
                size="small"
                danger
                iconId="fr-icon-close-circle-line"
                label="Révoquer"
                accessibleLabel={`Révoquer la clé de ${client.name}`}
                confirmLabel={`Confirmer : « ${client.name} » ne pourra plus déposer de demandes`}
                onConfirm={() => revoke(client.id, client.name)}
              />
            ),
          ])}
        />
      )}
    </>
  );
}
