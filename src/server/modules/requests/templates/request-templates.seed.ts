import { sql } from 'drizzle-orm';
import type { Database } from '../../../platform/db/client.ts';
import type { RequestCategory } from '../../../../shared/requests/requests.schemas.ts';
import type { AnswerTemplateChannel } from '../../../../shared/requests/templates.schemas.ts';
import { requestAnswerTemplates } from './request-templates.tables.ts';

interface NationalTemplate {
  key: string;
  category: RequestCategory | null;
  channel: AnswerTemplateChannel;
  title: string;
  body: string;
}

/**
 * The platform's national templates. Those meant for SMS are written in the GSM-7 alphabet (no ê,
 * ç, ô, no typographic apostrophe) and stay within two SMS with the reference and the tracking
 * link (checked by the tests). The tracking link is appended to every answer: the text only
 * mentions « votre lien de suivi ».
 */
export const NATIONAL_TEMPLATES: readonly NationalTemplate[] = [
  {
    key: 'accuse-reception',
    category: null,
    channel: 'both',
    title: 'Accusé de réception',
    body:
      'Votre demande {reference} du {date_demande} ({categorie}) a bien été ' +
      'enregistrée. Elle sera étudiée par les policiers de votre secteur. En cas ' +
      "d'urgence, appelez le 17.",
  },
  {
    key: 'patrouilles-renforcees',
    category: null,
    channel: 'both',
    title: 'Patrouilles renforcées',
    body:
      'Suite à votre demande {reference}, les patrouilles seront renforcées aux ' +
      'abords du lieu signalé dans les prochains jours. Signalez-nous tout nouveau ' +
      'fait par votre lien de suivi.',
  },
  {
    key: 'transmis-mairie',
    category: null,
    channel: 'both',
    title: 'Transmis à la mairie',
    body:
      "Votre demande {reference} relève de la commune : nous l'avons transmise à " +
      'la mairie, qui vous répondra directement. Votre lien de suivi reste actif.',
  },
  {
    key: 'hors-competence',
    category: null,
    channel: 'both',
    title: 'Hors compétence de la police',
    body:
      'Votre demande {reference} ne relève pas de la police. Adressez-vous au ' +
      'service concerné (mairie, bailleur, conciliateur de justice). En cas ' +
      "d'urgence, appelez le 17.",
  },
  {
    key: 'demande-precisions',
    category: null,
    channel: 'both',
    title: 'Demande de précisions',
    body:
      'Pour traiter votre demande {reference}, il nous faut des précisions : lieu ' +
      'exact, jours et heures des faits, description. Répondez-nous par votre lien ' +
      'de suivi.',
  },
  {
    key: 'cloture-apres-action',
    category: null,
    channel: 'both',
    title: 'Clôture après action',
    body:
      'Des mesures ont été prises suite à votre demande {reference} du ' +
      '{date_demande}, qui est maintenant close. Si les faits se reproduisent, ' +
      'faites une nouvelle demande.',
  },
  {
    key: 'rodeos-controles',
    category: 'motorbike_rodeo',
    channel: 'both',
    title: 'Rodéos : patrouilles ciblées',
    body:
      'Votre signalement de rodéos motorisés ({reference}) a été transmis aux ' +
      'patrouilles. Des patrouilles ciblées seront menées aux heures indiquées. Si ' +
      'un rodéo a lieu, appelez le 17.',
  },
  {
    key: 'bruit-appel-17',
    category: 'noise',
    channel: 'both',
    title: 'Nuisances sonores : appeler pendant les faits',
    body:
      'Votre demande {reference} est prise en compte. Pour un tapage en cours, ' +
      'appelez le 17 (ou la police municipale) : une patrouille pourra constater ' +
      'les faits sur place.',
  },
  {
    key: 'cambriolage-prevention',
    category: 'burglary',
    channel: 'email',
    title: 'Cambriolages : prévention et plainte',
    body:
      'Votre demande {reference} du {date_demande} a bien été prise en ' +
      'compte.\n\nSi vous avez été victime d’un cambriolage, déposez plainte au ' +
      'commissariat ou à la brigade de gendarmerie (pré-plainte possible en ligne) ' +
      'et ne touchez à rien avant le passage des enquêteurs.\n\nPendant vos ' +
      'absences, l’Opération Tranquillité Vacances permet de faire surveiller ' +
      'votre logement : inscrivez-vous auprès du commissariat ou de la ' +
      'brigade.\n\nVous pouvez suivre votre demande et nous répondre avec votre ' +
      'lien de suivi.',
  },
  {
    key: 'stupefiants-confidentialite',
    category: 'drug_dealing',
    channel: 'email',
    title: 'Stupéfiants : informations transmises',
    body:
      'Votre demande {reference} ({categorie}) a été transmise aux services ' +
      'd’enquête.\n\nPour préserver les enquêtes et votre sécurité, nous ne ' +
      'pouvons pas vous informer des suites données. Vos coordonnées ne sont ' +
      'jamais communiquées aux personnes mises en cause.\n\nSi vous constatez de ' +
      'nouveaux faits, signalez-les avec votre lien de suivi ; en cas d’urgence, ' +
      'appelez le 17.',
  },
  {
    key: 'voisinage-mediation',
    category: 'neighbour_dispute',
    channel: 'email',
    title: 'Voisinage : médiation',
    body:
      'Votre demande {reference} a bien été étudiée.\n\nUn conflit de voisinage se ' +
      'règle d’abord à l’amiable : le conciliateur de justice (gratuit, ' +
      'permanences en mairie) ou un médiateur peut vous aider. Si votre logement ' +
      'est loué, votre bailleur peut aussi intervenir.\n\nEn cas de menaces, de ' +
      'violences ou de tapage en cours, appelez le 17.',
  },
  {
    key: 'securite-routiere',
    category: 'road_safety',
    channel: 'both',
    title: 'Sécurité routière : contrôles et mairie',
    body:
      'Votre demande {reference} est prise en compte : des patrouilles passeront ' +
      'sur place. Les aménagements de voirie relèvent de la mairie, à qui nous ' +
      "l'avons signalée.",
  },
];

/**
 * Writes the national templates (insert, or update a text the platform changed). Idempotent; run
 * with the demo seed and on the first use of the templates in each process (see request-templates.ts),
 * so a production database gets them without a migration holding French prose.
 */
export async function seedNationalTemplates(database: Database): Promise<void> {
  const t = requestAnswerTemplates;
  await database.db
    .insert(t)
    .values(
      NATIONAL_TEMPLATES.map((template) => ({
        seedKey: template.key,
        category: template.category,
        channel: template.channel,
        title: template.title,
        body: template.body,
      })),
    )
    .onConflictDoUpdate({
      target: t.seedKey,
      set: {
        title: sql`excluded.title`,
        body: sql`excluded.body`,
        category: sql`excluded.category`,
        channel: sql`excluded.channel`,
        updatedAt: sql`now()`,
      },
      setWhere: sql`(${t.title}, ${t.body}, ${t.category}, ${t.channel}) is distinct from (excluded.title, excluded.body, excluded.category, excluded.channel)`,
    });
}
