import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import type { OfficeHourSchedule, OfficeHourVenueCreate } from '../../../shared/office-hours/office-hours.schemas.ts';
import { officeHoursContracts } from '../../../shared/office-hours/office-hours.contracts.ts';
import { publicOfficeHoursContracts } from '../../../shared/office-hours/public.contracts.ts';
import { call, urlOf } from '../../client/call.ts';
import { setFlash, useAsync, useDocumentTitle, useFlash } from '../../app/hooks.ts';
import { navigate } from '../../app/router.tsx';
import { DeleteButton, ErrorMessage, Loading, SuccessMessage } from '../../components/page-parts.tsx';
import { focusFirstField } from '../../forms/fields.ts';
import { useForm } from '../../forms/use-form.ts';
import { formatDate } from '../../../shared/format/french-dates.ts';
import { hours, venueLine } from './office-hours-display.tsx';
import { OccurrenceManager } from './occurrence-manager.tsx';
import { describeRrule } from './recurrence-presets.ts';
import { ScheduleForm, type ScheduleBody } from './schedule-form.tsx';
import { VenueForm } from './venue-form.tsx';

/** Days of upcoming occurrences shown to the delegate, to cancel, move or restore them. */
const HORIZON_DAYS = 180;

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
}

/** `/gestion-permanences/lieux/:id`: a venue, its schedules and their upcoming dates. */
export function VenueManagePage({ venueId }: { venueId: string }) {
  const detail = useAsync(() => call(officeHoursContracts.getVenue, { params: { id: venueId } }), [venueId]);
  const venue = detail.data?.venue;
  const upcoming = useAsync(
    () =>
      venue
        ? call(publicOfficeHoursContracts.listing, {
            query: { municipality: venue.municipality.inseeCode, from: isoDay(0), to: isoDay(HORIZON_DAYS) },
          })
        : Promise.resolve(null),
    [venue?.municipality.inseeCode, detail.data],
  );
  useDocumentTitle(venue ? `Permanences — ${venue.name}` : 'Lieu de permanence');
  const flash = useFlash();
  const action = useForm();
  const [editingVenue, setEditingVenue] = useState(false);
  const [editing, setEditing] = useState<OfficeHourSchedule | 'new' | null>(null);

  async function saveVenue(body: OfficeHourVenueCreate): Promise<void> {
    await call(officeHoursContracts.updateVenue, { params: { id: venueId }, body });
    setEditingVenue(false);
    action.setSuccess('Le lieu a été modifié.');
    detail.reload();
  }

  async function saveSchedule(body: ScheduleBody): Promise<void> {
    if (editing && editing !== 'new')
      await call(officeHoursContracts.updateSchedule, { params: { id: editing.id }, body });
    else await call(officeHoursContracts.createSchedule, { body: { ...body, venueId } });
    action.setSuccess(editing === 'new' ? 'Le calendrier a été ajouté.' : 'Le calendrier a été modifié.');
    setEditing(null);
    detail.reload();
  }

  async function removeVenue(): Promise<void> {
    if (await action.send(() => call(officeHoursContracts.deleteVenue, { params: { id: venueId } }))) {
      setFlash(`Le lieu « ${venue?.name ?? ''} » a été retiré.`);
      navigate('/gestion-permanences');
    }
  }

  async function removeSchedule(schedule: OfficeHourSchedule): Promise<void> {
    if (
      await action.send(
        () => call(officeHoursContracts.deleteSchedule, { params: { id: schedule.id } }),
        `Le calendrier « ${schedule.title} » a été supprimé.`,
      )
    )
      detail.reload();
  }

  if (!detail.data) {
    return (
      <>
        <h1>Lieu de permanence</h1>
        <ErrorMessage message={detail.error} />
        {detail.loading && <Loading />}
      </>
    );
  }
  const { schedules } = detail.data;
  const current = detail.data.venue;
  return (
    <>
      <Breadcrumb
        className="fr-mt-0 fr-mb-3w"
        homeLinkProps={{ href: '/' }}
        segments={[{ label: 'Gérer les permanences', linkProps: { href: '/gestion-permanences' } }]}
        currentPageLabel={current.name}
      />
      <h1>{current.name}</h1>
      <p>
        {venueLine(current)}, {current.municipality.name}.
        {current.accessibilityNotes ? ` Accessibilité : ${current.accessibilityNotes}` : ''}
      </p>
      <p className="fr-text--sm">
        <a href={urlOf(publicOfficeHoursContracts.venueFeed, { params: { id: current.id } })} type="text/calendar">
          Calendrier public de ce lieu (iCalendar)
        </a>
      </p>
      <SuccessMessage message={flash ?? action.success} />
      <ErrorMessage message={action.general ?? upcoming.error} />
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
        <li>
          <Button
            priority="secondary"
            iconId="fr-icon-edit-line"
            onClick={() => (setEditingVenue(true), focusFirstField('formulaire-lieu-modifier'))}
          >
            Modifier le lieu
          </Button>
        </li>
        <li>
          <DeleteButton label={`Supprimer le lieu ${current.name} et ses calendriers`} onConfirm={removeVenue} />
        </li>
      </ul>
      {editingVenue && <VenueForm venue={current} onSubmit={saveVenue} onCancel={() => setEditingVenue(false)} />}

      <h2 className="fr-mt-4w">Calendriers de permanences</h2>
      {schedules.length === 0 && <p>Aucun calendrier pour ce lieu.</p>}
      {schedules.map((schedule) => (
        <section key={schedule.id} className="psq-oh-schedule" aria-labelledby={`calendrier-${schedule.id}`}>
          <h3 id={`calendrier-${schedule.id}`} className="fr-h5">
            {schedule.title}
          </h3>
          <p className="fr-mb-1w">
            {describeRrule(schedule.rrule)}
            {schedule.rrule && schedule.rdates.length > 0 ? ', et ' : ''}
            {schedule.rdates.length > 0
              ? (schedule.rrule ? '' : ' : ') + schedule.rdates.map((d) => formatDate(d)).join(', ')
              : ''}
            , de {hours(schedule.startTime, schedule.endTime)}, du {formatDate(schedule.startDate)} au{' '}
            {formatDate(schedule.endDate)}.
          </p>
          <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
            <li>
              <Button
                size="small"
                priority="secondary"
                iconId="fr-icon-edit-line"
                onClick={() => (setEditing(schedule), focusFirstField(`formulaire-calendrier-${schedule.id}`))}
                nativeButtonProps={{ 'aria-label': `Modifier le calendrier ${schedule.title}` }}
              >
                Modifier
              </Button>
            </li>
            <li>
              <DeleteButton
                label={`Supprimer le calendrier ${schedule.title}`}
                onConfirm={() => removeSchedule(schedule)}
              />
            </li>
          </ul>
          {editing !== 'new' && editing?.id === schedule.id && (
            <ScheduleForm
              key={schedule.id}
              schedule={schedule}
              onSubmit={saveSchedule}
              onCancel={() => setEditing(null)}
            />
          )}
          <OccurrenceManager
            schedule={schedule}
            occurrences={
              upcoming.data?.venues
                .find((v) => v.venue.id === venueId)
                ?.occurrences.filter((o) => o.scheduleId === schedule.id) ?? []
            }
            horizon={isoDay(HORIZON_DAYS)}
            onChanged={(message) => {
              action.setSuccess(message);
              detail.reload();
            }}
          />
        </section>
      ))}
      {editing === 'new' ? (
        <ScheduleForm key="new" schedule={null} onSubmit={saveSchedule} onCancel={() => setEditing(null)} />
      ) : (
        <Button iconId="fr-icon-add-line" onClick={() => (setEditing('new'), focusFirstField('formulaire-calendrier'))}>
          Ajouter un calendrier
        </Button>
      )}
    </>
  );
}
