import { describe, expect, it } from 'vitest';
import { checkPassword, passwordProblem } from './password-strength.js';

describe('the password rule', () => {
  it('refuses 1234567890 and says why', () => {
    expect(checkPassword('1234567890', { username: 'op1' }).ok).toBe(false);
    expect(passwordProblem('1234567890', { username: 'op1' })).toBe('too easy to guess (This is a frequently used password. Add more words that are less common.)');
  });

  it('refuses a password containing the username, whatever its case', () => {
    expect(passwordProblem('Nightwatch-violet-harbour', { username: 'nightwatch' })).toBe('must not contain the username');
  });

  it('accepts a long passphrase of uncommon words', () => {
    expect(checkPassword('violet-harbour-lantern-42', { username: 'op1' })).toMatchObject({ ok: true, warning: null });
    expect(passwordProblem('violet-harbour-lantern-42', { username: 'op1' })).toBeNull();
  });
});
