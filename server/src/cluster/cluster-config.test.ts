import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { Backoff } from './backoff.js';
import { parseSharedFixes } from './cluster.js';

const PG = 'postgres://vigil@db.lan/vigil';

describe('cluster configuration', () => {
  it('is off without REDIS_URL: one node, as always', () => {
    expect(loadConfig({ DATABASE_URL: PG }).cluster).toBeNull();
    expect(loadConfig({}).cluster).toBeNull();
  });

  it('turns on with REDIS_URL and DATABASE_URL, with the default or a chosen prefix', () => {
    expect(loadConfig({ DATABASE_URL: PG, REDIS_URL: 'redis://redis.lan:6379' }).cluster).toEqual({ redisUrl: 'redis://redis.lan:6379', redisPrefix: 'vigil' });
    expect(loadConfig({ DATABASE_URL: PG, REDIS_URL: 'rediss://redis.lan', REDIS_PREFIX: 'site-a' }).cluster?.redisPrefix).toBe('site-a');
  });

  it('refuses bad values and the embedded database, naming the variable', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://redis.lan' })).toThrow(
      'REDIS_URL: several nodes need a shared PostgreSQL (DATABASE_URL); the embedded database serves one node only',
    );
    expect(() => loadConfig({ DATABASE_URL: PG, REDIS_URL: 'http://redis.lan' })).toThrow(/REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(() => loadConfig({ DATABASE_URL: PG, REDIS_URL: 'not a url' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ DATABASE_URL: PG, REDIS_URL: 'redis://r', REDIS_PREFIX: 'has space' })).toThrow(/REDIS_PREFIX: must be 1-64 letters/);
  });
});

describe('reconnect backoff', () => {
  it('doubles up to its ceiling with jitter, and starts over after a success', () => {
    const low = new Backoff(250, 10_000, () => 0);
    expect(Array.from({ length: 8 }, () => low.next())).toEqual([125, 250, 500, 1000, 2000, 4000, 5000, 5000]);
    const high = new Backoff(250, 10_000, () => 1);
    expect(Array.from({ length: 8 }, () => high.next())).toEqual([250, 500, 1000, 2000, 4000, 8000, 10000, 10000]);
    high.reset();
    expect(high.next()).toBe(250);
  });
});

describe("another node's fixes", () => {
  const fix = { guardId: 'g1', siteId: 's1', at: '2026-12-02T10:00:00.000Z', position: [10, 20], floor: 0, accuracy: 5, heading: null, speed: null, battery: 80, source: 'osmand' };

  it('are taken when well formed', () => {
    expect(parseSharedFixes([fix])).toEqual([fix]);
  });

  it('are dropped whole when any is malformed or there are too many', () => {
    expect(parseSharedFixes([fix, { ...fix, position: [Number.NaN, 1] }])).toBeNull();
    expect(parseSharedFixes([{ ...fix, source: 'carrier pigeon' }])).toBeNull();
    expect(parseSharedFixes('not a list')).toBeNull();
    expect(parseSharedFixes(Array.from({ length: 5_001 }, () => fix))).toBeNull();
  });
});
