import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useState, type FormEvent } from 'react';
import { requestsApi } from '../../client/requests-api.ts';
import { api } from '../../client/territory-api.ts';
import { useAction, useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { AdminBreadcrumb, DeleteButton, ErrorMessage, FormActions, Loading, SuccessMessage } from '../../components/page-parts.tsx';

/**
 * `/admin/boites-mail`: the addresses the platform's SMTP listener receives for. A message to a
 * sector's address becomes a request of that sector; a département's address (« fourre-tout »)
 * lands in the département's inbox.
 */
export function MailboxesPage() {
  useDocumentTitle('Boîtes e-mail des secteurs');
  const mailboxes = useAsync(() => requestsApi.mailboxes(), []);
  const places = useAsync(() => Promise.all([api.departments(), api.sectors()]), []);
  const action = useAction();
  const [address, setAddress] = useState('');
  const [target, setTarget] = useState('');
  const departmentName = (id: string) => places.data?.[0].find((d) => d.id === id)?.name ?? 'département';

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const [kind, id] = target.split(':');
    const body = { address: address.trim(), ...(kind === 'sector' ? { sectorId: id } : { departmentId: id }) };
    if (await action.run(() => requestsApi.addMailbox(body), `L’adresse ${body.address.toLowerCase()} est maintenant reçue par la plateforme.`)) {
      setAddress('');
      setTarget('');
      mailboxes.reload();
    }
  }

  async function remove(id: string, label: string): Promise<void> {
    if (await action.run(() => requestsApi.deleteMailbox(id), `L’adresse ${label} n’est plus reçue.`)) mailboxes.reload();
  }

  const rows = (mailboxes.data ?? []).map((mailbox) => [
    mailbox.address,
    mailbox.sector ? `Secteur ${mailbox.sector.name} (${mailbox.sector.code})` : `Tout le département : ${departmentName(mailbox.departmentId)}`,
    <DeleteButton key="supprimer" label={`Ne plus recevoir ${mailbox.address}`} onConfirm={() => remove(mailbox.id, mailbox.address)} />,
  ]);

  return (
    <>
      <AdminBreadcrumb current="Boîtes e-mail des secteurs" />
      <h1>Boîtes e-mail des secteurs</h1>
      <p>
        Les messages envoyés à ces adresses deviennent des demandes du secteur (canal e-mail, catégorie « Autre » à préciser au tri). Le domaine de l’adresse doit
        acheminer son courrier vers le serveur SMTP de la plateforme (réglage <code>INBOUND_SMTP_PORT</code>) ; une adresse inconnue y est refusée.
      </p>
      <ErrorMessage message={action.error ?? mailboxes.error ?? places.error} />
      <SuccessMessage message={action.success} />
      {mailboxes.loading && !mailboxes.data ? <Loading /> : <Table caption="Adresses reçues" headers={['Adresse', 'Destination', 'Actions']} data={rows} bordered className="psq-table" />}
      {mailboxes.data && mailboxes.data.length === 0 && <p>Aucune adresse n’est encore reçue.</p>}

      <form id="formulaire-boite" className="psq-form fr-mt-4w" onSubmit={(event) => void submit(event)} aria-labelledby="formulaire-boite-titre">
        <h2 id="formulaire-boite-titre" className="fr-h4">
          Recevoir une adresse
        </h2>
        <Input label="Adresse e-mail" hintText="Par exemple : secteur-borny@police.example" nativeInputProps={{ name: 'address', type: 'email', required: true, maxLength: 254, value: address, onChange: (e) => setAddress(e.target.value) }} />
        <Select label="Destination" nativeSelectProps={{ name: 'target', required: true, value: target, onChange: (e) => setTarget(e.target.value) }}>
          <option value="" disabled>
            Choisissez un secteur ou un département
          </option>
          {places.data?.[1].map((sector) => (
            <option key={sector.id} value={`sector:${sector.id}`}>
              Secteur {sector.name} ({sector.code})
            </option>
          ))}
          {places.data?.[0].map((department) => (
            <option key={department.id} value={`department:${department.id}`}>
              Tout le département : {department.name}
            </option>
          ))}
        </Select>
        <FormActions editing={false} busy={action.busy} onCancel={() => setAddress('')} createLabel="Recevoir cette adresse" />
      </form>
    </>
  );
}
