import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState, type FormEvent } from 'react';
import type {
  OfficeHourSchedule,
  OfficeHourScheduleCreate,
} from '../../../shared/office-hours/office-hours.schemas.ts';
import { ErrorMessage } from '../../components/page-parts.tsx';
import { fieldState } from '../../forms/fields.ts';
import { FormActions } from '../../forms/form-actions.tsx';
import { useForm } from '../../forms/use-form.ts';
import { DelegateSelect } from './delegate-select.tsx';
import {
  fromRrule,
  ORDINALS,
  parseDates,
  toRrule,
  WEEKDAYS,
  type Preset,
  type Recurrence,
} from './recurrence-presets.ts';

const PRESETS: [Preset, string, string?][] = [
  ['weekly', 'Chaque semaine le …'],
  ['monthly', 'Certaines semaines du mois', 'Par exemple le 1er jeudi du mois, ou le 1er et le 3e lundi.'],
  ['biweekly', 'Une semaine sur deux le …', 'À partir de la semaine de la date de début.'],
  ['dates', 'Dates précises'],
  ['custom', 'Règle personnalisée (RFC 5545)'],
];

export type ScheduleBody = Omit<OfficeHourScheduleCreate, 'venueId'>;

interface Values {
  title: string;
  recurrence: Recurrence;
  dates: string;
  startTime: string;
  endTime: string;
  startDate: string;
  endDate: string;
  delegateUserId: string;
  booking: boolean;
  slotMinutes: string;
}

function valuesOf(schedule: OfficeHourSchedule | null): Values {
  return {
    title: schedule?.title ?? 'Permanence du délégué à la cohésion police-population',
    recurrence: fromRrule(schedule ? schedule.rrule : 'FREQ=WEEKLY;BYDAY=WE'),
    dates: schedule?.rdates.join('\n') ?? '',
    startTime: schedule?.startTime ?? '14:00',
    endTime: schedule?.endTime ?? '17:00',
    startDate: schedule?.startDate ?? '',
    endDate: schedule?.endDate ?? '',
    delegateUserId: '',
    booking: schedule?.bookingEnabled ?? false,
    slotMinutes: String(schedule?.slotMinutes ?? 20),
  };
}

/** Add or edit a schedule: a recurrence preset (or explicit dates), hours and period; the server's errors land next to their fields. */
export function ScheduleForm({
  schedule,
  onSubmit,
  onCancel,
}: {
  schedule: OfficeHourSchedule | null;
  onSubmit: (body: ScheduleBody) => Promise<unknown>;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<Values>(() => valuesOf(schedule));
  const { errors, general, busy, check, send } = useForm();
  const set = (patch: Partial<Values>) => setValues((current) => ({ ...current, ...patch }));
  const setRecurrence = (patch: Partial<Recurrence>) => set({ recurrence: { ...values.recurrence, ...patch } });
  const { recurrence } = values;
  const formId = schedule ? `formulaire-calendrier-${schedule.id}` : 'formulaire-calendrier';

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const missing: Record<string, string> = {};
    const rdates = parseDates(values.dates);
    if (!values.title.trim()) missing.title = 'Indiquez l’intitulé de la permanence.';
    if (!rdates) missing.rdates = 'Une date est illisible : écrivez-les au format JJ/MM/AAAA, une par ligne.';
    if (recurrence.preset === 'dates' && rdates?.length === 0) missing.rdates = 'Indiquez au moins une date.';
    if (recurrence.preset === 'monthly' && recurrence.ordinals.length === 0)
      missing.rrule = 'Cochez au moins une semaine du mois.';
    if (recurrence.preset === 'custom' && !recurrence.custom.trim())
      missing.rrule = 'Écrivez la règle, par exemple FREQ=WEEKLY;BYDAY=WE.';
    if (!values.startDate) missing.startDate = 'Indiquez la date de début.';
    if (!values.startTime) missing.startTime = 'Indiquez l’heure de début.';
    if (!values.endTime) missing.endTime = 'Indiquez l’heure de fin.';
    const slotMinutes = Number(values.slotMinutes);
    if (values.booking && (!Number.isInteger(slotMinutes) || slotMinutes < 5 || slotMinutes > 480))
      missing.slotMinutes = 'Indiquez une durée de créneau entre 5 et 480 minutes.';
    if (!check(missing)) return;
    await send(() =>
      onSubmit({
        title: values.title.trim(),
        rrule: toRrule(recurrence),
        rdates: rdates ?? [],
        startTime: values.startTime,
        endTime: values.endTime,
        startDate: values.startDate,
        ...(values.endDate ? { endDate: values.endDate } : {}),
        bookingEnabled: values.booking,
        slotMinutes: values.booking ? slotMinutes : null,
        ...(!schedule && values.delegateUserId ? { delegateUserId: values.delegateUserId } : {}),
      }),
    );
  }

  return (
    <form
      id={formId}
      className="psq-form fr-mt-2w"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby={`${formId}-titre`}
    >
      <h3 id={`${formId}-titre`} className="fr-h5">
        {schedule ? `Modifier le calendrier « ${schedule.title} »` : 'Nouveau calendrier de permanences'}
      </h3>
      <ErrorMessage message={general} />
      {!schedule && (
        <DelegateSelect
          value={values.delegateUserId}
          onChange={(delegateUserId) => set({ delegateUserId })}
          error={errors.delegateUserId}
        />
      )}
      <Input
        label="Intitulé"
        {...fieldState(errors.title)}
        nativeInputProps={{
          name: 'intitule',
          maxLength: 160,
          value: values.title,
          onChange: (e) => set({ title: e.target.value }),
        }}
      />
      <RadioButtons
        legend="Récurrence"
        name={`${formId}-recurrence`}
        {...fieldState(errors.rrule)}
        options={PRESETS.map(([preset, label, hint]) => ({
          label,
          hintText: hint,
          nativeInputProps: {
            value: preset,
            checked: recurrence.preset === preset,
            onChange: () => setRecurrence({ preset }),
          },
        }))}
      />
      {recurrence.preset === 'monthly' && (
        <Checkbox
          orientation="horizontal"
          legend="Semaines du mois"
          options={ORDINALS.map(([n, label]) => ({
            label,
            nativeInputProps: {
              name: 'semaines',
              value: String(n),
              checked: recurrence.ordinals.includes(n),
              onChange: (e) =>
                setRecurrence({
                  ordinals: e.target.checked ? [...recurrence.ordinals, n] : recurrence.ordinals.filter((o) => o !== n),
                }),
            },
          }))}
        />
      )}
      {(recurrence.preset === 'weekly' || recurrence.preset === 'biweekly' || recurrence.preset === 'monthly') && (
        <Select
          label="Jour de la semaine"
          nativeSelectProps={{
            name: 'jour',
            value: recurrence.weekday,
            onChange: (e) => setRecurrence({ weekday: e.target.value }),
          }}
        >
          {WEEKDAYS.map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </Select>
      )}
      {recurrence.preset === 'custom' && (
        <Input
          label="Règle RRULE"
          hintText="Valeur de RRULE (RFC 5545), sans DTSTART ni heures : FREQ=MONTHLY;BYDAY=2TU,4TU"
          nativeInputProps={{
            name: 'rrule',
            maxLength: 300,
            value: recurrence.custom,
            onChange: (e) => setRecurrence({ custom: e.target.value }),
          }}
        />
      )}
      <Input
        label={recurrence.preset === 'dates' ? 'Dates' : 'Dates en plus de la règle (facultatif)'}
        hintText="Une date par ligne, au format JJ/MM/AAAA (par exemple 12/03/2027)."
        textArea
        {...fieldState(errors.rdates)}
        nativeTextAreaProps={{
          name: 'dates',
          rows: 3,
          value: values.dates,
          onChange: (e) => set({ dates: e.target.value }),
        }}
      />
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend fr-text--regular">Horaires (heure de Paris)</legend>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <Input
            label="Début"
            {...fieldState(errors.startTime)}
            nativeInputProps={{
              name: 'debut',
              type: 'time',
              value: values.startTime,
              onChange: (e) => set({ startTime: e.target.value }),
            }}
          />
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <Input
            label="Fin"
            {...fieldState(errors.endTime)}
            nativeInputProps={{
              name: 'fin',
              type: 'time',
              value: values.endTime,
              onChange: (e) => set({ endTime: e.target.value }),
            }}
          />
        </div>
      </fieldset>
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend fr-text--regular">Période</legend>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <Input
            label="Date de début"
            {...fieldState(errors.startDate)}
            nativeInputProps={{
              name: 'date-debut',
              type: 'date',
              value: values.startDate,
              onChange: (e) => set({ startDate: e.target.value }),
            }}
          />
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <Input
            label="Date de fin"
            hintText="Deux ans au plus après le début."
            {...fieldState(errors.endDate)}
            nativeInputProps={{
              name: 'date-fin',
              type: 'date',
              value: values.endDate,
              onChange: (e) => set({ endDate: e.target.value }),
            }}
          />
        </div>
      </fieldset>
      <Checkbox
        legend="Rendez-vous"
        options={[
          {
            label: 'Les habitants peuvent réserver un créneau en ligne',
            hintText: 'Les personnes sans rendez-vous restent reçues.',
            nativeInputProps: {
              name: 'reservation',
              checked: values.booking,
              onChange: (e) => set({ booking: e.target.checked }),
            },
          },
        ]}
      />
      {values.booking && (
        <Input
          label="Durée d’un créneau (minutes)"
          {...fieldState(errors.slotMinutes)}
          nativeInputProps={{
            name: 'duree-creneau',
            type: 'number',
            min: 5,
            max: 480,
            step: 5,
            inputMode: 'numeric',
            value: values.slotMinutes,
            onChange: (e) => set({ slotMinutes: e.target.value }),
          }}
        />
      )}
      <FormActions editing={schedule !== null} busy={busy} onCancel={onCancel} createLabel="Ajouter le calendrier" />
    </form>
  );
}
