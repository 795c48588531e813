import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Open311ClientCreated } from '../../../shared/open311.schemas.ts';
import { useAction, useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { open311Api } from '../../client/open311-api.ts';
import { AdminBreadcrumb, ErrorMessage, Loading, SuccessMessage } from '../../components/page-parts.tsx';

const dateTime = (iso: string) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(iso));

/** The key, once: focused so that a screen reader reads it, with what to do with it. */
function NewKey({ created }: { created: Open311ClientCreated }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className="fr-mb-3w">
      <Alert
        severity="success"
        title={`Clé de l’application « ${created.client.name} »`}
        description={
          <>
            <span className="fr-mb-1w" style={{ display: 'block' }}>Copiez-la maintenant et transmettez-la par un canal sûr : elle ne sera plus jamais affichée (seule son empreinte est conservée).</span>
            <code style={{ wordBreak: 'break-all' }}>{created.apiKey}</code>
          </>
        }
      />
    </div>
  );
}

/** `/admin/open311`: the client applications allowed to submit requests through Open311, and their API keys. */
export function Open311ClientsPage() {
  useDocumentTitle('Applications Open311');
  const clients = useAsync(() => open311Api.clients(), []);
  const action = useAction();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<Open311ClientCreated | null>(null);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    let result: Open311ClientCreated | undefined;
    const ok = await action.run(async () => (result = await open311Api.create(name.trim())), 'Application créée.');
    if (ok && result) {
      setCreated(result);
      setName('');
      clients.reload();
    }
  }

  async function revoke(id: string, clientName: string) {
    if (!window.confirm(`Révoquer la clé de « ${clientName} » ? L’application ne pourra plus déposer de demandes.`)) return;
    setCreated(null);
    if (await action.run(() => open311Api.revoke(id), `Clé de « ${clientName} » révoquée.`)) clients.reload();
  }

  return (
    <>
      <AdminBreadcrumb current="Applications Open311" />
      <h1>Applications Open311</h1>
      <p>
        Les applications clientes déposent des demandes par l’API Open311 GeoReport v2 (<code>/open311/v2/</code>) avec leur clé (<code>api_key</code>). La liste publique des
        demandes n’a pas besoin de clé.
      </p>
      {created && <NewKey created={created} />}
      <ErrorMessage message={action.error} />
      {!created && <SuccessMessage message={action.success} />}
      <form onSubmit={create} aria-label="Nouvelle application" className="fr-mb-4w">
        <Input label="Nom de l’application" hintText="Par exemple : application de la ville, portail de signalement" nativeInputProps={{ name: 'name', required: true, maxLength: 120, value: name, onChange: (e) => setName(e.target.value) }} />
        <Button type="submit" iconId="fr-icon-lock-line" disabled={action.busy || !name.trim()}>
          Créer et afficher la clé
        </Button>
      </form>
      <ErrorMessage message={clients.error} />
      {clients.loading && !clients.data && <Loading />}
      {clients.data && clients.data.length === 0 && <p>Aucune application pour l’instant.</p>}
      {clients.data && clients.data.length > 0 && (
        <Table
          caption="Applications clientes"
          headers={['Nom', 'Créée le', 'État', 'Action']}
          data={clients.data.map((client) => [
            client.name,
            dateTime(client.createdAt),
            client.revokedAt ? `Révoquée le ${dateTime(client.revokedAt)}` : 'Active',
            client.revokedAt ? '—' : (
              <Button key="revoke" size="small" priority="secondary" onClick={() => revoke(client.id, client.name)} disabled={action.busy}>
                Révoquer<span className="fr-sr-only"> la clé de {client.name}</span>
              </Button>
            ),
          ])}
        />
      )}
    </>
  );
}
