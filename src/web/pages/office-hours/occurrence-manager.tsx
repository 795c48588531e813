import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState, type FormEvent } from 'react';
import type {
  OfficeHourExceptionCreate,
  OfficeHourSchedule,
  PublicOccurrence,
} from '../../../shared/office-hours/office-hours.schemas.ts';
import { officeHoursContracts } from '../../../shared/office-hours/office-hours.contracts.ts';
import { call } from '../../client/call.ts';
import { ErrorMessage } from '../../components/page-parts.tsx';
import { formatDate } from '../../../shared/format/french-dates.ts';
import { fieldState } from '../../forms/fields.ts';
import { useForm } from '../../forms/use-form.ts';
import { OccurrenceText } from './office-hours-display.tsx';

type Change = { kind: 'cancelled' | 'moved'; occurrence: PublicOccurrence } | { kind: 'added' };

/** The change that made this occurrence cancelled, moved or added (deleting it restores the plan). */
function exceptionOf(schedule: OfficeHourSchedule, occurrence: PublicOccurrence) {
  return schedule.exceptions.find((e) =>
    occurrence.status === 'cancelled'
      ? e.kind === 'cancelled' && e.originalDate === occurrence.date
      : e.kind === occurrence.status && e.date === occurrence.date,
  );
}

const RESTORE_LABELS = { cancelled: 'Rétablir', moved: 'Remettre à sa date', added: 'Retirer cette date' } as const;

/** A schedule's upcoming dates, each cancellable (with a public reason) or movable; dates can be added, changes undone. */
export function OccurrenceManager({
  schedule,
  occurrences,
  horizon,
  onChanged,
}: {
  schedule: OfficeHourSchedule;
  occurrences: PublicOccurrence[];
  horizon: string;
  onChanged: (message: string) => void;
}) {
  const [change, setChange] = useState<Change | null>(null);
  const restoring = useForm();

  async function restore(occurrence: PublicOccurrence): Promise<void> {
    const exception = exceptionOf(schedule, occurrence);
    if (!exception) return;
    await restoring.send(async () => {
      await call(officeHoursContracts.deleteException, { params: { id: exception.id } });
      onChanged(`Le changement du ${formatDate(occurrence.date)} a été retiré.`);
    });
  }

  return (
    <div className="fr-mt-2w">
      <h4 className="fr-h6 fr-mb-1w">Prochaines dates (jusqu’au {formatDate(horizon)})</h4>
      <ErrorMessage message={restoring.general} />
      {occurrences.length === 0 && <p className="fr-text--sm">Aucune date à venir.</p>}
      <ul className="psq-oh-dates">
        {occurrences.map((occurrence) => {
          const day = formatDate(occurrence.date);
          const open =
            change &&
            change.kind !== 'added' &&
            change.occurrence.date === occurrence.date &&
            change.occurrence.status === occurrence.status;
          return (
            <li key={`${occurrence.date}-${occurrence.status}`}>
              <OccurrenceText occurrence={occurrence} />
              <span className="psq-actions fr-mt-1v">
                {occurrence.status === 'scheduled' ? (
                  <>
                    <Button
                      size="small"
                      priority="secondary"
                      iconId="fr-icon-close-circle-line"
                      onClick={() => setChange({ kind: 'cancelled', occurrence })}
                      nativeButtonProps={{ 'aria-label': `Annuler la permanence du ${day}` }}
                    >
                      Annuler la permanence
                    </Button>
                    <Button
                      size="small"
                      priority="tertiary"
                      iconId="fr-icon-calendar-line"
                      onClick={() => setChange({ kind: 'moved', occurrence })}
                      nativeButtonProps={{ 'aria-label': `Déplacer la permanence du ${day}` }}
                    >
                      Déplacer
                    </Button>
                  </>
                ) : (
                  <Button
                    size="small"
                    priority="tertiary"
                    iconId="fr-icon-arrow-go-back-line"
                    onClick={() => void restore(occurrence)}
                    nativeButtonProps={{ 'aria-label': `${RESTORE_LABELS[occurrence.status]} : ${day}` }}
                  >
                    {RESTORE_LABELS[occurrence.status]}
                  </Button>
                )}
              </span>
              {open && (
                <ChangeForm
                  schedule={schedule}
                  change={change}
                  onDone={(message) => (setChange(null), onChanged(message))}
                  onCancel={() => setChange(null)}
                />
              )}
            </li>
          );
        })}
      </ul>
      {change?.kind === 'added' ? (
        <ChangeForm
          schedule={schedule}
          change={change}
          onDone={(message) => (setChange(null), onChanged(message))}
          onCancel={() => setChange(null)}
        />
      ) : (
        <Button
          size="small"
          priority="secondary"
          iconId="fr-icon-add-line"
          onClick={() => setChange({ kind: 'added' })}
          nativeButtonProps={{ 'aria-label': `Ajouter une date au calendrier ${schedule.title}` }}
        >
          Ajouter une date
        </Button>
      )}
    </div>
  );
}

const TITLES = {
  cancelled: 'Annuler la permanence du',
  moved: 'Déplacer la permanence du',
  added: 'Ajouter une date',
} as const;

function ChangeForm({
  schedule,
  change,
  onDone,
  onCancel,
}: {
  schedule: OfficeHourSchedule;
  change: Change;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const original = change.kind === 'added' ? null : change.occurrence;
  const [date, setDate] = useState(original?.date ?? '');
  const [startTime, setStartTime] = useState(original?.startTime ?? schedule.startTime);
  const [endTime, setEndTime] = useState(original?.endTime ?? schedule.endTime);
  const [reason, setReason] = useState('');
  const { errors, general, busy, check, send } = useForm();
  const id = `changement-${schedule.id}-${original?.date ?? 'ajout'}`;
  const title = original ? `${TITLES[change.kind]} ${formatDate(original.date)}` : TITLES.added;

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (
      !check(
        change.kind === 'cancelled'
          ? reason.trim()
            ? {}
            : { reason: 'Indiquez le motif, affiché au public.' }
          : date
            ? {}
            : { date: 'Indiquez la date.' },
      )
    )
      return;
    const why = reason.trim() ? { reason: reason.trim() } : {};
    const body: OfficeHourExceptionCreate =
      change.kind === 'cancelled'
        ? { kind: 'cancelled', originalDate: change.occurrence.date, reason: reason.trim() }
        : change.kind === 'moved'
          ? { kind: 'moved', originalDate: change.occurrence.date, date, startTime, endTime, ...why }
          : { kind: 'added', date, startTime, endTime, ...why };
    await send(async () => {
      await call(officeHoursContracts.addException, { params: { id: schedule.id }, body });
      onDone(
        change.kind === 'cancelled'
          ? `La permanence du ${formatDate(change.occurrence.date)} est annulée.`
          : change.kind === 'moved'
            ? `La permanence est déplacée au ${formatDate(date)}.`
            : `La date du ${formatDate(date)} a été ajoutée.`,
      );
    });
  }

  return (
    <form
      id={id}
      className="psq-form psq-oh-change fr-mt-1w"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label={title}
    >
      <p className="fr-text--bold fr-mb-1w">{title}</p>
      <ErrorMessage message={general} />
      {change.kind !== 'cancelled' && (
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-sm-4">
            <Input
              label="Nouvelle date"
              {...fieldState(errors.date)}
              nativeInputProps={{ type: 'date', value: date, onChange: (e) => setDate(e.target.value) }}
            />
          </div>
          <div className="fr-col-6 fr-col-sm-4">
            <Input
              label="Début"
              {...fieldState(errors.startTime)}
              nativeInputProps={{ type: 'time', value: startTime, onChange: (e) => setStartTime(e.target.value) }}
            />
          </div>
          <div className="fr-col-6 fr-col-sm-4">
            <Input
              label="Fin"
              {...fieldState(errors.endTime)}
              nativeInputProps={{ type: 'time', value: endTime, onChange: (e) => setEndTime(e.target.value) }}
            />
          </div>
        </div>
      )}
      <Input
        label={change.kind === 'cancelled' ? 'Motif public de l’annulation' : 'Motif public (facultatif)'}
        hintText="Affiché sur la page publique et dans les calendriers."
        {...fieldState(errors.reason ?? errors.originalDate)}
        nativeInputProps={{
          maxLength: 300,
          value: reason,
          onChange: (e) => setReason(e.target.value),
          autoFocus: true,
        }}
      />
      <span className="psq-actions">
        <Button type="submit" size="small" disabled={busy}>
          {change.kind === 'cancelled'
            ? 'Confirmer l’annulation'
            : change.kind === 'moved'
              ? 'Confirmer le déplacement'
              : 'Ajouter la date'}
        </Button>
        <Button type="button" size="small" priority="secondary" onClick={onCancel}>
          Fermer
        </Button>
      </span>
    </form>
  );
}
