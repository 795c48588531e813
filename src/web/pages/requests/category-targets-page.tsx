import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useEffect, useState, type FormEvent } from 'react';
import { REQUEST_CATEGORY_LABELS } from '../../../shared/requests.schemas.ts';
import { checkCategoryTargets, MAX_TARGET_HOURS, TARGET_SOURCE_LABELS, type EffectiveTarget } from '../../../shared/request-targets.schemas.ts';
import { requestTargetsApi } from '../../client/request-targets-api.ts';
import { useSession } from '../../client/session.ts';
import { useAction, useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { AppLink } from '../../app/router.tsx';
import { ConfirmButton, ErrorMessage, FormActions, Loading, SuccessMessage, focusFirstField } from '../../components/page-parts.tsx';
import { holdsPermission } from '../alerts/alert-display.tsx';
import { fieldState, useServerForm } from '../office-hours/use-server-form.ts';
import { formatDateTime } from './request-display.tsx';

const FORM_ID = 'formulaire-delais';

/** « 72 h (3 jours) »: hours as the server counts them, days when they fall on whole days. */
export function formatHours(hours: number): string {
  const days = hours / 24;
  return Number.isInteger(days) ? `${hours} h (${days} jour${days > 1 ? 's' : ''})` : `${hours} h`;
}

/**
 * `/demandes/delais`: the acknowledgement and answer targets of each category, national, with
 * where they come from. Staff who read requests see them; administrators change a category's
 * targets or put back the setting's (or the default) ones. A change applies at once to every
 * open request: due dates and « En retard » are computed on read.
 */
export function CategoryTargetsPage() {
  useDocumentTitle('Délais cibles par catégorie');
  const session = useSession();
  const canManage = holdsPermission(session, 'requests.targets.manage');
  const targets = useAsync(() => requestTargetsApi.list(), []);
  const action = useAction();
  const form = useServerForm();
  const [editing, setEditing] = useState<EffectiveTarget | null>(null);
  const [draft, setDraft] = useState({ ackHours: '', answerHours: '' });
  const [saved, setSaved] = useState<string | null>(null);
  const label = (target: EffectiveTarget) => REQUEST_CATEGORY_LABELS[target.category];

  function edit(target: EffectiveTarget): void {
    action.clear();
    setSaved(null);
    form.check({});
    setEditing(target);
    setDraft({ ackHours: String(target.ackHours), answerHours: String(target.answerHours) });
  }
  // After the render that shows the form (focusing before it would find nothing).
  useEffect(() => {
    if (editing) focusFirstField(FORM_ID);
  }, [editing]);

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (!editing) return;
    const input = { ackHours: draft.ackHours.trim() === '' ? Number.NaN : Number(draft.ackHours), answerHours: draft.answerHours.trim() === '' ? Number.NaN : Number(draft.answerHours) };
    if (!form.check(Object.fromEntries(checkCategoryTargets(input).map((problem) => [problem.field, problem.message])))) {
      focusFirstField(FORM_ID);
      return;
    }
    const target = editing;
    void form.send(async () => {
      await requestTargetsApi.update(target.category, input);
      setSaved(`Délais de « ${label(target)} » enregistrés : ${formatHours(input.ackHours)} pour la prise en compte, ${formatHours(input.answerHours)} pour la réponse.`);
      setEditing(null);
      targets.reload();
    });
  }

  async function reset(target: EffectiveTarget): Promise<void> {
    setSaved(null);
    setEditing(null);
    const back = target.fallback.source === 'setting' ? 'du réglage' : 'par défaut';
    if (await action.run(() => requestTargetsApi.reset(target.category), `Délais de « ${label(target)} » rétablis (valeurs ${back} : ${formatHours(target.fallback.ackHours)} / ${formatHours(target.fallback.answerHours)}).`)) targets.reload();
  }

  const rows = (targets.data ?? []).map((target) => {
    const cells = [
      label(target),
      formatHours(target.ackHours),
      formatHours(target.answerHours),
      TARGET_SOURCE_LABELS[target.source],
      target.updatedAt ? `${formatDateTime(target.updatedAt)}${target.updatedBy ? `, ${target.updatedBy.displayName}` : ''}` : '—',
    ];
    if (!canManage) return cells;
    return [
      ...cells,
      <span key="actions" className="psq-actions">
        <Button size="small" priority="secondary" iconId="fr-icon-edit-line" onClick={() => edit(target)} nativeButtonProps={{ 'aria-label': `Modifier les délais de ${label(target)}` }}>
          Modifier
        </Button>
        {target.source === 'admin' && (
          <ConfirmButton
            size="small"
            label="Rétablir"
            accessibleLabel={`Rétablir les délais ${target.fallback.source === 'setting' ? 'du réglage' : 'par défaut'} de ${label(target)}`}
            confirmLabel="Confirmer le retour"
            iconId="fr-icon-close-circle-line"
            onConfirm={() => reset(target)}
          />
        )}
      </span>,
    ];
  });
  const headers = ['Catégorie', 'Prise en compte', 'Réponse', 'Origine', 'Dernière modification', ...(canManage ? ['Actions'] : [])];

  return (
    <>
      <p>
        <AppLink href="/demandes">Retour aux demandes</AppLink>
      </p>
      <h1>Délais cibles par catégorie</h1>
      <p>
        Une demande est <strong>en retard</strong> lorsqu’elle n’a pas été prise en compte dans le délai de prise en compte de sa catégorie, ou qu’elle attend toujours une réponse au-delà du
        délai de réponse, comptés depuis sa réception. Ces délais valent pour tout le territoire national ; une modification s’applique aussitôt à toutes les demandes, y compris celles
        déjà reçues.
      </p>
      {!canManage && <p className="fr-text--sm">Seuls les administrateurs peuvent modifier ces délais.</p>}
      <ErrorMessage message={action.error ?? targets.error} />
      <div aria-live="polite">
        <SuccessMessage message={saved ?? action.success} />
      </div>
      {targets.loading && !targets.data ? <Loading /> : <Table caption="Délais en vigueur" headers={headers} data={rows} bordered className="psq-table" />}

      {canManage && editing && (
        <form id={FORM_ID} className="psq-form fr-mt-4w" onSubmit={submit} noValidate aria-labelledby={`${FORM_ID}-titre`}>
          <h2 id={`${FORM_ID}-titre`} className="fr-h4">
            Modifier les délais : {label(editing)}
          </h2>
          <p className="fr-text--sm">
            {editing.source === 'admin' ? 'Valeurs fixées par un administrateur' : `Valeurs ${editing.source === 'setting' ? 'du réglage REQUEST_TARGETS' : 'par défaut'}`}. Sans valeur d’administrateur, la
            catégorie revient à {formatHours(editing.fallback.ackHours)} et {formatHours(editing.fallback.answerHours)} ({TARGET_SOURCE_LABELS[editing.fallback.source]}).
          </p>
          <ErrorMessage message={form.general} />
          <Input
            label="Délai de prise en compte (heures)"
            hintText={`Nombre entier d’heures depuis la réception, de 1 à ${MAX_TARGET_HOURS.toLocaleString('fr-FR')}.`}
            {...fieldState(form.errors.ackHours)}
            nativeInputProps={{ name: 'ackHours', type: 'number', inputMode: 'numeric', min: 1, max: MAX_TARGET_HOURS, step: 1, required: true, 'aria-invalid': form.errors.ackHours ? true : undefined, value: draft.ackHours, onChange: (e) => setDraft((d) => ({ ...d, ackHours: e.target.value })) }}
          />
          <Input
            label="Délai de réponse (heures)"
            hintText={`Au moins le délai de prise en compte, au plus ${MAX_TARGET_HOURS.toLocaleString('fr-FR')} heures (un an).`}
            {...fieldState(form.errors.answerHours)}
            nativeInputProps={{ name: 'answerHours', type: 'number', inputMode: 'numeric', min: 1, max: MAX_TARGET_HOURS, step: 1, required: true, 'aria-invalid': form.errors.answerHours ? true : undefined, value: draft.answerHours, onChange: (e) => setDraft((d) => ({ ...d, answerHours: e.target.value })) }}
          />
          <FormActions editing busy={form.busy} onCancel={() => setEditing(null)} createLabel="Enregistrer" />
        </form>
      )}
    </>
  );
}
