import { Type, type Static } from 'typebox';
import { PlainLine, PlainText, StrictObject, Uuid } from '../common.schemas.ts';
import { RequestCategory } from './requests.schemas.ts';

/** Wire contract of the answer templates (`/api/requests/answer-templates`, issue 6). */

/** `both`: short enough for an SMS and fit for an e-mail. */
export const AnswerTemplateChannel = Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('both')]);
export type AnswerTemplateChannel = Static<typeof AnswerTemplateChannel>;
const AnswerChannel = Type.Union([Type.Literal('email'), Type.Literal('sms')]);

/** The placeholders a body may hold, replaced for the request when rendered. */
export const ANSWER_TEMPLATE_PLACEHOLDERS = {
  reference: 'référence de la demande (R-2026-000123)',
  categorie: 'catégorie, en français',
  date_demande: 'date de la demande (JJ/MM/AAAA, heure de Paris)',
} as const;

const Title = PlainLine(120);
const Body = PlainText(2000);
const Category = Type.Union([RequestCategory, Type.Null()], { description: 'null : toutes les catégories' });

export const AnswerTemplateQuery = StrictObject({
  category: Type.Optional(RequestCategory),
  /** sms: the templates written for SMS or both; email: for e-mail or both. */
  channel: Type.Optional(AnswerChannel),
});
export type AnswerTemplateQuery = Static<typeof AnswerTemplateQuery>;

export const AnswerTemplateCreate = StrictObject({
  departmentId: Uuid,
  category: Type.Optional(Category),
  channel: AnswerTemplateChannel,
  title: Title,
  body: Body,
});
export type AnswerTemplateCreate = Static<typeof AnswerTemplateCreate>;

export const AnswerTemplateUpdate = StrictObject({
  category: Type.Optional(Category),
  channel: Type.Optional(AnswerTemplateChannel),
  title: Type.Optional(Title),
  body: Type.Optional(Body),
});
export type AnswerTemplateUpdate = Static<typeof AnswerTemplateUpdate>;

const SmsCount = Type.Object({
  segments: Type.Integer(),
  characters: Type.Integer(),
  encoding: Type.Union([Type.Literal('GSM-7'), Type.Literal('UCS-2')]),
});

export const AnswerTemplate = Type.Object({
  id: Uuid,
  /** null: a national template shipped by the platform (read-only). */
  departmentId: Type.Union([Uuid, Type.Null()]),
  category: Category,
  channel: AnswerTemplateChannel,
  title: Type.String(),
  body: Type.String(),
  /** The caller may edit and archive it (a département's template, on which they hold requests.templates.manage). */
  editable: Type.Boolean(),
  /** For sms/both: the whole SMS as sent (prefix, sample values, tracking link); null for e-mail only. */
  sms: Type.Union([SmsCount, Type.Null()]),
  /** French warnings (an SMS over two segments, characters that force UCS-2). */
  warnings: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type AnswerTemplate = Static<typeof AnswerTemplate>;

export const AnswerTemplateList = Type.Object({ items: Type.Array(AnswerTemplate) });
export type AnswerTemplateList = Static<typeof AnswerTemplateList>;

export const RenderParams = StrictObject({ id: Uuid, templateId: Uuid });

/** A template filled in for one request: the text goes to the answer form, editable, then `POST /answers`. */
export const RenderedAnswer = Type.Object({
  templateId: Uuid,
  text: Type.String(),
  /** The SMS this text would make for this request (prefix and tracking link included). */
  sms: SmsCount,
  warnings: Type.Array(Type.String()),
});
export type RenderedAnswer = Static<typeof RenderedAnswer>;
