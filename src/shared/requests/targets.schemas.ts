import { Type, type Static } from 'typebox';
import { StrictObject, Uuid } from '../common.schemas.ts';
import { RequestCategory } from './requests.schemas.ts';

/**
 * Wire contract of the categories' target times (`/api/requests/category-targets`, issue 6): per
 * département, chosen by `?departmentId=` (the caller's only département when absent).
 */

/** The largest target: one year, in hours. */
export const MAX_TARGET_HOURS = 8760;

/** Where a category's effective targets come from, in order of precedence: the département's administrator, then setting, then default. */
export const TargetSource = Type.Union([Type.Literal('admin'), Type.Literal('setting'), Type.Literal('default')]);
export type TargetSource = Static<typeof TargetSource>;
export const TARGET_SOURCE_LABELS: Record<TargetSource, string> = {
  admin: 'administrateur',
  setting: 'réglage (REQUEST_TARGETS)',
  default: 'défaut',
};

const Hours = Type.Integer({ minimum: 1, maximum: MAX_TARGET_HOURS });
const Timestamp = Type.String({ format: 'date-time' });

export const EffectiveTarget = Type.Object({
  category: RequestCategory,
  /** Hours after the request's creation before it must be acknowledged. */
  ackHours: Hours,
  /** Hours after the request's creation before it must be answered. */
  answerHours: Hours,
  source: TargetSource,
  /** What `DELETE` goes back to: REQUEST_TARGETS, else the code's default. */
  fallback: Type.Object({
    ackHours: Hours,
    answerHours: Hours,
    source: Type.Union([Type.Literal('setting'), Type.Literal('default')]),
  }),
  /** Set by an administrator of the département: when and by whom (null otherwise, or when the account is gone). */
  updatedAt: Type.Union([Timestamp, Type.Null()]),
  updatedBy: Type.Union([Type.Object({ id: Uuid, displayName: Type.String() }), Type.Null()]),
});
export type EffectiveTarget = Static<typeof EffectiveTarget>;

export const EffectiveTargetList = Type.Object({ departmentId: Uuid, items: Type.Array(EffectiveTarget) });
export type EffectiveTargetList = Static<typeof EffectiveTargetList>;

/** The département whose targets are read or changed; optional for a caller who works in only one. */
export const CategoryTargetQuery = StrictObject({ departmentId: Type.Optional(Uuid) });
export type CategoryTargetQuery = Static<typeof CategoryTargetQuery>;

export const CategoryTargetParams = StrictObject({ category: RequestCategory });
export type CategoryTargetParams = Static<typeof CategoryTargetParams>;

/**
 * Whole hours, 1 ≤ ackHours ≤ answerHours ≤ 8760. Numbers here, checked by the server with a
 * French sentence per field (the schema's generic messages would name the JSON keys).
 */
export const CategoryTargetUpdate = StrictObject({
  ackHours: Type.Number({ description: 'Délai de prise en compte, en heures entières (1 à 8 760)' }),
  answerHours: Type.Number({ description: 'Délai de réponse, en heures entières (prise en compte à 8 760)' }),
});
export type CategoryTargetUpdate = Static<typeof CategoryTargetUpdate>;

/**
 * The rule, shared by the server (authoritative) and the web form: French messages per field,
 * empty when the targets are valid.
 */
export function checkCategoryTargets(input: {
  ackHours: number;
  answerHours: number;
}): { field: 'ackHours' | 'answerHours'; message: string }[] {
  const problems: { field: 'ackHours' | 'answerHours'; message: string }[] = [];
  const whole = (value: number) => Number.isInteger(value) && value >= 1 && value <= MAX_TARGET_HOURS;
  if (!whole(input.ackHours))
    problems.push({
      field: 'ackHours',
      message: 'Le délai de prise en compte doit être un nombre entier d’heures, de 1 à 8 760 (un an).',
    });
  if (!whole(input.answerHours))
    problems.push({
      field: 'answerHours',
      message: 'Le délai de réponse doit être un nombre entier d’heures, de 1 à 8 760 (un an).',
    });
  else if (whole(input.ackHours) && input.answerHours < input.ackHours)
    problems.push({
      field: 'answerHours',
      message:
        `Le délai de réponse (${input.answerHours} h) ne peut pas être plus court ` +
        `que le délai de prise en compte (${input.ackHours} h).`,
    });
  return problems;
}
