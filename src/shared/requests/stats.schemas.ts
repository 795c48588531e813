import { Type, type Static } from 'typebox';
import { StrictObject, Uuid } from '../common.schemas.ts';
import { RequestCategory, RequestChannel, RequestStatus } from './requests.schemas.ts';

/** Wire contract of the requests' statistics (`GET /api/requests/stats`). */

const IsoDate = Type.String({
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$',
  description: 'Date « AAAA-MM-JJ » (jour de Paris)',
});

export const RequestStatsQuery = StrictObject({
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  sectorId: Type.Optional(Uuid),
});
export type RequestStatsQuery = Static<typeof RequestStatsQuery>;

const Count = <T extends Parameters<typeof Type.Object>[0]>(key: T) =>
  Type.Array(Type.Object({ ...key, count: Type.Integer() }));
/** Hours from receipt to the step, over the requests that reached it in the period; null when none did. */
const Delay = Type.Object({
  count: Type.Integer(),
  medianHours: Type.Union([Type.Number(), Type.Null()]),
  p90Hours: Type.Union([Type.Number(), Type.Null()]),
});

export const RequestStats = Type.Object({
  from: IsoDate,
  to: IsoDate,
  total: Type.Integer(),
  byCategory: Count({ category: RequestCategory }),
  /** Months of Paris time, « AAAA-MM », every month of the period (zero included). */
  byMonth: Count({ month: Type.String() }),
  byStatus: Count({ status: RequestStatus }),
  byChannel: Count({ channel: RequestChannel }),
  acknowledgement: Delay,
  answer: Delay,
});
export type RequestStats = Static<typeof RequestStats>;
