import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { RequestAction, RequestDetail, RequestStatus } from '../../../shared/requests/requests.schemas.ts';
import { call } from '../../client/call.ts';
import { handlingContracts } from '../../../shared/requests/handling.contracts.ts';
import { territoryContracts } from '../../../shared/territory/territory.contracts.ts';
import { useAsync } from '../../app/hooks.ts';
import { ErrorMessage, SuccessMessage } from '../../components/page-parts.tsx';
import { fieldState } from '../../forms/fields.ts';
import { useForm } from '../../forms/use-form.ts';
import { AnswerForm } from './answer-form.tsx';

type Step = 'acknowledge' | 'start' | 'close' | 'reopen';
/** The server's state machine, mirrored only to offer the possible buttons; the server decides (409 otherwise). */
const STEPS: { action: Step; label: string; from: RequestStatus[] }[] = [
  { action: 'acknowledge', label: 'Prendre en compte', from: ['new'] },
  { action: 'start', label: 'Commencer le traitement', from: ['new', 'acknowledged'] },
  { action: 'close', label: 'Clore (résolue)', from: ['acknowledged', 'in_progress', 'answered'] },
  { action: 'reopen', label: 'Rouvrir', from: ['closed'] },
];

/** What a handler does on a request: status steps, answer, internal note, reject, redirect. */
export function RequestActions({ request, onChanged }: { request: RequestDetail; onChanged: () => void }) {
  const steps = useForm();
  const open = request.status !== 'closed';
  const run = (action: RequestAction, message: string) =>
    steps.send(async () => {
      await call(handlingContracts.act, { params: { id: request.id }, body: action });
      onChanged();
    }, message);

  return (
    <section aria-labelledby="traiter-titre" className="fr-mt-4w">
      <h2 id="traiter-titre" className="fr-h4">
        Traiter la demande
      </h2>
      <SuccessMessage message={steps.success} />
      <ErrorMessage message={steps.general} />
      <ul className="fr-btns-group fr-btns-group--inline-md">
        {STEPS.filter((step) => step.from.includes(request.status)).map((step) => (
          <li key={step.action}>
            <Button
              priority={step.action === 'acknowledge' ? 'primary' : 'secondary'}
              disabled={steps.busy}
              onClick={() => void run({ action: step.action }, `Action « ${step.label} » enregistrée.`)}
            >
              {step.label}
            </Button>
          </li>
        ))}
      </ul>
      {open && request.contact.noAnswerWanted === false && (request.contact.email || request.contact.phone) && (
        <AnswerForm request={request} onChanged={onChanged} />
      )}
      <TextForm
        id="note"
        title="Note interne"
        label="Note (jamais visible du demandeur)"
        submit="Ajouter la note"
        done="Note ajoutée."
        onSend={(text) => call(handlingContracts.addNote, { params: { id: request.id }, body: { text } })}
        onChanged={onChanged}
      />
      {open && (
        <TextForm
          id="rejet"
          title="Classer sans suite"
          label="Motif (visible du demandeur)"
          submit="Classer sans suite"
          done="Demande classée."
          minLength={3}
          onSend={(reason) =>
            call(handlingContracts.act, { params: { id: request.id }, body: { action: 'reject', reason } })
          }
          onChanged={onChanged}
        />
      )}
      {open && <RedirectForm request={request} onChanged={onChanged} />}
    </section>
  );
}

function Block({
  id,
  title,
  children,
  onSubmit,
}: {
  id: string;
  title: string;
  children: ReactNode;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
}) {
  return (
    <form className="fr-mt-3w" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-titre`}>
      <h3 id={`${id}-titre`} className="fr-h6">
        {title}
      </h3>
      {children}
    </form>
  );
}

function TextForm(props: {
  id: string;
  title: string;
  label: string;
  submit: string;
  done: string;
  minLength?: number;
  onSend: (text: string) => Promise<unknown>;
  onChanged: () => void;
}) {
  const [text, setText] = useState('');
  // A rejection's reason is the text of this form.
  const form = useForm({ fieldMap: { reason: 'text' } });
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (
      !form.check(
        text.trim().length >= (props.minLength ?? 1)
          ? {}
          : { text: `Écrivez au moins ${props.minLength ?? 1} caractère${(props.minLength ?? 1) > 1 ? 's' : ''}.` },
      )
    )
      return;
    void form.send(async () => {
      await props.onSend(text.trim());
      setText('');
      props.onChanged();
    }, props.done);
  }
  return (
    <Block id={props.id} title={props.title} onSubmit={submit}>
      <SuccessMessage message={form.success} />
      <ErrorMessage message={form.general} />
      <Input
        label={props.label}
        textArea
        {...fieldState(form.errors.text)}
        nativeTextAreaProps={{
          name: props.id,
          rows: 3,
          maxLength: 5000,
          value: text,
          onChange: (e) => setText(e.target.value),
        }}
      />
      <Button type="submit" priority="secondary" disabled={form.busy}>
        {props.submit}
      </Button>
    </Block>
  );
}

function RedirectForm({ request, onChanged }: { request: RequestDetail; onChanged: () => void }) {
  const sectors = useAsync(
    () =>
      call(territoryContracts.sectors, {
        query: request.departmentId ? { departmentId: request.departmentId } : {},
      }).then((r) => r.items),
    [request.departmentId],
  );
  const [sectorId, setSectorId] = useState('');
  const form = useForm();
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (!form.check(sectorId ? {} : { sectorId: 'Choisissez un secteur.' })) return;
    void form.send(async () => {
      await call(handlingContracts.act, { params: { id: request.id }, body: { action: 'redirect', sectorId } });
      onChanged();
    });
  }
  return (
    <Block id="reorienter" title="Réorienter vers un autre secteur" onSubmit={submit}>
      <ErrorMessage message={form.general ?? sectors.error} />
      <Select
        label="Secteur"
        {...fieldState(form.errors.sectorId)}
        nativeSelectProps={{ name: 'sectorId', value: sectorId, onChange: (e) => setSectorId(e.target.value) }}
      >
        <option value="">Choisissez un secteur</option>
        {(sectors.data ?? [])
          .filter((sector) => sector.id !== request.sector?.id)
          .map((sector) => (
            <option key={sector.id} value={sector.id}>
              {sector.name}
            </option>
          ))}
      </Select>
      <Button type="submit" priority="secondary" disabled={form.busy}>
        Réorienter
      </Button>
    </Block>
  );
}
