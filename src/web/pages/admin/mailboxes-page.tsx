import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useState, type FormEvent } from 'react';
import type { Mailbox } from '../../../shared/requests/attachments.schemas.ts';
import { mailboxContracts } from '../../../shared/requests/mailboxes.contracts.ts';
import { call } from '../../client/call.ts';
import { territoryContracts } from '../../../shared/territory/territory.contracts.ts';
import { useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { formatDateTime } from '../../../shared/format/french-dates.ts';
import {
  AdminBreadcrumb,
  ConfirmButton,
  DeleteButton,
  ErrorMessage,
  Loading,
  SuccessMessage,
} from '../../components/page-parts.tsx';
import { focusFirstField } from '../../forms/fields.ts';
import { FormActions } from '../../forms/form-actions.tsx';
import { useForm } from '../../forms/use-form.ts';
import { ImapSourceForm, IMAP_FORM_ID } from './mailbox-imap-form.tsx';

/** What the last IMAP run of a mailbox did, for its row. */
function ImapStatus({ mailbox }: { mailbox: Mailbox }) {
  const imap = mailbox.imap;
  if (!imap) return <span>Non (réception SMTP seulement)</span>;
  const security = imap.security === 'tls' ? 'TLS' : imap.security === 'starttls' ? 'STARTTLS' : 'sans chiffrement';
  return (
    <>
      <span>
        {imap.user} sur {imap.host}:{imap.port} ({security}), dossier « {imap.folder} »
      </span>
      <br />
      {imap.lastError ? (
        <>
          <Badge as="span" small severity="error">
            Échec
          </Badge>{' '}
          <span>
            {imap.lastError} ({formatDateTime(imap.lastRunAt)})
          </span>
        </>
      ) : imap.lastSuccessAt ? (
        <>
          <Badge as="span" small severity="success">
            Relevée
          </Badge>{' '}
          <span>
            le {formatDateTime(imap.lastSuccessAt)} : {imap.lastSummary}
          </span>
        </>
      ) : (
        <span>Pas encore relevée.</span>
      )}
    </>
  );
}

/**
 * `/admin/boites-mail`: the addresses the platform's SMTP listener receives for. A message to a
 * sector's address becomes a request of that sector; a département's address (« fourre-tout »)
 * lands in the département's inbox. Each address may also be fetched by IMAP from the
 * sector's existing mailbox (form below the table, status of the last run in its row).
 */
export function MailboxesPage() {
  useDocumentTitle('Boîtes e-mail des secteurs');
  const mailboxes = useAsync(() => call(mailboxContracts.list).then((r) => r.items), []);
  const places = useAsync(
    () =>
      Promise.all([
        call(territoryContracts.departments).then((r) => r.items),
        call(territoryContracts.sectors).then((r) => r.items),
      ]),
    [],
  );
  const action = useForm();
  const [address, setAddress] = useState('');
  const [target, setTarget] = useState('');
  const [imapFor, setImapFor] = useState<Mailbox | null>(null);
  const departmentName = (id: string) => places.data?.[0].find((d) => d.id === id)?.name ?? 'département';

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const [kind, id] = target.split(':');
    const body = { address: address.trim(), ...(kind === 'sector' ? { sectorId: id } : { departmentId: id }) };
    if (
      await action.send(
        () => call(mailboxContracts.create, { body }),
        `L’adresse ${body.address.toLowerCase()} est maintenant reçue par la plateforme.`,
      )
    ) {
      setAddress('');
      setTarget('');
      mailboxes.reload();
    }
  }

  async function remove(id: string, label: string): Promise<void> {
    if (
      await action.send(() => call(mailboxContracts.remove, { params: { id } }), `L’adresse ${label} n’est plus reçue.`)
    )
      mailboxes.reload();
  }

  async function fetchNow(mailbox: Mailbox): Promise<void> {
    let after: Mailbox | undefined;
    const ok = await action.send(async () => {
      after = await call(mailboxContracts.fetchImap, { params: { id: mailbox.id } });
    }, `Relève de ${mailbox.address} terminée.`);
    if (ok && after?.imap?.lastError) action.setGeneral(`Relève de ${mailbox.address} : ${after.imap.lastError}`);
    if (ok && after?.imap && !after.imap.lastError)
      action.setSuccess(`Relève de ${mailbox.address} : ${after.imap.lastSummary ?? 'terminée.'}`);
    mailboxes.reload();
  }

  async function stopImap(mailbox: Mailbox): Promise<void> {
    if (
      await action.send(
        () => call(mailboxContracts.removeImap, { params: { id: mailbox.id } }),
        `${mailbox.address} n’est plus relevée par IMAP (la réception SMTP continue).`,
      )
    )
      mailboxes.reload();
  }

  function editImap(mailbox: Mailbox): void {
    action.clear();
    setImapFor(mailbox);
    focusFirstField(IMAP_FORM_ID);
  }

  const rows = (mailboxes.data ?? []).map((mailbox) => [
    mailbox.address,
    mailbox.sector
      ? `Secteur ${mailbox.sector.name} (${mailbox.sector.code})`
      : `Tout le département : ${departmentName(mailbox.departmentId)}`,
    <ImapStatus key="imap" mailbox={mailbox} />,
    <ul key="actions" className="fr-btns-group fr-btns-group--sm fr-btns-group--inline fr-btns-group--icon-left">
      <li>
        <Button
          size="small"
          priority="secondary"
          iconId="fr-icon-settings-5-line"
          onClick={() => editImap(mailbox)}
          nativeButtonProps={{
            'aria-label': `${mailbox.imap ? 'Modifier la relève IMAP de' : 'Relever par IMAP'} ${mailbox.address}`,
          }}
        >
          {mailbox.imap ? 'Modifier IMAP' : 'Relever par IMAP'}
        </Button>
      </li>
      {mailbox.imap && (
        <li>
          <Button
            size="small"
            priority="secondary"
            iconId="fr-icon-refresh-line"
            disabled={action.busy}
            onClick={() => void fetchNow(mailbox)}
            nativeButtonProps={{ 'aria-label': `Relever maintenant ${mailbox.address}` }}
          >
            Relever maintenant
          </Button>
        </li>
      )}
      {mailbox.imap && (
        <li>
          <ConfirmButton
            size="small"
            label="Arrêter IMAP"
            accessibleLabel={`Ne plus relever ${mailbox.address} par IMAP`}
            confirmLabel="Confirmer l’arrêt"
            iconId="fr-icon-close-circle-line"
            onConfirm={() => stopImap(mailbox)}
          />
        </li>
      )}
      <li>
        <DeleteButton
          label={`Ne plus recevoir ${mailbox.address}`}
          onConfirm={() => remove(mailbox.id, mailbox.address)}
        />
      </li>
    </ul>,
  ]);

  return (
    <>
      <AdminBreadcrumb current="Boîtes e-mail des secteurs" />
      <h1>Boîtes e-mail des secteurs</h1>
      <p>
        Les messages envoyés à ces adresses deviennent des demandes du secteur (canal e-mail, catégorie « Autre » à
        préciser au tri). Le domaine de l’adresse doit acheminer son courrier vers le serveur SMTP de la plateforme
        (réglage <code>INBOUND_SMTP_PORT</code>) ; une adresse inconnue y est refusée.
      </p>
      <p>
        Une adresse peut aussi être <strong>relevée par IMAP</strong> dans la boîte existante du secteur : chaque
        minute, les messages non lus deviennent des demandes puis sont marqués comme lus. Un message refusé (trop
        volumineux, réponse automatique, demande close) reste non lu dans la boîte, avec un drapeau.
      </p>
      <ErrorMessage message={action.general ?? mailboxes.error ?? places.error} />
      <SuccessMessage message={action.success} />
      {mailboxes.loading && !mailboxes.data ? (
        <Loading />
      ) : (
        <Table
          caption="Adresses reçues"
          headers={['Adresse', 'Destination', 'Relève IMAP', 'Actions']}
          data={rows}
          bordered
          className="psq-table"
        />
      )}
      {mailboxes.data && mailboxes.data.length === 0 && <p>Aucune adresse n’est encore reçue.</p>}

      <form
        id="formulaire-boite"
        className="psq-form fr-mt-4w"
        onSubmit={(event) => void submit(event)}
        aria-labelledby="formulaire-boite-titre"
      >
        <h2 id="formulaire-boite-titre" className="fr-h4">
          Recevoir une adresse
        </h2>
        <Input
          label="Adresse e-mail"
          hintText="Par exemple : secteur-borny@police.example"
          nativeInputProps={{
            name: 'address',
            type: 'email',
            required: true,
            maxLength: 254,
            value: address,
            onChange: (e) => setAddress(e.target.value),
          }}
        />
        <Select
          label="Destination"
          nativeSelectProps={{
            name: 'target',
            required: true,
            value: target,
            onChange: (e) => setTarget(e.target.value),
          }}
        >
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
        <FormActions
          editing={false}
          busy={action.busy}
          onCancel={() => setAddress('')}
          createLabel="Recevoir cette adresse"
        />
      </form>

      {imapFor && (
        <ImapSourceForm
          key={imapFor.id}
          mailbox={imapFor}
          onDone={(message) => {
            setImapFor(null);
            action.clear();
            action.setSuccess(message);
            mailboxes.reload();
          }}
          onCancel={() => setImapFor(null)}
        />
      )}
    </>
  );
}
