import { z } from 'zod';
import { text } from './text.js';
import { ALARM_KINDS, MAX_PRIORITY, MIN_PRIORITY } from '../domain/alarm.js';
import { LAYOUTS, type TileContent } from '../domain/wall.js';
import { CommandId } from './alarm.schemas.js';

const slug = (what: string) =>
  text(`must be a string (${what})`)
    .min(1, { error: 'must not be empty' })
    .max(64, { error: 'must be at most 64 characters' })
    .regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'may contain only lower-case letters, digits and -, starting with a letter or digit' });

const entityId = (what: string) =>
  text(`must be a string (${what})`)
    .min(1, { error: 'must not be empty' })
    .max(128, { error: 'must be at most 128 characters' })
    .regex(/^[\w.:\-/@]+$/, { error: 'may contain only letters, digits and . : - _ / @' });

const name = text('must be a string').trim().min(1, { error: 'must not be empty' }).max(100, { error: 'must be at most 100 characters' });
const optionalName = text('must be a string').trim().max(100, { error: 'must be at most 100 characters' }).nullable().optional();

export const MonitorId = slug('monitor id');
export const LayoutSchema = z.enum(LAYOUTS, { error: `must be one of ${LAYOUTS.join(', ')}` });

const int = (min: number, max: number) =>
  z
    .number({ error: `must be an integer from ${min} to ${max}` })
    .int({ error: `must be an integer from ${min} to ${max}` })
    .min(min, { error: `must be an integer from ${min} to ${max}` })
    .max(max, { error: `must be an integer from ${min} to ${max}` });

export const AlarmRuleSchema = z
  .object({
    kinds: z.array(z.enum(ALARM_KINDS, { error: `must be one of ${ALARM_KINDS.join(', ')}` })).max(ALARM_KINDS.length).default([]),
    maxPriority: int(MIN_PRIORITY, MAX_PRIORITY),
    cameraCount: int(1, 16).default(4),
    radius: z.number({ error: 'must be a number of metres from 1 to 2000' }).min(1, { error: 'must be a number of metres from 1 to 2000' }).max(2000, { error: 'must be a number of metres from 1 to 2000' }).default(60),
  })
  .strict();

/** POST /api/v1/monitors (admin). */
export const MonitorCreateBody = z
  .object({
    id: MonitorId,
    siteId: entityId('site id'),
    name,
    nameEn: optionalName,
    position: int(0, 99).optional(),
    layout: LayoutSchema.default('2x2'),
    alarmRule: AlarmRuleSchema.nullable().default(null),
  })
  .strict();
export type MonitorCreateBody = z.infer<typeof MonitorCreateBody>;

/** PATCH /api/v1/monitors/:monitorId (admin): name, place and alarm rule; the view is the operators'. */
export const MonitorUpdateBody = z
  .object({ name: name.optional(), nameEn: optionalName, position: int(0, 99).optional(), alarmRule: AlarmRuleSchema.nullable().optional() })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { error: 'must change at least one of name, nameEn, position, alarmRule' });
export type MonitorUpdateBody = z.infer<typeof MonitorUpdateBody>;

/** A tile as an operator sends it; the server stamps a tour's start. */
export const TileContentInput = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('empty') }).strict(),
    z.object({ kind: z.literal('camera'), cameraId: entityId('camera id') }).strict(),
    z.object({ kind: z.literal('map'), siteId: entityId('site id'), floor: int(-10, 200).default(0) }).strict(),
    z.object({ kind: z.literal('alarms') }).strict(),
    z.object({ kind: z.literal('incident'), incidentId: entityId('incident id').nullable().default(null) }).strict(),
    z
      .object({
        kind: z.literal('tour'),
        cameraIds: z.array(entityId('camera id')).min(1, { error: 'must name at least one camera' }).max(64, { error: 'must name at most 64 cameras' }),
        dwellSeconds: int(3, 600).default(10),
      })
      .strict(),
  ],
  { error: 'kind: must be one of empty, camera, map, alarms, incident, tour' },
);
export type TileContentInput = z.infer<typeof TileContentInput>;

export function tileFromInput(input: TileContentInput, now: Date): TileContent {
  return input.kind === 'tour' ? { ...input, startedAt: now.toISOString(), pausedAt: null } : input;
}

export const WallSetLayoutCommand = z.object({ commandId: CommandId, monitorId: MonitorId, layout: LayoutSchema }).strict();
/** A tile's content; without `index` it fills the whole monitor (layout 1). */
export const WallAssignCommand = z
  .object({ commandId: CommandId, monitorId: MonitorId, index: int(0, 15).optional(), content: TileContentInput })
  .strict();
export const WallApplyPresetCommand = z.object({ commandId: CommandId, monitorId: MonitorId, presetId: slug('preset id') }).strict();
/** Saves a monitor's current view as a preset (a new one, or over `presetId`). */
export const WallSavePresetCommand = z
  .object({ commandId: CommandId, monitorId: MonitorId, presetId: slug('preset id').optional(), name, nameEn: optionalName })
  .strict();
export const WallRemovePresetCommand = z.object({ commandId: CommandId, presetId: slug('preset id') }).strict();
export const WallTourCommand = z
  .object({
    commandId: CommandId,
    monitorId: MonitorId,
    index: int(0, 15),
    action: z.enum(['pause', 'resume', 'next', 'previous'], { error: 'must be one of pause, resume, next, previous' }),
  })
  .strict();
export const WallReleaseCommand = z
  .object({ commandId: CommandId, monitorId: MonitorId, alarmId: text('must be a string').uuid({ error: 'must be a UUID' }) })
  .strict();

export type WallSetLayoutCommand = z.infer<typeof WallSetLayoutCommand>;
export type WallAssignCommand = z.infer<typeof WallAssignCommand>;
export type WallApplyPresetCommand = z.infer<typeof WallApplyPresetCommand>;
export type WallSavePresetCommand = z.infer<typeof WallSavePresetCommand>;
export type WallRemovePresetCommand = z.infer<typeof WallRemovePresetCommand>;
export type WallTourCommand = z.infer<typeof WallTourCommand>;
export type WallReleaseCommand = z.infer<typeof WallReleaseCommand>;

/** PUT /api/v1/cameras/:cameraId/streams (admin): where the relay fetches a camera's video. */
const upstreamUrl = text('must be a URL string')
  .max(2000, { error: 'must be at most 2000 characters' })
  .regex(/^(https?|demo):\/\/[^\s/?#]+[^\s]*$/, { error: 'must be an http://, https:// or demo:// URL' });

export const CameraStreamsBody = z
  .object({ mainUrl: upstreamUrl, subUrl: upstreamUrl.nullable().default(null), snapshotUrl: upstreamUrl.nullable().default(null) })
  .strict();
export type CameraStreamsBody = z.infer<typeof CameraStreamsBody>;
