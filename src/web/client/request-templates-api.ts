import type {
  AnswerTemplate,
  AnswerTemplateCreate,
  AnswerTemplateList,
  AnswerTemplateQuery,
  AnswerTemplateUpdate,
  RenderedAnswer,
} from '../../shared/requests/templates.schemas.ts';
import { query, request } from './http.ts';

const id = (value: string) => encodeURIComponent(value);

/** Answer templates: national and of my départements, filled in for a request before the answer is sent. */
export const requestTemplatesApi = {
  list: (filters: AnswerTemplateQuery = {}) =>
    request<AnswerTemplateList>(`/api/requests/answer-templates${query(filters)}`).then((r) => r.items),
  create: (body: AnswerTemplateCreate) =>
    request<AnswerTemplate>('/api/requests/answer-templates', { method: 'POST', body }),
  update: (templateId: string, body: AnswerTemplateUpdate) =>
    request<AnswerTemplate>(`/api/requests/answer-templates/${id(templateId)}`, { method: 'PATCH', body }),
  archive: (templateId: string) =>
    request<void>(`/api/requests/answer-templates/${id(templateId)}`, { method: 'DELETE' }),
  render: (requestId: string, templateId: string) =>
    request<RenderedAnswer>(`/api/requests/${id(requestId)}/answer-templates/${id(templateId)}/render`),
};
