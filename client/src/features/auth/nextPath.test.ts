import { describe, expect, it } from 'vitest';
import { loginPathFor, safeNextPath } from './nextPath';

describe('safeNextPath', () => {
  it('keeps a path on this origin', () => {
    expect(safeNextPath('/wall?site=demo')).toBe('/wall?site=demo');
  });

  it('falls back to the wall for anything else', () => {
    for (const next of [null, '', 'https://evil.example', '//evil.example/wall', '/login?next=/wall']) {
      expect(safeNextPath(next)).toBe('/wall');
    }
  });
});

describe('loginPathFor', () => {
  it('carries the way back, except to the default screen', () => {
    expect(loginPathFor({ pathname: '/wall', search: '' })).toBe('/login');
    expect(loginPathFor({ pathname: '/wall', search: '?site=demo' })).toBe('/login?next=%2Fwall%3Fsite%3Ddemo');
  });
});
