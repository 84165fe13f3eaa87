import type { Hazard, PatrolRoute, PatrolRouteInput, PatrolTour } from '@vigil/shared';
import { postFile, requestJson } from '../../lib/http';
import type { QueuedCheckin } from './checkinOutbox';

/** The patrol and hazard endpoints (server/src/routes/patrols.routes.ts). */

export type RouteDraft = Omit<PatrolRouteInput, 'checkpoints'> & { checkpoints: { deviceId: string; minutes: number; nfcTagId: string | null }[] };

export const fetchRoutes = async (siteId?: string) =>
  (await requestJson<{ routes: PatrolRoute[] }>(`/api/v1/patrol/routes${siteId ? `?siteId=${encodeURIComponent(siteId)}` : ''}`)).routes;

export const fetchRoute = async (routeId: string) => (await requestJson<{ route: PatrolRoute }>(`/api/v1/patrol/routes/${encodeURIComponent(routeId)}`)).route;

export async function saveRoute(draft: RouteDraft, routeId: string | null): Promise<PatrolRoute> {
  const path = routeId ? `/api/v1/patrol/routes/${encodeURIComponent(routeId)}` : '/api/v1/patrol/routes';
  return (await requestJson<{ route: PatrolRoute }>(path, { method: routeId ? 'PUT' : 'POST', body: draft })).route;
}

export const removeRoute = (routeId: string) => requestJson<{ seq: number }>(`/api/v1/patrol/routes/${encodeURIComponent(routeId)}`, { method: 'DELETE' });

export interface TourDetail {
  tour: PatrolTour & { coverage: number; checked: number; missed: number; flagged: number; late: number };
  checkins: { id: string; index: number; deviceId: string; method: string; scannedAt: string; flagged: boolean; late: boolean; nearestM: number | null }[];
  track: { at: string; position: [number, number]; floor: number }[];
}

export const fetchTour = (tourId: string) => requestJson<TourDetail>(`/api/v1/patrol/tours/${encodeURIComponent(tourId)}`);

export function sendCheckin(checkin: QueuedCheckin): Promise<{ flagged: boolean }> {
  const { clientId, tourId, method, deviceId, qrText, nfcTagId, scannedAt } = checkin;
  return requestJson<{ flagged: boolean }>('/api/v1/patrol/checkins', { method: 'POST', body: { clientId, tourId, method, deviceId, qrText, nfcTagId, scannedAt } });
}

export const reportHazard = async (body: { commandId: string; siteId: string; note: string; deviceId: string | null; tourId: string | null; position: [number, number] | null; floor: number }) =>
  (await requestJson<{ hazard: Hazard }>('/api/v1/hazards', { method: 'POST', body })).hazard;

export const addHazardPhoto = (hazardId: string, commandId: string, photo: Blob) =>
  postFile<{ photoId: string }>(`/api/v1/hazards/${encodeURIComponent(hazardId)}/photos?commandId=${encodeURIComponent(commandId)}`, photo);

const hazardCommand = (hazardId: string, command: 'assign' | 'rectify' | 'verify', body: Record<string, string>) =>
  requestJson<{ seq: number }>(`/api/v1/hazards/${encodeURIComponent(hazardId)}/${command}`, { method: 'POST', body });

/** Give the hazard to a login to rectify (commanders); a new command id each time it is asked. */
export const assignHazard = (hazardId: string, commandId: string, userId: string) => hazardCommand(hazardId, 'assign', { commandId, userId });

/** Mark it rectified with what was done (the assignee, or a commander recording it). */
export const rectifyHazard = (hazardId: string, commandId: string, note: string) => hazardCommand(hazardId, 'rectify', { commandId, note });

export const verifyHazard = (hazardId: string, commandId: string) => hazardCommand(hazardId, 'verify', { commandId });
