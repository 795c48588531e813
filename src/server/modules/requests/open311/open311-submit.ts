import type { Actor } from '../../../platform/access/actor.ts';
import { BadRequestError } from '../../../platform/errors.ts';
import type { Open311RequestCreate } from '../../../../shared/requests/open311.schemas.ts';
import type { RequestCreate } from '../../../../shared/requests/requests.schemas.ts';
import type { RequestsContext } from '../requests-context.ts';
import { submitRequest } from '../intake/request-intake.ts';
import { ANONYMITY_VALUES, isServiceCode, TIME_OF_DAY_VALUES } from './open311-services.ts';

const COORDINATE = /^-?\d{1,3}(\.\d{1,12})?$/;

function coordinate(name: 'lat' | 'long', text: string, limit: number): number {
  const value = Number(text);
  if (!COORDINATE.test(text.trim()) || Math.abs(value) > limit)
    throw new BadRequestError(`${name} invalide : un nombre décimal entre -${limit} et ${limit} (WGS 84) est attendu.`);
  return value;
}

function listValue<K extends string>(name: string, text: string | undefined, keys: readonly K[]): K | undefined {
  if (text === undefined || text === '') return undefined;
  if (!(keys as readonly string[]).includes(text))
    throw new BadRequestError(`attribute[${name}] invalide : valeurs possibles ${keys.join(', ')}.`);
  return text as K;
}
const yesNo = (name: string, text: string | undefined) => {
  const value = listValue(name, text, ['true', 'false'] as const);
  return value === undefined ? undefined : value === 'true';
};

/**
 * The form of `POST requests` as our own form's body. The place must be a point: we do not
 * geocode `address_string` here (it is kept as the place label). With no anonymity attribute, a
 * resident who gives a name is known to the police only, one who gives none is anonymous.
 */
export function toRequestCreate(form: Open311RequestCreate): RequestCreate {
  if (!isServiceCode(form.service_code))
    throw new BadRequestError(`service_code inconnu : « ${form.service_code} » (voir services.json).`);
  if (form.lat === undefined || form.long === undefined) {
    throw new BadRequestError(
      form.address_string
        ? 'lat et long sont obligatoires : ce serveur ne géocode pas address_string.'
        : 'Lieu manquant : lat et long sont obligatoires.',
    );
  }
  const description = form.description?.trim() ?? '';
  if (description.length < 10)
    throw new BadRequestError('description obligatoire : décrivez la situation en 10 caractères au moins.');
  const name = [form.first_name, form.last_name]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ');
  const anonymity =
    listValue(
      'anonymity',
      form['attribute[anonymity]'],
      ANONYMITY_VALUES.map((v) => v.key) as Array<RequestCreate['anonymity']>,
    ) ?? (name ? 'police_only' : 'anonymous');
  const contact = {
    ...(name ? { name } : {}),
    ...(form.email?.trim() ? { email: form.email.trim() } : {}),
    ...(form.phone?.trim() ? { phone: form.phone.trim() } : {}),
  };
  const timeOfDay = listValue(
    'time_of_day',
    form['attribute[time_of_day]'],
    TIME_OF_DAY_VALUES.map((v) => v.key) as Array<NonNullable<RequestCreate['timeOfDay']>>,
  );
  const recurring = yesNo('recurring', form['attribute[recurring]']);
  const confidential = yesNo('confidential', form['attribute[confidential]']);
  return {
    category: form.service_code,
    description,
    point: { lat: coordinate('lat', form.lat, 90), lon: coordinate('long', form.long, 180) },
    anonymity,
    ...(timeOfDay ? { timeOfDay } : {}),
    ...(recurring !== undefined ? { recurring } : {}),
    ...(confidential !== undefined ? { confidential } : {}),
    ...(form.address_string?.trim() ? { placeLabel: form.address_string.trim() } : {}),
    ...(Object.keys(contact).length ? { contact } : {}),
  };
}

/** Same intake as the web form (channel web), the client application named in the event and the audit. */
export async function submitOpen311Request(
  ctx: RequestsContext,
  actor: Actor,
  client: { id: string; name: string },
  form: Open311RequestCreate,
) {
  const { id, receipt } = await submitRequest(ctx, actor, toRequestCreate(form), 'web', {
    origin: { open311Client: client },
  });
  return { id, receipt };
}
