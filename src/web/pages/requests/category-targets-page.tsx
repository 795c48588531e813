import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useEffect, useState, type FormEvent } from 'react';
import { REQUEST_CATEGORY_LABELS } from '../../../shared/requests/requests.schemas.ts';
import { roleHas } from '../../../shared/permissions.ts';
import {
  checkCategoryTargets,
  MAX_TARGET_HOURS,
  TARGET_SOURCE_LABELS,
  type EffectiveTarget,
} from '../../../shared/requests/targets.schemas.ts';
import { targetContracts } from '../../../shared/requests/targets.contracts.ts';
import { call } from '../../client/call.ts';
import { fullySignedIn, useSession } from '../../client/session.ts';
import { useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { AppLink } from '../../app/router.tsx';
import { ConfirmButton, ErrorMessage, Loading, SuccessMessage } from '../../components/page-parts.tsx';
import { fieldState, focusFirstField } from '../../forms/fields.ts';
import { FormActions } from '../../forms/form-actions.tsx';
import { useForm } from '../../forms/use-form.ts';
import { formatDateTime } from '../../../shared/format/french-dates.ts';

const FORM_ID = 'formulaire-delais';

/** « 72 h (3 jours) »: hours as the server counts them, days when they fall on whole days. */
export function formatHours(hours: number): string {
  const days = hours / 24;
  return Number.isInteger(days) ? `${hours} h (${days} jour${days > 1 ? 's' : ''})` : `${hours} h`;
}

/**
 * The départements the user reads requests in as a whole (roles held on a département), with
 * their names; a user working below a département (a sector) has none here and the server takes
 * their only département.
 */
function useDepartments(): { id: string; name: string }[] {
  const session = useSession();
  if (!fullySignedIn(session)) return [];
  const held = session.me.user.roles.filter((a) => a.scopeType === 'department' && roleHas(a.role, 'requests.read'));
  return [...new Map(held.map((a) => [a.scopeId, { id: a.scopeId, name: a.scopeName }])).values()];
}

/**
 * `/demandes/delais`: the acknowledgement and answer targets of each category in a département,
 * with where they come from. Staff who read requests there see them; the département's
 * administrators change a category's targets or put back the setting's (or the default) ones. A
 * user covering several départements picks one. A change applies at once to every open request of
 * the département: due dates and « En retard » are computed on read.
 */
export function CategoryTargetsPage() {
  useDocumentTitle('Délais cibles par catégorie');
  const session = useSession();
  const departments = useDepartments();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const asked = chosen ?? departments[0]?.id;
  const loaded = useAsync(() => call(targetContracts.list, { query: { departmentId: asked } }), [asked]);
  const departmentId = loaded.data?.departmentId;
  const departmentName = departments.find((d) => d.id === departmentId)?.name;
  const canManage =
    !!departmentId &&
    fullySignedIn(session) &&
    session.me.user.roles.some(
      (a) => a.scopeType === 'department' && a.scopeId === departmentId && roleHas(a.role, 'requests.targets.manage'),
    );
  const targets = { ...loaded, data: loaded.data?.items };
  const action = useForm();
  const form = useForm();
  const [editing, setEditing] = useState<EffectiveTarget | null>(null);
  const [draft, setDraft] = useState({ ackHours: '', answerHours: '' });
  const label = (target: EffectiveTarget) => REQUEST_CATEGORY_LABELS[target.category];

  function edit(target: EffectiveTarget): void {
    action.clear();
    form.clear();
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
    const input = {
      ackHours: draft.ackHours.trim() === '' ? Number.NaN : Number(draft.ackHours),
      answerHours: draft.answerHours.trim() === '' ? Number.NaN : Number(draft.answerHours),
    };
    if (
      !form.check(Object.fromEntries(checkCategoryTargets(input).map((problem) => [problem.field, problem.message])))
    ) {
      focusFirstField(FORM_ID);
      return;
    }
    const target = editing;
    if (!departmentId) return;
    void form.send(
      async () => {
        await call(targetContracts.set, {
          params: { category: target.category },
          query: { departmentId },
          body: input,
        });
        setEditing(null);
        targets.reload();
      },
      `Délais de « ${label(target)} » enregistrés : ${formatHours(input.ackHours)} ` +
        `pour la prise en compte, ${formatHours(input.answerHours)} pour la réponse.`,
    );
  }

  async function reset(target: EffectiveTarget): Promise<void> {
    form.setSuccess(null);
    setEditing(null);
    if (!departmentId) return;
    const back = target.fallback.source === 'setting' ? 'du réglage' : 'par défaut';
    if (
      await action.send(
        () => call(targetContracts.reset, { params: { category: target.category }, query: { departmentId } }),
        `Délais de « ${label(target)} » rétablis (valeurs ${back} : ` +
          `${formatHours(target.fallback.ackHours)} / ` +
          `${formatHours(target.fallback.answerHours)}).`,
      )
    )
      targets.reload();
  }

  const rows = (targets.data ?? []).map((target) => {
    const cells = [
      label(target),
      formatHours(target.ackHours),
      formatHours(target.answerHours),
      TARGET_SOURCE_LABELS[target.source],
      target.updatedAt
        ? `${formatDateTime(target.updatedAt, 'short')}${target.updatedBy ? `, ${target.updatedBy.displayName}` : ''}`
        : '—',
    ];
    if (!canManage) return cells;
    return [
      ...cells,
      <span key="actions" className="psq-actions">
        <Button
          size="small"
          priority="secondary"
          iconId="fr-icon-edit-line"
          onClick={() => edit(target)}
          nativeButtonProps={{ 'aria-label': `Modifier les délais de ${label(target)}` }}
        >
          Modifier
        </Button>
        {target.source === 'admin' && (
          <ConfirmButton
            size="small"
            label="Rétablir"
            accessibleLabel={
              `Rétablir les délais ` +
              `${target.fallback.source === 'setting' ? 'du réglage' : 'par défaut'} de ` +
              `${label(target)}`
            }
            confirmLabel="Confirmer le retour"
            iconId="fr-icon-close-circle-line"
            onConfirm={() => reset(target)}
          />
        )}
      </span>,
    ];
  });
  const headers = [
    'Catégorie',
    'Prise en compte',
    'Réponse',
    'Origine',
    'Dernière modification',
    ...(canManage ? ['Actions'] : []),
  ];

  return (
    <>
      <p>
        <AppLink href="/demandes">Retour aux demandes</AppLink>
      </p>
      <h1>Délais cibles par catégorie</h1>
      <p>
        Une demande est <strong>en retard</strong> lorsqu’elle n’a pas été prise en compte dans le délai de prise en
        compte de sa catégorie, ou qu’elle attend toujours une réponse au-delà du délai de réponse, comptés depuis sa
        réception. Chaque département fixe ses propres délais ; une modification s’applique aussitôt à toutes les
        demandes du département, y compris celles déjà reçues. Les demandes sans département suivent les délais du
        réglage ou par défaut.
      </p>
      {departments.length > 1 && (
        <Select
          label="Département"
          hint="Vous intervenez dans plusieurs départements : choisissez celui dont vous voulez voir les délais."
          nativeSelectProps={{
            name: 'departmentId',
            value: asked,
            onChange: (e) => {
              setEditing(null);
              form.setSuccess(null);
              action.clear();
              setChosen(e.target.value);
            },
          }}
        >
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </Select>
      )}
      {departments.length === 1 && departmentName && <p>Territoire : {departmentName}</p>}
      {!canManage && loaded.data && (
        <p className="fr-text--sm">Seuls les administrateurs du département peuvent modifier ces délais.</p>
      )}
      <ErrorMessage message={action.general ?? targets.error} />
      <div aria-live="polite">
        <SuccessMessage message={form.success ?? action.success} />
      </div>
      {targets.loading && !targets.data ? (
        <Loading />
      ) : (
        <Table
          caption={departmentName ? `Délais en vigueur : ${departmentName}` : 'Délais en vigueur'}
          headers={headers}
          data={rows}
          bordered
          className="psq-table"
        />
      )}

      {canManage && editing && (
        <form
          id={FORM_ID}
          className="psq-form fr-mt-4w"
          onSubmit={submit}
          noValidate
          aria-labelledby={`${FORM_ID}-titre`}
        >
          <h2 id={`${FORM_ID}-titre`} className="fr-h4">
            Modifier les délais : {label(editing)}
          </h2>
          <p className="fr-text--sm">
            {editing.source === 'admin'
              ? 'Valeurs fixées par un administrateur'
              : `Valeurs ${editing.source === 'setting' ? 'du réglage REQUEST_TARGETS' : 'par défaut'}`}
            . Sans valeur d’administrateur, la catégorie revient à {formatHours(editing.fallback.ackHours)} et{' '}
            {formatHours(editing.fallback.answerHours)} ({TARGET_SOURCE_LABELS[editing.fallback.source]}).
          </p>
          <ErrorMessage message={form.general} />
          <Input
            label="Délai de prise en compte (heures)"
            hintText={`Nombre entier d’heures depuis la réception, de 1 à ${MAX_TARGET_HOURS.toLocaleString('fr-FR')}.`}
            {...fieldState(form.errors.ackHours)}
            nativeInputProps={{
              name: 'ackHours',
              type: 'number',
              inputMode: 'numeric',
              min: 1,
              max: MAX_TARGET_HOURS,
              step: 1,
              required: true,
              'aria-invalid': form.errors.ackHours ? true : undefined,
              value: draft.ackHours,
              onChange: (e) => setDraft((d) => ({ ...d, ackHours: e.target.value })),
            }}
          />
          <Input
            label="Délai de réponse (heures)"
            hintText={
              `Au moins le délai de prise en compte, au plus ` +
              `${MAX_TARGET_HOURS.toLocaleString('fr-FR')} heures (un an).`
            }
            {...fieldState(form.errors.answerHours)}
            nativeInputProps={{
              name: 'answerHours',
              type: 'number',
              inputMode: 'numeric',
              min: 1,
              max: MAX_TARGET_HOURS,
              step: 1,
              required: true,
              'aria-invalid': form.errors.answerHours ? true : undefined,
              value: draft.answerHours,
              onChange: (e) => setDraft((d) => ({ ...d, answerHours: e.target.value })),
            }}
          />
          <FormActions editing busy={form.busy} onCancel={() => setEditing(null)} createLabel="Enregistrer" />
        </form>
      )}
    </>
  );
}
