import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useEffect, useState, type FormEvent } from 'react';
import { REQUEST_CATEGORY_LABELS, type RequestCategory } from '../../../shared/requests/requests.schemas.ts';
import type { AnswerTemplate, AnswerTemplateChannel } from '../../../shared/requests/templates.schemas.ts';
import { roleHas } from '../../../shared/permissions.ts';
import { templateContracts } from '../../../shared/requests/templates.contracts.ts';
import { call } from '../../client/call.ts';
import { fullySignedIn, useSession } from '../../client/session.ts';
import { territoryContracts } from '../../../shared/territory/territory.contracts.ts';
import { useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { AppLink } from '../../app/router.tsx';
import { ConfirmButton, ErrorMessage, Loading, SuccessMessage } from '../../components/page-parts.tsx';
import { fieldState, focusFirstField } from '../../forms/fields.ts';
import { FormActions } from '../../forms/form-actions.tsx';
import { useForm } from '../../forms/use-form.ts';

const CHANNELS: Record<AnswerTemplateChannel, string> = { email: 'E-mail', sms: 'SMS', both: 'E-mail et SMS' };
const EMPTY = { departmentId: '', category: '', channel: 'both' as AnswerTemplateChannel, title: '', body: '' };

/** The départements on which the user may write templates (the permission is held on the département itself). */
function useManagedDepartments(): string[] {
  const session = useSession();
  if (!fullySignedIn(session)) return [];
  return session.me.user.roles
    .filter((a) => a.scopeType === 'department' && roleHas(a.role, 'requests.templates.manage'))
    .map((a) => a.scopeId);
}

/**
 * `/demandes/modeles`: the answer templates staff start from (national ones, read-only, and the
 * département's), and for the département's administrators and referents: add, edit, archive.
 */
export function AnswerTemplatesPage() {
  useDocumentTitle('Modèles de réponse');
  const templates = useAsync(() => call(templateContracts.list).then((r) => r.items), []);
  const departments = useAsync(() => call(territoryContracts.departments).then((r) => r.items), []);
  const managed = useManagedDepartments();
  const action = useForm();
  const form = useForm();
  const [editing, setEditing] = useState<AnswerTemplate | null>(null);
  const [draft, setDraft] = useState({ ...EMPTY, departmentId: managed[0] ?? '' });
  const [warnings, setWarnings] = useState<string[]>([]);
  const departmentName = (id: string | null) =>
    id ? (departments.data?.find((d) => d.id === id)?.name ?? 'Département') : 'National';
  const set = (field: keyof typeof EMPTY) => (value: string) => setDraft((current) => ({ ...current, [field]: value }));

  function edit(template: AnswerTemplate): void {
    setEditing(template);
    setWarnings([]);
    setDraft({
      departmentId: template.departmentId ?? '',
      category: template.category ?? '',
      channel: template.channel,
      title: template.title,
      body: template.body,
    });
  }
  // After the render that hides the département field: focusing before it would focus a field
  // about to disappear, and the keyboard user would land on the page's body.
  useEffect(() => {
    if (editing) focusFirstField('formulaire-modele');
  }, [editing]);
  function reset(): void {
    setEditing(null);
    setDraft({ ...EMPTY, departmentId: managed[0] ?? '' });
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    action.clear();
    const refused = {
      ...(draft.title.trim() ? {} : { title: 'Donnez un titre au modèle.' }),
      ...(draft.body.trim() ? {} : { body: 'Écrivez le texte du modèle.' }),
      ...(editing || draft.departmentId ? {} : { departmentId: 'Choisissez un département.' }),
    };
    if (!form.check(refused)) return;
    const fields = {
      category: (draft.category || null) as RequestCategory | null,
      channel: draft.channel,
      title: draft.title.trim(),
      body: draft.body,
    };
    void form.send(async () => {
      const template = editing
        ? await call(templateContracts.update, { params: { id: editing.id }, body: fields })
        : await call(templateContracts.create, { body: { ...fields, departmentId: draft.departmentId } });
      setWarnings(template.warnings);
      form.setSuccess(editing ? `Modèle « ${template.title} » enregistré.` : `Modèle « ${template.title} » ajouté.`);
      reset();
      templates.reload();
    });
  }

  async function archive(template: AnswerTemplate): Promise<void> {
    form.setSuccess(null);
    if (
      await action.send(
        () => call(templateContracts.archive, { params: { id: template.id } }),
        `Modèle « ${template.title} » archivé : il n’est plus proposé.`,
      )
    )
      templates.reload();
  }

  const rows = (templates.data ?? []).map((template) => [
    template.title,
    template.category ? REQUEST_CATEGORY_LABELS[template.category] : 'Toutes',
    CHANNELS[template.channel],
    departmentName(template.departmentId),
    <span key="texte" className="psq-pre-line">
      {template.body}
    </span>,
    template.editable ? (
      <span key="actions" className="psq-actions">
        <Button
          size="small"
          priority="secondary"
          iconId="fr-icon-edit-line"
          onClick={() => edit(template)}
          nativeButtonProps={{ 'aria-label': `Modifier le modèle ${template.title}` }}
        >
          Modifier
        </Button>
        <ConfirmButton
          size="small"
          label="Archiver"
          accessibleLabel={`Archiver le modèle ${template.title}`}
          confirmLabel="Confirmer l’archivage"
          iconId="fr-icon-delete-line"
          danger
          onConfirm={() => archive(template)}
        />
      </span>
    ) : (
      <span key="actions" className="fr-text--sm">
        Lecture seule
      </span>
    ),
  ]);

  return (
    <>
      <p>
        <AppLink href="/demandes">Retour aux demandes</AppLink>
      </p>
      <h1>Modèles de réponse</h1>
      <p>
        Dans une réponse, <code>{'{reference}'}</code>, <code>{'{categorie}'}</code> et <code>{'{date_demande}'}</code>{' '}
        sont remplacés par la référence, la catégorie et la date de la demande. Le lien de suivi est ajouté
        automatiquement à chaque réponse : écrivez « votre lien de suivi ». Un modèle pour SMS doit tenir en deux SMS,
        sans ê, ç, ô ni apostrophe courbe.
      </p>
      <ErrorMessage message={action.general ?? templates.error ?? departments.error} />
      <div aria-live="polite">
        <SuccessMessage message={form.success ?? action.success} />
        {warnings.length > 0 && <p className="fr-error-text">{warnings.join(' ')}</p>}
      </div>
      {templates.loading && !templates.data ? (
        <Loading />
      ) : (
        <Table
          caption="Modèles proposés"
          headers={['Titre', 'Catégorie', 'Canal', 'Portée', 'Texte', 'Actions']}
          data={rows}
          bordered
          className="psq-table"
        />
      )}

      {managed.length > 0 && (
        <form
          id="formulaire-modele"
          className="psq-form fr-mt-4w"
          onSubmit={submit}
          noValidate
          aria-labelledby="formulaire-modele-titre"
        >
          <h2 id="formulaire-modele-titre" className="fr-h4">
            {editing ? `Modifier le modèle « ${editing.title} »` : 'Nouveau modèle du département'}
          </h2>
          <ErrorMessage message={form.general} />
          {!editing && (
            <Select
              label="Département"
              {...fieldState(form.errors.departmentId)}
              nativeSelectProps={{
                name: 'departmentId',
                value: draft.departmentId,
                onChange: (e) => set('departmentId')(e.target.value),
              }}
            >
              {managed.map((id) => (
                <option key={id} value={id}>
                  {departmentName(id)}
                </option>
              ))}
            </Select>
          )}
          <Input
            label="Titre"
            {...fieldState(form.errors.title)}
            nativeInputProps={{
              name: 'title',
              maxLength: 120,
              value: draft.title,
              onChange: (e) => set('title')(e.target.value),
            }}
          />
          <Select
            label="Catégorie"
            {...fieldState(form.errors.category)}
            nativeSelectProps={{
              name: 'category',
              value: draft.category,
              onChange: (e) => set('category')(e.target.value),
            }}
          >
            <option value="">Toutes les catégories</option>
            {Object.entries(REQUEST_CATEGORY_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
          <Select
            label="Canal"
            {...fieldState(form.errors.channel)}
            nativeSelectProps={{
              name: 'channel',
              value: draft.channel,
              onChange: (e) => set('channel')(e.target.value),
            }}
          >
            {Object.entries(CHANNELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
          <Input
            label="Texte"
            hintText="Champs possibles : {reference}, {categorie}, {date_demande}."
            textArea
            {...fieldState(form.errors.body)}
            nativeTextAreaProps={{
              name: 'body',
              rows: 6,
              maxLength: 2000,
              value: draft.body,
              onChange: (e) => set('body')(e.target.value),
            }}
          />
          <FormActions editing={editing !== null} busy={form.busy} onCancel={reset} createLabel="Ajouter le modèle" />
        </form>
      )}
    </>
  );
}
