import { describe, expect, it } from 'vitest';
import { confinementError, openRef, scopeDirectory, sealRef } from './refs.js';

const configured = 'http://admin:secret@nvr.local:8888/cam1/index.m3u8';

describe('refs', () => {
  it('open to the URL they were sealed for, without the credentials, and hide it', () => {
    const target = new URL('http://admin:secret@nvr.local:8888/cam1/video1_seg42.mp4?token=abc');
    const ref = sealRef(configured, target);
    expect(ref).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(ref).not.toContain('cam1');
    expect(Buffer.from(ref, 'base64url').toString('latin1')).not.toContain('seg42');
    expect(openRef(configured, ref)?.href).toBe('http://nvr.local:8888/cam1/video1_seg42.mp4?token=abc');
  });

  it('are stable: the same resource always gets the same ref, another resource another', () => {
    const a = new URL('http://nvr.local:8888/cam1/init.mp4');
    expect(sealRef(configured, a)).toBe(sealRef(configured, a));
    expect(sealRef(configured, a)).not.toBe(sealRef(configured, new URL('http://nvr.local:8888/cam1/init2.mp4')));
  });

  it('do not open when forged, altered, garbage, or sealed for another configured URL', () => {
    const ref = sealRef(configured, new URL('http://nvr.local:8888/cam1/a.mp4'));
    const flipped = Buffer.from(ref, 'base64url');
    flipped[flipped.length - 1]! ^= 1;
    expect(openRef(configured, flipped.toString('base64url'))).toBeNull();
    expect(openRef(configured, ref.slice(0, -2))).toBeNull();
    expect(openRef(configured, 'not-a-ref')).toBeNull();
    expect(openRef(configured, Buffer.from('http://evil.example/x.ts').toString('base64url'))).toBeNull();
    expect(openRef('http://admin:other@nvr.local:8888/cam1/index.m3u8', ref)).toBeNull();
  });
});

describe('confinement', () => {
  const base = new URL(configured);
  const inside = (href: string) => confinementError(base, new URL(href));

  it('is the configured URL directory on its scheme, host and port', () => {
    expect(scopeDirectory(base)).toBe('/cam1/');
    expect(scopeDirectory(new URL('http://go2rtc:1984/api/stream.m3u8?src=gate'))).toBe('/api/');
    expect(scopeDirectory(new URL('demo://demo-cam-01/main'))).toBe('/');
    expect(inside('http://nvr.local:8888/cam1/video1_stream.m3u8')).toBeNull();
    expect(inside('http://nvr.local:8888/cam1/sub/dir/seg.mp4?x=1')).toBeNull();
    expect(confinementError(new URL('http://go2rtc:1984/api/stream.m3u8?src=gate'), new URL('http://go2rtc:1984/api/hls/playlist.m3u8?id=x'))).toBeNull();
  });

  it('refuses other hosts, ports, schemes, parent directories and encoded separators', () => {
    expect(inside('http://evil.example:8888/cam1/a.ts')).toMatch(/host/);
    expect(inside('http://nvr.local:9999/cam1/a.ts')).toMatch(/port/);
    expect(inside('http://nvr.local/cam1/a.ts')).toMatch(/port/);
    expect(inside('https://nvr.local:8888/cam1/a.ts')).toMatch(/scheme/);
    expect(inside('http://nvr.local:8888/cam2/a.ts')).toMatch(/directory/);
    expect(inside('http://nvr.local:8888/cam1/../cam2/a.ts')).toMatch(/directory/);
    expect(inside('http://nvr.local:8888/cam1/%2e%2e/cam2/a.ts')).toMatch(/directory/);
    expect(inside('http://nvr.local:8888/cam1/..%2fcam2/a.ts')).toMatch(/encoded/);
    expect(inside('http://nvr.local:8888/cam1x/a.ts')).toMatch(/directory/);
  });
});
