import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type { PublicOfficeHours } from '../../../shared/office-hours/office-hours.schemas.ts';
import { publicOfficeHoursContracts } from '../../../shared/office-hours/public.contracts.ts';
import { call, urlOf } from '../../client/call.ts';
import { territoryContracts } from '../../../shared/territory/territory.contracts.ts';
import { useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { AppLink, navigate } from '../../app/router.tsx';
import { ErrorMessage, Loading } from '../../components/page-parts.tsx';
import { formatDate } from '../../../shared/format/french-dates.ts';
import { byName, departmentLabel } from '../../components/territory-display.tsx';
import {
  BookingLink,
  byMonth,
  DelegateFeedLink,
  monthHeading,
  OccurrenceText,
  venueLine,
} from './office-hours-display.tsx';

const DEFAULT_DEPARTMENT = '57';

type Where = { department: string } | { municipality: string };

/** The public listing: a département's (`/permanences/departement/57`) or a commune's (`/permanences/commune/57463`) next office hours. */
export function PublicOfficeHoursPage({ where }: { where?: Where }) {
  const target: Where = where ?? { department: DEFAULT_DEPARTMENT };
  const key = 'department' in target ? `d${target.department}` : `c${target.municipality}`;
  const listing = useAsync(() => call(publicOfficeHoursContracts.listing, { query: target }), [key]);
  const departments = useAsync(() => call(territoryContracts.departments).then((r) => r.items), []);
  const venues = listing.data?.venues ?? [];
  const commune = 'municipality' in target ? (venues[0]?.venue.municipality.name ?? null) : null;
  const department = 'department' in target ? departments.data?.find((d) => d.code === target.department) : undefined;
  const place =
    'municipality' in target
      ? commune
        ? `à ${commune}`
        : `dans la commune ${target.municipality}`
      : department
        ? `— ${department.name}`
        : `— département ${target.department}`;
  const title = `Permanences ${place}`;
  useDocumentTitle(title);
  const departmentCode =
    'department' in target
      ? target.department
      : target.municipality.slice(0, target.municipality.startsWith('97') ? 3 : 2);
  const departmentId = departments.data?.find((d) => d.code === departmentCode)?.id;
  const communes = useAsync(
    () =>
      departmentId
        ? call(territoryContracts.municipalities, { query: { departmentId } }).then((r) => r.items)
        : Promise.resolve([]),
    [departmentId],
  );

  return (
    <>
      <Breadcrumb
        className="fr-mt-0 fr-mb-3w"
        homeLinkProps={{ href: '/' }}
        segments={
          'municipality' in target
            ? [{ label: 'Permanences', linkProps: { href: `/permanences/departement/${departmentCode}` } }]
            : []
        }
        currentPageLabel={'municipality' in target ? (commune ?? target.municipality) : 'Permanences'}
      />
      <h1>{title}</h1>
      <p className="fr-text--lead">
        Les délégués à la cohésion police-population et les commissaires reçoivent les habitants, avec ou sans
        rendez-vous, pour écouter leurs demandes et leurs difficultés de sécurité au quotidien.
      </p>
      <ul className="fr-links-group psq-oh-links">
        <li>
          <AppLink
            className="fr-link fr-icon-map-pin-2-line fr-link--icon-left"
            href={`/permanences/pres-de-chez-moi${'municipality' in target ? `?commune=${target.municipality}` : ''}`}
          >
            Trouver la prochaine permanence près de chez moi
          </AppLink>
        </li>
        {'department' in target && (
          <li>
            <a
              className="fr-link fr-icon-calendar-line fr-link--icon-left"
              href={urlOf(publicOfficeHoursContracts.departmentFeed, { params: { code: target.department } })}
              type="text/calendar"
            >
              S’abonner au calendrier des permanences du département (iCalendar)
            </a>
          </li>
        )}
        {'municipality' in target && (
          <li>
            <a
              className="fr-link fr-icon-calendar-line fr-link--icon-left"
              href={urlOf(publicOfficeHoursContracts.communeFeed, { params: { insee: target.municipality } })}
              type="text/calendar"
            >
              S’abonner au calendrier des permanences {commune ? `de ${commune}` : 'de la commune'} (iCalendar)
            </a>
          </li>
        )}
      </ul>
      <div className="fr-grid-row fr-grid-row--gutters">
        {departments.data && departments.data.length > 1 && (
          <div className="fr-col-12 fr-col-md-6">
            <Select
              label="Département"
              nativeSelectProps={{
                value: departmentCode,
                onChange: (e) => navigate(`/permanences/departement/${encodeURIComponent(e.target.value)}`),
              }}
            >
              {departments.data.map((d) => (
                <option key={d.id} value={d.code}>
                  {departmentLabel(d)}
                </option>
              ))}
            </Select>
          </div>
        )}
        {communes.data && communes.data.length > 0 && (
          <div className="fr-col-12 fr-col-md-6">
            <Select
              label="Commune"
              nativeSelectProps={{
                value: 'municipality' in target ? target.municipality : '',
                onChange: (e) =>
                  navigate(
                    e.target.value
                      ? `/permanences/commune/${encodeURIComponent(e.target.value)}`
                      : `/permanences/departement/${departmentCode}`,
                  ),
              }}
            >
              <option value="">Toutes les communes du département</option>
              {[...communes.data].sort(byName).map((m) => (
                <option key={m.id} value={m.inseeCode}>
                  {m.name} ({m.inseeCode})
                </option>
              ))}
            </Select>
          </div>
        )}
      </div>
      <ErrorMessage message={listing.error} />
      {listing.loading && !listing.data && <Loading />}
      {listing.data && <Listing data={listing.data} showCommune={'department' in target} />}
    </>
  );
}

function Listing({ data, showCommune }: { data: PublicOfficeHours; showCommune: boolean }) {
  if (data.venues.length === 0) return <p>Aucune permanence n’est annoncée d’ici le {formatDate(data.to)}.</p>;
  const all = data.venues.flatMap(({ venue, occurrences }) =>
    occurrences.map((occurrence) => ({ venue, occurrence, date: occurrence.date })),
  );
  return (
    <>
      <p className="fr-text--sm">
        Du {formatDate(data.from)} au {formatDate(data.to)}. Heures de Paris. Une permanence annulée reste affichée,
        barrée, avec son motif.
      </p>
      {byMonth(all).map(([month, items]) => (
        <section key={month} aria-labelledby={`mois-${month}`} className="fr-mt-4w">
          <h2 id={`mois-${month}`}>{monthHeading(month)}</h2>
          {data.venues
            .filter(({ venue }) => items.some((item) => item.venue.id === venue.id))
            .map(({ venue }) => (
              <div key={venue.id} className="psq-oh-venue">
                <h3 className="fr-h5 fr-mb-1v">
                  {venue.name}
                  {showCommune ? ` — ${venue.municipality.name}` : ''}
                </h3>
                <p className="fr-text--sm fr-mb-1w">{venueLine(venue)}</p>
                <ul className="psq-oh-dates">
                  {items
                    .filter((item) => item.venue.id === venue.id)
                    .map(({ occurrence }) => (
                      <li
                        key={`${occurrence.scheduleId}-${occurrence.date}-${occurrence.status}`}
                        className={occurrence.status === 'cancelled' ? 'psq-oh-cancelled' : undefined}
                      >
                        <OccurrenceText occurrence={occurrence} />
                        <span className="psq-oh-note">{occurrence.title}</span>
                        <BookingLink occurrence={occurrence} where={venue.name} />
                      </li>
                    ))}
                </ul>
              </div>
            ))}
        </section>
      ))}
      <section aria-labelledby="lieux" className="fr-mt-6w">
        <h2 id="lieux">Les lieux de permanence</h2>
        <ul className="psq-oh-venues">
          {data.venues.map(({ venue, occurrences }) => (
            <li key={venue.id}>
              <strong>{venue.name}</strong>, {venue.address}
              {showCommune && (
                <>
                  {' '}
                  (
                  <AppLink href={`/permanences/commune/${venue.municipality.inseeCode}`}>
                    permanences de {venue.municipality.name}
                  </AppLink>
                  )
                </>
              )}
              {venue.accessibilityNotes && (
                <span className="psq-oh-note">Accessibilité : {venue.accessibilityNotes}</span>
              )}
              <span className="psq-oh-note">
                <a
                  href={urlOf(publicOfficeHoursContracts.venueFeed, { params: { id: venue.id } })}
                  type="text/calendar"
                >
                  S’abonner au calendrier de ce lieu (iCalendar)<span className="fr-sr-only"> : {venue.name}</span>
                </a>
              </span>
              {[...new Set(occurrences.map((o) => o.delegateUserId))].map((delegate) => (
                <DelegateFeedLink key={delegate ?? 'aucun'} delegateUserId={delegate} where={venue.name} />
              ))}
            </li>
          ))}
        </ul>
        <p className="fr-text--sm">
          Un calendrier iCalendar s’ajoute à votre agenda (téléphone, messagerie) : copiez l’adresse du lien dans «
          S’abonner à un calendrier » ; les annulations y apparaissent d’elles-mêmes.
        </p>
      </section>
    </>
  );
}
