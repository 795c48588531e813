import { Table } from '@codegouvfr/react-dsfr/Table';
import type { OfficeHourVenueCreate } from '../../../shared/office-hours/office-hours.schemas.ts';
import { officeHoursContracts } from '../../../shared/office-hours/office-hours.contracts.ts';
import { publicOfficeHoursContracts } from '../../../shared/office-hours/public.contracts.ts';
import { call, urlOf } from '../../client/call.ts';
import { fullySignedIn, useSession } from '../../client/session.ts';
import { setFlash, useAsync, useDocumentTitle, useFlash } from '../../app/hooks.ts';
import { AppLink, navigate } from '../../app/router.tsx';
import { ErrorMessage, Loading, SuccessMessage } from '../../components/page-parts.tsx';
import { VenueForm } from './venue-form.tsx';

/** `/gestion-permanences`: the venues of my territory, and a form to add one. */
export function ManageVenuesPage() {
  useDocumentTitle('Gérer les permanences');
  const session = useSession();
  const flash = useFlash();
  const venues = useAsync(async () => (await call(officeHoursContracts.listVenues)).items, []);

  async function create(body: OfficeHourVenueCreate): Promise<void> {
    const venue = await call(officeHoursContracts.createVenue, { body });
    setFlash(`Le lieu « ${venue.name} » a été ajouté : ajoutez-lui un calendrier de permanences.`);
    navigate(`/gestion-permanences/lieux/${venue.id}`);
  }

  const rows = (venues.data ?? []).map((venue) => [
    <AppLink key="lieu" href={`/gestion-permanences/lieux/${venue.id}`}>
      {venue.name}
    </AppLink>,
    venue.address,
    venue.municipality.name,
    venue.sector?.name ?? '—',
  ]);

  return (
    <>
      <h1>Gérer les permanences</h1>
      <p>
        Les lieux où vous tenez vos permanences, et pour chacun ses calendriers : ils sont publiés sur la page publique
        des <AppLink href="/permanences">permanences</AppLink> et dans les calendriers iCalendar.
      </p>
      {fullySignedIn(session) && (
        <p className="fr-text--sm">
          <a
            href={urlOf(publicOfficeHoursContracts.delegateFeed, { params: { id: session.me.user.id } })}
            type="text/calendar"
          >
            Mon calendrier de permanences (iCalendar)
          </a>{' '}
          — à ajouter à votre agenda ; il existe dès que vous tenez une permanence.
        </p>
      )}
      <p>
        <AppLink href="/gestion-permanences/tableau-de-bord">Tableau de bord et visites notées</AppLink>
      </p>
      <SuccessMessage message={flash} />
      <ErrorMessage message={venues.error} />
      {venues.loading && !venues.data ? (
        <Loading />
      ) : venues.data && rows.length === 0 ? (
        <p>Aucun lieu de permanence dans votre territoire pour l’instant.</p>
      ) : venues.data ? (
        <Table
          caption="Lieux de permanence de mon territoire"
          headers={['Lieu', 'Adresse', 'Commune', 'Secteur']}
          data={rows}
          bordered
          className="psq-table"
        />
      ) : null}
      <VenueForm venue={null} onSubmit={create} onCancel={() => undefined} />
    </>
  );
}
