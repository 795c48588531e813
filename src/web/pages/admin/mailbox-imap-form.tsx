import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState, type FormEvent } from 'react';
import type { ImapSecurity, Mailbox } from '../../../shared/requests/attachments.schemas.ts';
import { mailboxContracts } from '../../../shared/requests/mailboxes.contracts.ts';
import { call } from '../../client/call.ts';
import { ErrorMessage } from '../../components/page-parts.tsx';
import { fieldState } from '../../forms/fields.ts';
import { FormActions } from '../../forms/form-actions.tsx';
import { useForm } from '../../forms/use-form.ts';

export const IMAP_FORM_ID = 'formulaire-imap';

const DEFAULT_PORTS: Record<ImapSecurity, number> = { tls: 993, starttls: 143, none: 143 };

/**
 * Where a mailbox is fetched by IMAP: server, port, encryption, account, password (never shown:
 * left empty it keeps the stored one), folder. Errors of the server land on their fields.
 */
export function ImapSourceForm({
  mailbox,
  onDone,
  onCancel,
}: {
  mailbox: Mailbox;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const current = mailbox.imap;
  const [host, setHost] = useState(current?.host ?? '');
  const [security, setSecurity] = useState<ImapSecurity>(current?.security ?? 'tls');
  const [port, setPort] = useState(String(current?.port ?? 993));
  const [user, setUser] = useState(current?.user ?? mailbox.address);
  const [password, setPassword] = useState('');
  const [folder, setFolder] = useState(current?.folder ?? 'INBOX');
  const form = useForm({ formId: IMAP_FORM_ID });

  function changeSecurity(value: ImapSecurity): void {
    // The usual port follows the encryption, unless someone typed another one.
    if (port === String(DEFAULT_PORTS[security])) setPort(String(DEFAULT_PORTS[value]));
    setSecurity(value);
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const portNumber = Number(port);
    const refused: Record<string, string> = {};
    if (!host.trim()) refused.host = 'Indiquez le serveur IMAP.';
    if (!Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535)
      refused.port = 'Un port entre 1 et 65535 (993 en TLS, 143 en STARTTLS).';
    if (!user.trim()) refused.user = 'Indiquez l’identifiant du compte.';
    if (!current && !password) refused.password = 'Indiquez le mot de passe de la boîte.';
    if (!form.check(refused)) return;
    const body = {
      host: host.trim(),
      port: portNumber,
      security,
      user: user.trim(),
      folder: folder.trim() || 'INBOX',
      ...(password ? { password } : {}),
    };
    void form.send(async () => {
      await call(mailboxContracts.setImap, { params: { id: mailbox.id }, body });
      onDone(`${mailbox.address} sera relevée par IMAP sur ${body.host} (dernier relevé et erreurs dans le tableau).`);
    });
  }

  return (
    <form
      id={IMAP_FORM_ID}
      className="psq-form fr-mt-4w"
      onSubmit={submit}
      aria-labelledby={`${IMAP_FORM_ID}-titre`}
      noValidate
    >
      <h2 id={`${IMAP_FORM_ID}-titre`} className="fr-h4">
        Relève IMAP de {mailbox.address}
      </h2>
      <p className="fr-text--sm">
        La plateforme se connecte à cette boîte chaque minute, transforme les messages non lus en demandes et les marque
        comme lus. Utilisez un compte réservé à cet usage.
      </p>
      <ErrorMessage message={form.general} />
      <Input
        label="Serveur IMAP"
        hintText="Par exemple : imap.interieur.example"
        {...fieldState(form.errors.host)}
        nativeInputProps={{
          name: 'host',
          required: true,
          maxLength: 253,
          autoComplete: 'off',
          value: host,
          onChange: (e) => setHost(e.target.value),
        }}
      />
      <Select
        label="Chiffrement"
        hint="Sans chiffrement : seulement un serveur de cette machine (127.0.0.1), pour les essais."
        {...fieldState(form.errors.security)}
        nativeSelectProps={{
          name: 'security',
          value: security,
          onChange: (e) => changeSecurity(e.target.value as ImapSecurity),
        }}
      >
        <option value="tls">TLS (port 993, recommandé)</option>
        <option value="starttls">STARTTLS (port 143)</option>
        <option value="none">Aucun (serveur local uniquement)</option>
      </Select>
      <Input
        label="Port"
        {...fieldState(form.errors.port)}
        nativeInputProps={{
          name: 'port',
          inputMode: 'numeric',
          required: true,
          value: port,
          onChange: (e) => setPort(e.target.value),
        }}
      />
      <Input
        label="Identifiant"
        {...fieldState(form.errors.user)}
        nativeInputProps={{
          name: 'user',
          required: true,
          maxLength: 254,
          autoComplete: 'off',
          value: user,
          onChange: (e) => setUser(e.target.value),
        }}
      />
      <Input
        label="Mot de passe"
        hintText={
          current?.passwordSet
            ? 'Un mot de passe est enregistré (jamais affiché) : laissez vide pour le conserver.'
            : 'Il est conservé chiffré et n’est jamais réaffiché.'
        }
        {...fieldState(form.errors.password)}
        nativeInputProps={{
          name: 'password',
          type: 'password',
          autoComplete: 'new-password',
          maxLength: 1024,
          required: !current,
          value: password,
          onChange: (e) => setPassword(e.target.value),
        }}
      />
      <Input
        label="Dossier"
        hintText="INBOX (la boîte de réception) par défaut."
        {...fieldState(form.errors.folder)}
        nativeInputProps={{ name: 'folder', maxLength: 200, value: folder, onChange: (e) => setFolder(e.target.value) }}
      />
      <FormActions editing busy={form.busy} onCancel={onCancel} createLabel="Enregistrer" />
    </form>
  );
}
