import { REQUEST_CATEGORY_LABELS, type RequestCategory } from '../../../../shared/requests/requests.schemas.ts';

/**
 * Our request categories as Open311 services, and the attributes a client may send with them
 * (`attribute[code]=key`). Every service takes the same attributes: when it happens, whether it
 * recurs, the resident's anonymity choice and confidentiality.
 */

const DESCRIPTIONS: Record<RequestCategory, string> = {
  incivilities: 'Dégradations, dépôts sauvages, comportements gênants dans l’espace public.',
  motorbike_rodeo: 'Rodéos de motos, quads ou voitures sur la voie publique.',
  drug_dealing: 'Points de vente ou consommation de stupéfiants.',
  burglary: 'Cambriolages ou tentatives, repérages suspects.',
  noise: 'Bruits répétés, tapage nocturne.',
  neighbour_dispute: 'Différends entre voisins qui dégénèrent.',
  road_safety: 'Vitesse excessive, stationnement dangereux, carrefour accidentogène.',
  other: 'Toute autre question de sécurité du quotidien.',
};
const GROUPS: Record<RequestCategory, string> = {
  incivilities: 'Tranquillité publique',
  noise: 'Tranquillité publique',
  neighbour_dispute: 'Tranquillité publique',
  motorbike_rodeo: 'Délinquance',
  drug_dealing: 'Délinquance',
  burglary: 'Délinquance',
  road_safety: 'Sécurité routière',
  other: 'Autre',
};

export const SERVICE_CODES = Object.keys(REQUEST_CATEGORY_LABELS) as RequestCategory[];
export const isServiceCode = (code: string): code is RequestCategory => (SERVICE_CODES as string[]).includes(code);

export function listServices() {
  return SERVICE_CODES.map((code) => ({
    service_code: code,
    service_name: REQUEST_CATEGORY_LABELS[code],
    description: DESCRIPTIONS[code],
    metadata: true,
    type: 'realtime',
    keywords: REQUEST_CATEGORY_LABELS[code].toLowerCase().split(/\s+/).join(', '),
    group: GROUPS[code],
  }));
}

interface AttributeValue {
  key: string;
  name: string;
}

export const TIME_OF_DAY_VALUES: AttributeValue[] = [
  { key: 'morning', name: 'Le matin' },
  { key: 'afternoon', name: 'L’après-midi' },
  { key: 'evening', name: 'Le soir' },
  { key: 'night', name: 'La nuit' },
  { key: 'any', name: 'À toute heure' },
];
const YES_NO: AttributeValue[] = [
  { key: 'true', name: 'Oui' },
  { key: 'false', name: 'Non' },
];
export const ANONYMITY_VALUES: AttributeValue[] = [
  { key: 'named', name: 'Mon nom peut être transmis aux services qui traitent la demande' },
  { key: 'police_only', name: 'Mon nom n’est connu que de la police' },
  { key: 'anonymous', name: 'Anonyme : aucun nom n’est conservé' },
];

const attribute = (order: number, code: string, description: string, values: AttributeValue[]) => ({
  variable: true,
  code,
  datatype: 'singlevaluelist',
  required: false,
  datatype_description: values.map((v) => v.key).join(', '),
  order,
  description,
  values,
});

/** `GET services/{code}`: the attribute definitions of a service. */
export function serviceDefinition(code: RequestCategory) {
  return {
    service_code: code,
    attributes: [
      attribute(1, 'time_of_day', 'À quel moment de la journée cela se produit-il ?', TIME_OF_DAY_VALUES),
      attribute(2, 'recurring', 'Cela se reproduit-il régulièrement ?', YES_NO),
      attribute(
        3,
        'anonymity',
        'Anonymat du demandeur (par défaut : connu de la police seule s’il donne un nom, anonyme sinon)',
        ANONYMITY_VALUES,
      ),
      attribute(
        4,
        'confidential',
        'Demande confidentielle (visible du seul référent assigné et des administrateurs, jamais publiée)',
        YES_NO,
      ),
    ],
  };
}
