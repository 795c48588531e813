import type { Open311Client, Open311ClientCreated, Open311ClientList } from '../../shared/requests/open311.schemas.ts';
import { request } from './http.ts';

/** Open311 client applications and their API keys (administrators). */
export const open311Api = {
  clients: () => request<Open311ClientList>('/api/open311/clients').then((r) => r.items),
  /** Without `departmentId`, the server takes the administrator's only département. */
  create: (name: string, departmentId?: string) =>
    request<Open311ClientCreated>('/api/open311/clients', {
      method: 'POST',
      body: departmentId ? { name, departmentId } : { name },
    }),
  revoke: (id: string) =>
    request<Open311Client>(`/api/open311/clients/${encodeURIComponent(id)}/revoke`, { method: 'POST' }),
};
