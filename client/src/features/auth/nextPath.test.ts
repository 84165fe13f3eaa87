import { describe, expect, it } from 'vitest';
import { ROLES } from '@vigil/shared';
import { SCREEN_ROLES, homePathFor, loginPathFor, pathForScreen, safeNextPath, type Screen } from './nextPath';

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

describe('pathForScreen', () => {
  it('sends a guard who opens the wall, console, a monitor or the site editor to the phone page', () => {
    for (const screen of ['wall', 'console', 'monitor', 'siteEditor'] as const) expect(pathForScreen(screen, 'guard')).toBe('/guard');
    expect(pathForScreen('guard', 'guard')).toBeNull();
  });

  it('sends wall and operator logins to the wall from screens that are not theirs', () => {
    expect(pathForScreen('console', 'wall')).toBe('/wall');
    expect(pathForScreen('guard', 'wall')).toBe('/wall');
    expect(pathForScreen('siteEditor', 'operator')).toBe('/wall');
    expect(pathForScreen('guard', 'operator')).toBe('/wall');
    expect(pathForScreen('console', 'operator')).toBeNull();
    expect(pathForScreen('monitor', 'wall')).toBeNull();
  });

  it("lets an admin open every screen, and never sends a role to a home it may not open", () => {
    for (const screen of Object.keys(SCREEN_ROLES) as Screen[]) expect(pathForScreen(screen, 'admin')).toBeNull();
    for (const role of ROLES) {
      const home = homePathFor(role);
      const homeScreen: Screen = home === '/guard' ? 'guard' : 'wall';
      expect(pathForScreen(homeScreen, role)).toBeNull();
    }
  });
});
