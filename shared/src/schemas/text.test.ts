import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Site } from '../domain/types.js';
import { parseWith } from './errors.js';
import {
  AlarmAcknowledgeCommand,
  AlarmExportQuery,
  AlarmHoldCommand,
  AlarmIngestBody,
  AlarmListQuery,
  AlarmParams,
  AlarmResolveCommand,
  AlarmResumeCommand,
} from './alarm.schemas.js';
import { ApiKeyCreateBody, LoginBody, UserCreateBody } from './auth.schemas.js';
import {
  GuardCreateBody,
  GuardParams,
  GuardPatchBody,
  GuardSetStatusCommand,
  GuardSosCommand,
  PositionReportCommand,
  TraccarForwardBody,
} from './position.schemas.js';
import { DeviceInput, SitePatch, ZoneInput, parseSiteDocument, siteToDocument } from './site.schemas.js';
import { NUL_RULE, alarmText, sanitizeNul, text } from './text.js';
import {
  CameraStreamsBody,
  MonitorCreateBody,
  MonitorUpdateBody,
  WallApplyPresetCommand,
  WallAssignCommand,
  WallReleaseCommand,
  WallRemovePresetCommand,
  WallSavePresetCommand,
  WallSetLayoutCommand,
  WallTourCommand,
} from './wall.schemas.js';

const NUL = '\u0000';
const uuid = '0b7e3c1e-8d4f-4c39-9a51-2f7c1d9e6a10';
const commandId = 'cmd-12345678';

describe('text()', () => {
  it('refuses a NUL anywhere, with that rule alone', () => {
    const schema = text().min(1).max(5).regex(/^[a-z]+$/);
    for (const value of [NUL, `a${NUL}`, `${NUL}a`, `a${NUL}b`]) {
      const result = schema.safeParse(value);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.message)).toEqual([NUL_RULE]);
    }
    expect(schema.parse('abc')).toBe('abc');
  });

  it('keeps the type error it is given', () => {
    expect(parseWith(text('must be a URL'), 3)).toMatchObject({ ok: false, error: 'body: must be a URL' });
  });
});

describe('alarmText()', () => {
  it('drops NUL padding at the end and replaces any other NUL by U+FFFD', () => {
    expect(sanitizeNul(`Zone 3${NUL}${NUL}${NUL}`)).toBe('Zone 3');
    expect(sanitizeNul(`Fire${NUL}floor 2`)).toBe('Fire\uFFFDfloor 2');
    expect(sanitizeNul(`${NUL}x${NUL}${NUL}y${NUL}`)).toBe('\uFFFDx\uFFFD\uFFFDy');
    expect(sanitizeNul('烟感报警')).toBe('烟感报警');
    expect(alarmText().trim().min(1).safeParse(`${NUL}${NUL}`).success).toBe(false);
  });

  it('stores an alarm whose message and attribute values hold NULs', () => {
    const parsed = AlarmIngestBody.parse({
      source: { deviceId: 'demo-smoke-1' },
      kind: 'fire',
      message: `Smoke${NUL}detected${NUL}${NUL}`,
      attributes: { panel: `P7${NUL}${NUL}`, note: `a${NUL}b`, zone: 3 },
    });
    expect(parsed.message).toBe('Smoke\uFFFDdetected');
    expect(parsed.attributes).toEqual({ panel: 'P7', note: 'a\uFFFDb', zone: 3 });
  });

  it('refuses a NUL in an attribute key, naming the key printably', () => {
    expect(parseWith(AlarmIngestBody, { source: { deviceId: 'd1' }, kind: 'fire', message: 'm', attributes: { [`zo${NUL}ne`]: 1 } })).toMatchObject({
      ok: false,
      error: `attributes: key "zo\\u0000ne" ${NUL_RULE}`,
      params: { field: 'attributes', rule: 'nul' },
    });
  });

  it('spells out a NUL in an unknown field name instead of echoing it', () => {
    const result = parseWith(ApiKeyCreateBody, { name: 'k', [`x${NUL}`]: 1 });
    expect(result).toMatchObject({ ok: false, error: 'x\\u0000: unknown field' });
  });
});

/** Every string in `value` with its path (`a.b.0.c`). */
function stringLeaves(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; value: string }[] {
  if (typeof value === 'string') return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringLeaves(item, [...path, index]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => stringLeaves(item, [...path, key]));
  return [];
}

function withLeaf(value: unknown, path: (string | number)[], leaf: string): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path.at(-1)!] = leaf;
  return copy;
}

interface Case {
  name: string;
  schema: z.ZodType;
  sample: unknown;
  /** Fields whose rule is a closed list (an enum, a literal): refused, but by that rule. */
  closed?: string[];
  /** Free alarm text: stored with the NUL replaced. */
  sanitized?: string[];
}

const cases: Case[] = [
  { name: 'LoginBody', schema: LoginBody, sample: { username: 'admin', password: 'secret-password' } },
  { name: 'UserCreateBody', schema: UserCreateBody, sample: { username: 'op1', displayName: 'Operator 1', role: 'operator', password: 'a-long-password-1' }, closed: ['role'] },
  { name: 'ApiKeyCreateBody', schema: ApiKeyCreateBody, sample: { name: 'panel 7' } },
  {
    name: 'AlarmIngestBody',
    schema: AlarmIngestBody,
    sample: { source: { deviceId: 'd-1', externalId: 'panel:1' }, siteId: 'demo', zoneId: 'z-1', kind: 'fire', occurredAt: '2026-01-01T00:00:00Z', message: 'Smoke', attributes: { panel: 'P7' } },
    closed: ['kind'],
    sanitized: ['message', 'attributes.panel'],
  },
  {
    name: 'AlarmListQuery',
    schema: AlarmListQuery,
    sample: { state: 'open', siteId: 'demo', limit: '10', from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z', kind: 'fire', zoneId: 'z-1', deviceId: 'd-1', disposition: 'false', q: 'smoke' },
    closed: ['state', 'limit', 'kind', 'disposition'],
  },
  {
    name: 'AlarmExportQuery',
    schema: AlarmExportQuery,
    sample: { siteId: 'demo', from: '2026-01-01T00:00:00Z', kind: 'fire,smoke', q: 'smoke', lang: 'en', tz: 'Asia/Shanghai' },
    closed: ['kind', 'lang'],
  },
  { name: 'AlarmParams', schema: AlarmParams, sample: { id: uuid } },
  { name: 'AlarmAcknowledgeCommand', schema: AlarmAcknowledgeCommand, sample: { commandId, alarmId: uuid } },
  { name: 'AlarmHoldCommand', schema: AlarmHoldCommand, sample: { commandId, alarmId: uuid, note: 'waiting for police' } },
  { name: 'AlarmResumeCommand', schema: AlarmResumeCommand, sample: { commandId, alarmId: uuid } },
  { name: 'AlarmResolveCommand', schema: AlarmResolveCommand, sample: { commandId, alarmId: uuid, disposition: 'false', note: 'cat' }, closed: ['disposition'] },
  { name: 'GuardCreateBody', schema: GuardCreateBody, sample: { siteId: 'demo', callsign: 'A1', name: 'Guard', trackerId: 'trk-1', userId: uuid } },
  { name: 'GuardPatchBody', schema: GuardPatchBody, sample: { siteId: 'demo', callsign: 'A1', name: 'Guard', trackerId: 'trk-1', userId: uuid } },
  { name: 'GuardParams', schema: GuardParams, sample: { id: 'g-1' } },
  { name: 'GuardSetStatusCommand', schema: GuardSetStatusCommand, sample: { commandId, status: 'busy' }, closed: ['status'] },
  { name: 'GuardSosCommand', schema: GuardSosCommand, sample: { commandId } },
  { name: 'PositionReportCommand', schema: PositionReportCommand, sample: { fixes: [{ id: 'fix-1', at: '2026-01-01T00:00:00Z', lat: 30, lon: 120 }] } },
  {
    name: 'TraccarForwardBody',
    schema: TraccarForwardBody,
    sample: { position: { latitude: 30, longitude: 120, fixTime: '2026-01-01T00:00:00Z', deviceTime: '2026-01-01T00:00:00Z' }, device: { uniqueId: 'trk-1', name: 'phone' } },
  },
  {
    name: 'SitePatch',
    schema: SitePatch,
    sample: { name: 'Estate', nameEn: 'Estate', floors: [{ level: 0, name: 'Ground', nameEn: 'Ground' }], backdrop: { kind: 'image', url: '/plan.png', bounds: [[0, 0], [10, 10]] } },
    closed: ['backdrop.kind'],
  },
  { name: 'ZoneInput', schema: ZoneInput, sample: { name: 'Yard', nameEn: 'Yard', kind: 'building', geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } }, closed: ['kind', 'geometry.type'] },
  {
    name: 'DeviceInput',
    schema: DeviceInput,
    sample: { name: 'Door', nameEn: 'Door', kind: 'door', zoneId: 'z-1', position: [1, 1], status: 'online', linkedCameraIds: ['cam-1'] },
    closed: ['kind', 'status'],
  },
  { name: 'MonitorCreateBody', schema: MonitorCreateBody, sample: { id: 'mon-1', siteId: 'demo', name: 'Wall 1', nameEn: 'Wall 1', layout: '2x2' }, closed: ['layout'] },
  { name: 'MonitorUpdateBody', schema: MonitorUpdateBody, sample: { name: 'Wall 1', nameEn: 'Wall 1' } },
  { name: 'WallSetLayoutCommand', schema: WallSetLayoutCommand, sample: { commandId, monitorId: 'mon-1', layout: '2x2' }, closed: ['layout'] },
  { name: 'WallAssignCommand (camera)', schema: WallAssignCommand, sample: { commandId, monitorId: 'mon-1', index: 0, content: { kind: 'camera', cameraId: 'cam-1' } }, closed: ['content.kind'] },
  { name: 'WallAssignCommand (tour)', schema: WallAssignCommand, sample: { commandId, monitorId: 'mon-1', content: { kind: 'tour', cameraIds: ['cam-1', 'cam-2'] } }, closed: ['content.kind'] },
  { name: 'WallAssignCommand (map)', schema: WallAssignCommand, sample: { commandId, monitorId: 'mon-1', content: { kind: 'map', siteId: 'demo' } }, closed: ['content.kind'] },
  { name: 'WallApplyPresetCommand', schema: WallApplyPresetCommand, sample: { commandId, monitorId: 'mon-1', presetId: 'night' } },
  { name: 'WallSavePresetCommand', schema: WallSavePresetCommand, sample: { commandId, monitorId: 'mon-1', presetId: 'night', name: 'Night', nameEn: 'Night' } },
  { name: 'WallRemovePresetCommand', schema: WallRemovePresetCommand, sample: { commandId, presetId: 'night' } },
  { name: 'WallTourCommand', schema: WallTourCommand, sample: { commandId, monitorId: 'mon-1', index: 0, action: 'pause' }, closed: ['action'] },
  { name: 'WallReleaseCommand', schema: WallReleaseCommand, sample: { commandId, monitorId: 'mon-1', alarmId: uuid } },
  { name: 'CameraStreamsBody', schema: CameraStreamsBody, sample: { mainUrl: 'http://10.0.0.5/main.m3u8', subUrl: 'http://10.0.0.5/sub.m3u8', snapshotUrl: 'http://10.0.0.5/snap.jpg' } },
];

describe('a NUL in any string of any schema', () => {
  for (const testCase of cases) {
    const leaves = stringLeaves(testCase.sample);
    it(`${testCase.name}: ${leaves.map((leaf) => leaf.path.join('.')).join(', ')}`, () => {
      expect(parseWith(testCase.schema, testCase.sample)).toMatchObject({ ok: true });
      expect(leaves.length).toBeGreaterThan(0);
      for (const leaf of leaves) {
        const field = leaf.path.join('.');
        const result = parseWith(testCase.schema, withLeaf(testCase.sample, leaf.path, `${leaf.value.slice(0, 1)}${NUL}${leaf.value.slice(1)}`));
        if (testCase.sanitized?.includes(field)) {
          expect(result.ok, field).toBe(true);
          expect(JSON.stringify(result)).not.toContain('\\u0000');
          continue;
        }
        expect(result.ok, field).toBe(false);
        const error = result.ok ? '' : result.error;
        expect(error, field).toContain(`${field}: `);
        if (!testCase.closed?.includes(field)) expect(error, field).toContain(`${field}: ${NUL_RULE}`);
      }
    });
  }

  it('the site document: every name and id of the site, a zone and a device', () => {
    const site: Site = {
      id: 'demo',
      name: 'Estate',
      nameEn: 'Estate',
      plan: { width: 100, height: 100 },
      anchor: null,
      backdrop: null,
      floors: [{ level: 0, name: 'Ground', nameEn: 'Ground' }],
      zones: [{ id: 'z-1', siteId: 'demo', name: 'Yard', nameEn: 'Yard', kind: 'building', floor: 0, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } }],
      devices: [{ id: 'd-1', siteId: 'demo', zoneId: 'z-1', kind: 'door', name: 'Door', nameEn: 'Door', position: [1, 1], floor: 0, status: 'online', camera: null, linkedCameraIds: [] }],
    };
    const document = siteToDocument(site);
    expect(parseSiteDocument(document)).toMatchObject({ ok: true });
    const fields = [
      ['site', 'id'],
      ['site', 'name'],
      ['site', 'nameEn'],
      ['site', 'floors', 0, 'name'],
      ['features', 0, 'properties', 'id'],
      ['features', 0, 'properties', 'name'],
      ['features', 1, 'properties', 'name'],
      ['features', 1, 'properties', 'nameEn'],
      ['features', 1, 'properties', 'zoneId'],
    ] as const;
    for (const path of fields) {
      const result = parseSiteDocument(withLeaf(document, [...path], `x${NUL}`));
      expect(result.ok, path.join('.')).toBe(false);
      expect(result.ok ? [] : result.errors.join('\n'), path.join('.')).toContain(`${String(path.at(-1))}: ${NUL_RULE}`);
    }
  });
});
