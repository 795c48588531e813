import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState, type FormEvent } from 'react';
import {
  REQUEST_STATUS_LABELS,
  type RequestAction,
  type RequestDetail,
} from '../../../shared/requests/requests.schemas.ts';
import { call } from '../../client/call.ts';
import { handlingContracts } from '../../../shared/requests/handling.contracts.ts';
import { triageContracts } from '../../../shared/requests/triage.contracts.ts';
import { fullySignedIn, useSession } from '../../client/session.ts';
import { useAsync } from '../../app/hooks.ts';
import { AppLink } from '../../app/router.tsx';
import { ErrorMessage, SuccessMessage } from '../../components/page-parts.tsx';
import { fieldState } from '../../forms/fields.ts';
import { useForm } from '../../forms/use-form.ts';
import { formatDateTime } from '../../../shared/format/french-dates.ts';

type Props = { request: RequestDetail; onChanged: () => void };

/** Triage of an open request (requests.handle): possible duplicates, assignment, transfer to another service. */
export function TriagePanel({ request, onChanged }: Props) {
  const open = request.status !== 'closed';
  return (
    <section aria-labelledby="tri-titre" className="fr-mt-4w">
      <h2 id="tri-titre" className="fr-h4">
        Tri
      </h2>
      {open && <Duplicates request={request} onChanged={onChanged} />}
      <Assignment request={request} onChanged={onChanged} />
      {open && <TransferForm request={request} onChanged={onChanged} />}
    </section>
  );
}

function Duplicates({ request, onChanged }: Props) {
  const suggestions = useAsync(
    () => call(triageContracts.duplicates, { params: { id: request.id } }).then((r) => r.items),
    [request.id, request.status],
  );
  const form = useForm();
  const mark = (originalId: string) =>
    form.send(async () => {
      await call(handlingContracts.act, {
        params: { id: request.id },
        body: { action: 'duplicate', duplicateOfId: originalId },
      });
      onChanged();
    });
  return (
    <div className="fr-mt-2w">
      <h3 className="fr-h6">Doublons possibles</h3>
      <p className="fr-text--sm">Même catégorie, à moins de 200 m, reçues dans les 30 derniers jours.</p>
      <ErrorMessage message={form.general ?? suggestions.error} />
      {suggestions.data?.length === 0 && <p>Aucun doublon possible.</p>}
      {!!suggestions.data?.length && (
        <ul data-testid="doublons">
          {suggestions.data.map((item) => (
            <li key={item.id} className="fr-mb-1w">
              <AppLink href={`/demandes/${item.id}`}>{item.reference}</AppLink> — à {item.distanceMeters} m,{' '}
              {REQUEST_STATUS_LABELS[item.status].toLowerCase()}, reçue le {formatDateTime(item.createdAt, 'short')}
              {item.placeLabel ? ` (${item.placeLabel})` : ''}
              <br />
              <span className="fr-text--sm">{item.excerpt}</span>
              <br />
              <Button
                size="small"
                priority="secondary"
                disabled={form.busy}
                onClick={() => void mark(item.id)}
                nativeButtonProps={{ 'aria-label': `Marquer comme doublon de ${item.reference}` }}
              >
                Marquer comme doublon
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Assignment({ request, onChanged }: Props) {
  const session = useSession();
  const me = fullySignedIn(session) ? session.me.user.id : null;
  const staff = useAsync(
    () => call(triageContracts.assignees, { params: { id: request.id } }).then((r) => r.items),
    [request.id],
  );
  const [chosen, setChosen] = useState('');
  const form = useForm();
  const current = request.assigneeId
    ? (staff.data?.find((member) => member.id === request.assigneeId)?.displayName ?? 'un agent')
    : null;
  const assign = (assigneeId: string | null, message: string) =>
    form.send(async () => {
      await call(handlingContracts.act, {
        params: { id: request.id },
        body: { action: 'assign', assigneeId } satisfies RequestAction,
      });
      onChanged();
    }, message);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.check(chosen ? {} : { assigneeId: 'Choisissez un agent.' })) return;
    void assign(chosen, 'Demande attribuée.');
  }
  return (
    <form className="fr-mt-3w" onSubmit={submit} noValidate aria-labelledby="attribution-titre">
      <h3 id="attribution-titre" className="fr-h6">
        Attribution
      </h3>
      <p>{current ? `Attribuée à ${current}.` : 'Non attribuée.'}</p>
      <SuccessMessage message={form.success} />
      <ErrorMessage message={form.general ?? staff.error} />
      <Select
        label="Agent"
        {...fieldState(form.errors.assigneeId)}
        nativeSelectProps={{ name: 'assigneeId', value: chosen, onChange: (e) => setChosen(e.target.value) }}
      >
        <option value="">Choisissez un agent du territoire</option>
        {(staff.data ?? []).map((member) => (
          <option key={member.id} value={member.id}>
            {member.displayName}
          </option>
        ))}
      </Select>
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <Button type="submit" priority="secondary" disabled={form.busy}>
            Attribuer
          </Button>
        </li>
        {me && request.assigneeId !== me && staff.data?.some((member) => member.id === me) && (
          <li>
            <Button
              type="button"
              priority="secondary"
              disabled={form.busy}
              onClick={() => void assign(me, 'Demande attribuée à vous.')}
            >
              M’attribuer
            </Button>
          </li>
        )}
        {request.assigneeId && (
          <li>
            <Button
              type="button"
              priority="tertiary"
              disabled={form.busy}
              onClick={() => void assign(null, 'Attribution retirée.')}
            >
              Retirer l’attribution
            </Button>
          </li>
        )}
      </ul>
    </form>
  );
}

function TransferForm({ request, onChanged }: Props) {
  const [service, setService] = useState('');
  const [reason, setReason] = useState('');
  const form = useForm();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = {
      ...(service.trim().length < 2 ? { service: 'Indiquez la mairie ou le service.' } : {}),
      ...(reason.trim().length < 3 ? { reason: 'Indiquez le motif (3 caractères au moins).' } : {}),
    };
    if (!form.check(errors)) return;
    void form.send(async () => {
      await call(handlingContracts.act, {
        params: { id: request.id },
        body: { action: 'transfer', service: service.trim(), reason: reason.trim() },
      });
      onChanged();
    });
  }
  return (
    <form className="fr-mt-3w" onSubmit={submit} noValidate aria-labelledby="transmettre-titre">
      <h3 id="transmettre-titre" className="fr-h6">
        Transmettre à la mairie ou à un autre service
      </h3>
      <p className="fr-text--sm">La demande est close ; le service et le motif sont montrés au demandeur.</p>
      <ErrorMessage message={form.general} />
      <Input
        label="Mairie ou service"
        {...fieldState(form.errors.service)}
        nativeInputProps={{
          name: 'service',
          maxLength: 200,
          value: service,
          onChange: (e) => setService(e.target.value),
        }}
      />
      <Input
        label="Motif (visible du demandeur)"
        {...fieldState(form.errors.reason)}
        nativeInputProps={{
          name: 'reason',
          maxLength: 1000,
          value: reason,
          onChange: (e) => setReason(e.target.value),
        }}
      />
      <Button type="submit" priority="secondary" disabled={form.busy}>
        Transmettre
      </Button>
    </form>
  );
}
