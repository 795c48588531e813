import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState, type FormEvent } from 'react';
import type { RequestAnswerCreate, RequestDetail } from '../../../shared/requests/requests.schemas.ts';
import type { RenderedAnswer } from '../../../shared/requests/templates.schemas.ts';
import { formatPhone } from '../../../shared/format/phone.ts';
import { call } from '../../client/call.ts';
import { handlingContracts } from '../../../shared/requests/handling.contracts.ts';
import { templateContracts } from '../../../shared/requests/templates.contracts.ts';
import { useAsync } from '../../app/hooks.ts';
import { ErrorMessage, SuccessMessage } from '../../components/page-parts.tsx';
import { fieldState } from '../../forms/fields.ts';
import { useForm } from '../../forms/use-form.ts';

type Channel = RequestAnswerCreate['channel'];

/**
 * The answer to the resident, by e-mail or SMS. A « Modèle de réponse » (of the request's category
 * and the chosen channel) is filled in by the server and put in the text area, where it stays
 * editable: what is sent is the text as the agent leaves it.
 */
export function AnswerForm({ request, onChanged }: { request: RequestDetail; onChanged: () => void }) {
  const [channel, setChannel] = useState<Channel>(request.contact.email ? 'email' : 'sms');
  const [text, setText] = useState('');
  const [templateId, setTemplateId] = useState('');
  const [rendered, setRendered] = useState<(RenderedAnswer & { title: string }) | null>(null);
  const form = useForm();
  const templates = useAsync(
    () => call(templateContracts.list, { query: { category: request.category, channel } }).then((r) => r.items),
    [request.category, channel],
  );
  // The list covers all my départements; a template renders only for a request of its own (or national).
  const usable = (templates.data ?? []).filter(
    (template) => template.departmentId === null || template.departmentId === request.departmentId,
  );
  const channels = [
    ...(request.contact.email ? [{ value: 'email' as const, label: `Par e-mail (${request.contact.email})` }] : []),
    ...(request.contact.phone
      ? [{ value: 'sms' as const, label: `Par SMS (${formatPhone(request.contact.phone)})` }]
      : []),
  ];

  function pick(id: string): void {
    setTemplateId(id);
    setRendered(null);
    form.setSuccess(null);
    const template = usable.find((item) => item.id === id);
    if (!template) return;
    void form.send(async () => {
      const result = await call(templateContracts.render, { params: { id: request.id, templateId: id } });
      setText(result.text);
      setRendered({ ...result, title: template.title });
    });
  }

  function changeChannel(value: Channel): void {
    setChannel(value);
    setTemplateId('');
    setRendered(null);
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (!form.check(text.trim() ? {} : { text: 'Écrivez au moins 1 caractère.' })) return;
    void form.send(async () => {
      await call(handlingContracts.answer, { params: { id: request.id }, body: { text: text.trim(), channel } });
      setText('');
      setTemplateId('');
      setRendered(null);
      onChanged();
    }, 'Réponse envoyée.');
  }

  return (
    <>
      <RadioButtons
        legend="Répondre au demandeur"
        name="canal"
        orientation="horizontal"
        options={channels.map((option) => ({
          label: option.label,
          nativeInputProps: {
            value: option.value,
            checked: channel === option.value,
            onChange: () => changeChannel(option.value),
          },
        }))}
      />
      <form className="fr-mt-3w" onSubmit={submit} noValidate aria-labelledby="reponse-titre">
        <h3 id="reponse-titre" className="fr-h6">
          Réponse
        </h3>
        <SuccessMessage message={form.success} />
        <ErrorMessage message={form.general ?? templates.error} />
        <Select
          label="Modèle de réponse"
          hint="Le texte du modèle est inséré ci-dessous : relisez-le et modifiez-le avant l’envoi."
          nativeSelectProps={{
            name: 'modele',
            value: templateId,
            onChange: (e) => pick(e.target.value),
            disabled: templates.loading,
          }}
        >
          <option value="">Aucun (texte libre)</option>
          {usable.map((template) => (
            <option key={template.id} value={template.id}>
              {template.departmentId ? `${template.title} (département)` : template.title}
            </option>
          ))}
        </Select>
        <div aria-live="polite">
          {rendered && <p className="fr-text--sm">Modèle « {rendered.title} » inséré dans la réponse.</p>}
          {rendered && channel === 'sms' && (
            <p className={`fr-text--sm${rendered.warnings.length ? ' fr-error-text' : ''}`}>
              Tel quel, ce texte fera {rendered.sms.segments} SMS avec la référence et le lien de suivi.{' '}
              {rendered.warnings.join(' ')}
            </p>
          )}
        </div>
        <Input
          label="Réponse (envoyée au demandeur avec son lien de suivi)"
          textArea
          {...fieldState(form.errors.text)}
          nativeTextAreaProps={{
            name: 'reponse',
            rows: 5,
            maxLength: 5000,
            value: text,
            onChange: (e) => setText(e.target.value),
          }}
        />
        <Button type="submit" priority="secondary" disabled={form.busy}>
          Envoyer la réponse
        </Button>
      </form>
    </>
  );
}
