import { describe, expect, it } from 'vitest';
import { originAllowed, parseAllowedOrigins } from './origin-check.js';

describe('originAllowed', () => {
  it('allows a client that sends no Origin (trackers, scripts, socket.io-client in Node)', () => {
    expect(originAllowed({ host: 'vigil.local:3000' }, [])).toBe(true);
  });

  it("allows the app's own origin and refuses another site's", () => {
    expect(originAllowed({ origin: 'http://vigil.local:3000', host: 'vigil.local:3000' }, [])).toBe(true);
    expect(originAllowed({ origin: 'http://VIGIL.local:3000', host: 'vigil.local:3000' }, [])).toBe(true);
    expect(originAllowed({ origin: 'https://vigil.local', host: 'vigil.local:443' }, [])).toBe(true);
    expect(originAllowed({ origin: 'http://evil.example', host: 'vigil.local:3000' }, [])).toBe(false);
    expect(originAllowed({ origin: 'http://vigil.local:4000', host: 'vigil.local:3000' }, [])).toBe(false);
    expect(originAllowed({ origin: 'http://vigil.local.evil.example:3000', host: 'vigil.local:3000' }, [])).toBe(false);
  });

  it('refuses an opaque or non-web origin', () => {
    expect(originAllowed({ origin: 'null', host: 'vigil.local:3000' }, [])).toBe(false);
    expect(originAllowed({ origin: 'file://', host: 'vigil.local:3000' }, [])).toBe(false);
    expect(originAllowed({ origin: 'chrome-extension://abc', host: 'abc' }, [])).toBe(false);
  });

  it('allows the public host a reverse proxy forwards', () => {
    expect(originAllowed({ origin: 'https://vigil.example.com', host: '127.0.0.1:3000', 'x-forwarded-host': 'vigil.example.com' }, [])).toBe(true);
  });

  it('allows an origin in the allow-list', () => {
    expect(originAllowed({ origin: 'https://wall.example.com', host: 'vigil.local:3000' }, ['https://wall.example.com'])).toBe(true);
    expect(originAllowed({ origin: 'http://wall.example.com', host: 'vigil.local:3000' }, ['https://wall.example.com'])).toBe(false);
  });
});

describe('parseAllowedOrigins', () => {
  it('normalizes origins and rejects anything else', () => {
    expect(parseAllowedOrigins(' https://Wall.Example.com , http://10.0.0.5:8080')).toEqual({
      ok: true,
      origins: ['https://wall.example.com', 'http://10.0.0.5:8080'],
    });
    expect(parseAllowedOrigins('')).toEqual({ ok: true, origins: [] });
    expect(parseAllowedOrigins('wall.example.com').ok).toBe(false);
    expect(parseAllowedOrigins('https://wall.example.com/path').ok).toBe(false);
    expect(parseAllowedOrigins('https://wall.example.com/').ok).toBe(false);
    expect(parseAllowedOrigins('ftp://wall.example.com').ok).toBe(false);
  });
});
