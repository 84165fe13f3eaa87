import { cameraPlaylistPath, cameraSnapshotPath } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { cameraResourcePath } from './relay.js';
import { parseRelayPath } from './relay-path.js';

describe('relay paths', () => {
  it('reads the paths the contract and the relay make', () => {
    expect(parseRelayPath(cameraPlaylistPath('demo-cam-03', 'sub'))).toEqual({ ok: true, value: { kind: 'playlist', cameraId: 'demo-cam-03', variant: 'sub' } });
    expect(parseRelayPath(cameraSnapshotPath('demo-cam-03'))).toEqual({ ok: true, value: { kind: 'snapshot', cameraId: 'demo-cam-03' } });
    expect(parseRelayPath(`${cameraResourcePath('gate:1', 'main', 'abc_-9')}?_HLS_msn=4`)).toEqual({
      ok: true,
      value: { kind: 'resource', cameraId: 'gate:1', variant: 'main', ref: 'abc_-9' },
    });
  });

  it('refuses everything else, naming the field', () => {
    const cases: [unknown, RegExp][] = [
      [42, /^path: must be a string/],
      ['http://evil.example/api/v1/cameras/x/snapshot', /^path: must be a camera video path/],
      ['/api/v1/alarms', /^path: must be a camera video path/],
      ['/api/v1/cameras/x/streams', /^path: must be a camera playlist/],
      ['/api/v1/cameras/x/main/index.m3u8/extra', /^path: must be a camera playlist/],
      ['/api/v1/cameras/x/hd/index.m3u8', /^variant: must be one of main, sub/],
      ['/api/v1/cameras/bad%20id/main/index.m3u8', /^cameraId: may contain only/],
      ['/api/v1/cameras/%E0%A4%A/snapshot', /^path: must be a camera video path/],
      ['/api/v1/cameras/x/main/r/not.a.ref', /^ref: is not a reference/],
      [`/api/v1/cameras/x/snapshot${'a'.repeat(6000)}`, /^path: must be at most/],
    ];
    for (const [path, error] of cases) {
      const result = parseRelayPath(path);
      expect(result.ok, String(path)).toBe(false);
      if (!result.ok) expect(result.error, String(path)).toMatch(error);
    }
  });
});
