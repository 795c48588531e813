import type {
  NearOfficeHours,
  OfficeHourException,
  OfficeHourExceptionCreate,
  OfficeHourSchedule,
  OfficeHourScheduleCreate,
  OfficeHourScheduleUpdate,
  OfficeHourVenue,
  OfficeHourVenueCreate,
  OfficeHourVenueDetail,
  OfficeHourVenueList,
  OfficeHourVenueUpdate,
  PublicOfficeHours,
} from '../../shared/office-hours/office-hours.schemas.ts';
import { query, request } from './http.ts';

const id = (value: string) => encodeURIComponent(value);

/** Office hours (permanences): the public listing and search, and the delegates' venues and schedules. */
export const officeHoursApi = {
  listPublic: (
    where: { municipality?: string; department?: string; from?: string; to?: string },
    signal?: AbortSignal,
  ) => request<PublicOfficeHours>(`/api/public/office-hours${query(where)}`, { signal }),
  near: (lat: number, lon: number) => request<NearOfficeHours>(`/api/public/office-hours/near${query({ lon, lat })}`),

  venues: () => request<OfficeHourVenueList>('/api/office-hours/venues').then((r) => r.items),
  venue: (venueId: string) => request<OfficeHourVenueDetail>(`/api/office-hours/venues/${id(venueId)}`),
  createVenue: (body: OfficeHourVenueCreate) =>
    request<OfficeHourVenue>('/api/office-hours/venues', { method: 'POST', body }),
  updateVenue: (venueId: string, body: OfficeHourVenueUpdate) =>
    request<OfficeHourVenue>(`/api/office-hours/venues/${id(venueId)}`, { method: 'PATCH', body }),
  deleteVenue: (venueId: string) => request<void>(`/api/office-hours/venues/${id(venueId)}`, { method: 'DELETE' }),

  createSchedule: (body: OfficeHourScheduleCreate) =>
    request<OfficeHourSchedule>('/api/office-hours/schedules', { method: 'POST', body }),
  updateSchedule: (scheduleId: string, body: OfficeHourScheduleUpdate) =>
    request<OfficeHourSchedule>(`/api/office-hours/schedules/${id(scheduleId)}`, { method: 'PATCH', body }),
  deleteSchedule: (scheduleId: string) =>
    request<void>(`/api/office-hours/schedules/${id(scheduleId)}`, { method: 'DELETE' }),
  addException: (scheduleId: string, body: OfficeHourExceptionCreate) =>
    request<OfficeHourException>(`/api/office-hours/schedules/${id(scheduleId)}/exceptions`, { method: 'POST', body }),
  deleteException: (exceptionId: string) =>
    request<void>(`/api/office-hours/exceptions/${id(exceptionId)}`, { method: 'DELETE' }),
};

/** The iCalendar feeds (served by the server, not by the web app). */
export const calendarFeeds = {
  commune: (insee: string) => `/calendar/communes/${id(insee)}.ics`,
  department: (code: string) => `/calendar/departements/${id(code)}.ics`,
  venue: (venueId: string) => `/calendar/venues/${id(venueId)}.ics`,
  delegate: (userId: string) => `/calendar/delegates/${id(userId)}.ics`,
};
