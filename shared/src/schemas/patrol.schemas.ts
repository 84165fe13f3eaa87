import { z } from 'zod';
import { text } from './text.js';
import { CommandId } from './alarm.schemas.js';
import { EntityId, PointSchema } from './site.schemas.js';
import { CHECKIN_METHODS, HAZARD_STATES } from '../domain/patrol.js';

/**
 * Patrol routes (admin), check-ins (the guard's phone, online or flushed from its queue) and
 * hazards. Errors name the field and the rule: `schedule.start: must be a time HH:MM`.
 */

export const MAX_ROUTE_CHECKPOINTS = 60;
export const MAX_HAZARD_NOTE_CHARS = 1000;
/** A check-in's scan time may be at most this far ahead of the server's clock (a phone's skew). */
export const CHECKIN_MAX_AHEAD_MS = 2 * 60_000;
/** …and at most this old (a phone offline through a night shift). */
export const CHECKIN_MAX_AGE_MS = 24 * 3_600_000;

const int = (min: number, max: number, unit = '') => {
  const rule = `must be an integer from ${min} to ${max}${unit}`;
  return z.number({ error: rule }).int({ error: rule }).min(min, { error: rule }).max(max, { error: rule });
};

const Name = text().trim().min(1, { error: 'must not be empty' }).max(120, { error: 'must be at most 120 characters' });
const Clock = text().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time HH:MM (00:00 to 23:59)' });

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const PatrolScheduleSchema = z
  .object({
    timeZone: text()
      .max(64, { error: 'must be at most 64 characters' })
      .refine(isTimeZone, { error: 'must be an IANA time zone such as Asia/Shanghai' })
      .default('Asia/Shanghai'),
    start: Clock,
    end: Clock,
    everyMinutes: int(10, 1440, ' minutes'),
  })
  .strict();

const NfcTagId = text()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(128, { error: 'must be at most 128 characters' })
  .regex(/^[\w.:\-]+$/, { error: 'may contain only letters, digits and . : - _' });

const RouteCheckpointSchema = z
  .object({ deviceId: EntityId, minutes: int(0, 240, ' minutes'), nfcTagId: NfcTagId.nullable().default(null) })
  .strict();

/** `POST /api/v1/patrol/routes` (new) and `PUT /api/v1/patrol/routes/:routeId` (the whole route). */
export const PatrolRouteInput = z
  .object({
    siteId: EntityId,
    name: Name,
    nameEn: Name.nullable().default(null),
    checkpoints: z
      .array(RouteCheckpointSchema, { error: 'must be an array of checkpoints' })
      .min(1, { error: 'needs at least one checkpoint' })
      .max(MAX_ROUTE_CHECKPOINTS, { error: `must have at most ${MAX_ROUTE_CHECKPOINTS} checkpoints` }),
    schedule: PatrolScheduleSchema,
    guardId: EntityId.nullable().default(null),
    post: Name.nullable().default(null),
    radiusM: int(3, 200, ' metres').default(25),
    allowArrival: z.boolean({ error: 'must be true or false' }).default(false),
    graceMinutes: int(0, 120, ' minutes').default(5),
    active: z.boolean({ error: 'must be true or false' }).default(true),
  })
  .strict()
  .refine((route) => new Set(route.checkpoints.map((c) => c.deviceId)).size === route.checkpoints.length, {
    path: ['checkpoints'],
    error: 'a checkpoint may appear only once',
  })
  .refine((route) => route.checkpoints.reduce((sum, c) => sum + c.minutes, 0) <= route.schedule.everyMinutes * 4 && route.checkpoints.reduce((sum, c) => sum + c.minutes, 0) <= 720, {
    path: ['checkpoints'],
    error: 'the walk must take at most 12 hours and at most four times the schedule interval',
  });
export type PatrolRouteInput = z.infer<typeof PatrolRouteInput>;

export const RouteParams = z.object({ routeId: text().uuid({ error: 'must be a UUID' }) }).strict();
export const TourParams = z.object({ tourId: text().uuid({ error: 'must be a UUID' }) }).strict();
export const HazardParams = z.object({ hazardId: text().uuid({ error: 'must be a UUID' }) }).strict();
export const HazardPhotoParams = z
  .object({ hazardId: text().uuid({ error: 'must be a UUID' }), photoId: text().uuid({ error: 'must be a UUID' }) })
  .strict();

const Iso = text().refine((value) => !Number.isNaN(Date.parse(value)) && /^\d{4}-\d\d-\d\dT/.test(value), { error: 'must be an ISO-8601 date-time' });

/**
 * `POST /api/v1/patrol/checkins`: one check-in, as the phone made it. `clientId` is made on the
 * phone when the guard scans, so a queue flushed twice counts the scan once. A QR label's text,
 * an NFC tag's id or the checkpoint's device id says where; `arrival` needs none of them but the
 * device id of the checkpoint the guard says they reached.
 */
export const CheckinInput = z
  .object({
    clientId: CommandId,
    tourId: text().uuid({ error: 'must be a UUID' }),
    method: z.enum(CHECKIN_METHODS, { error: `must be one of ${CHECKIN_METHODS.join(', ')}` }),
    deviceId: EntityId.optional(),
    qrText: text().max(200, { error: 'must be at most 200 characters' }).optional(),
    nfcTagId: NfcTagId.optional(),
    scannedAt: Iso,
  })
  .strict()
  .refine((input) => input.deviceId !== undefined || input.qrText !== undefined || input.nfcTagId !== undefined, {
    path: ['deviceId'],
    error: 'one of deviceId, qrText or nfcTagId is required',
  });
export type CheckinInput = z.infer<typeof CheckinInput>;

export const TourListQuery = z
  .object({
    siteId: EntityId.optional(),
    from: Iso.optional(),
    to: Iso.optional(),
    limit: z.coerce.number({ error: 'must be an integer from 1 to 500' }).int({ error: 'must be an integer from 1 to 500' }).min(1, { error: 'must be an integer from 1 to 500' }).max(500, { error: 'must be an integer from 1 to 500' }).default(100),
  })
  .strict();

const HazardNote = text()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(MAX_HAZARD_NOTE_CHARS, { error: `must be at most ${MAX_HAZARD_NOTE_CHARS} characters` });

/** `POST /api/v1/hazards`: a hazard (隐患上报) with its note; photos follow one by one. */
export const HazardReportInput = z
  .object({
    commandId: CommandId,
    siteId: EntityId,
    note: HazardNote,
    deviceId: EntityId.nullable().default(null),
    tourId: text().uuid({ error: 'must be a UUID' }).nullable().default(null),
    position: PointSchema.nullable().default(null),
    floor: int(-20, 200).default(0),
  })
  .strict();
export type HazardReportInput = z.infer<typeof HazardReportInput>;

export const HazardPhotoQuery = z.object({ commandId: CommandId }).strict();
export const HazardAssignInput = z.object({ commandId: CommandId, userId: text().uuid({ error: 'must be a UUID' }) }).strict();
export const HazardRectifyInput = z.object({ commandId: CommandId, note: HazardNote }).strict();
export const HazardVerifyInput = z.object({ commandId: CommandId }).strict();

export const HazardListQuery = z
  .object({
    siteId: EntityId.optional(),
    state: z.enum(HAZARD_STATES, { error: `must be one of ${HAZARD_STATES.join(', ')}` }).optional(),
  })
  .strict();
