import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, scryptParamsFor, STANDARD_SCRYPT_PARAMS, verifyPassword } from './passwords.js';

describe('password hashing cost', () => {
  it('is OWASP’s scrypt cost (N=2^17, r=8, p=1) unless a test suite asks for its own', () => {
    expect(scryptParamsFor({})).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    expect(scryptParamsFor({ VIGIL_PASSWORD_HASH_COST: 'low' })).toBe(STANDARD_SCRYPT_PARAMS);
    expect(scryptParamsFor({ VIGIL_PASSWORD_HASH_COST: '' })).toBe(STANDARD_SCRYPT_PARAMS);
    expect(scryptParamsFor({ VIGIL_PASSWORD_HASH_COST: 'test' }).N).toBe(2 ** 10);
  });

  it('verifies a hash made at the standard cost under the test cost, and has it rehashed', async () => {
    const stored = await hashPassword('night-shift-violet-88', 'test', STANDARD_SCRYPT_PARAMS);
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword('night-shift-violet-88', stored)).toBe(true);
    expect(await verifyPassword('night-shift-violet-89', stored)).toBe(false);
    expect(needsRehash(stored)).toBe(process.env.VIGIL_PASSWORD_HASH_COST === 'test');
  });
});
