import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { FairLimiter } from './fair-limiter.js';

export type ScryptParams = { N: number; r: number; p: number };

/**
 * scrypt at OWASP's recommended cost (Password Storage Cheat Sheet): N=2^17, r=8, p=1, which is
 * 128 MiB and a few hundred milliseconds per hash. A stored hash with other parameters still
 * verifies, and `needsRehash` tells the login to store a new one.
 */
export const STANDARD_SCRYPT_PARAMS: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

/**
 * `VIGIL_PASSWORD_HASH_COST=test` (the test suites set it, as Django's tests swap in a fast
 * hasher) hashes at N=2^10: a second of CPU per login and per user made, hundreds of times per
 * run, is most of what the suites would otherwise wait for. Never for a deployment: the server
 * says so at start, and once unset every such hash is replaced at the standard cost on its
 * user's next login. Anything else is the standard cost.
 */
export function scryptParamsFor(env: NodeJS.ProcessEnv): ScryptParams {
  return env.VIGIL_PASSWORD_HASH_COST === 'test' ? { N: 2 ** 10, r: 8, p: 1 } : STANDARD_SCRYPT_PARAMS;
}

export const SCRYPT_PARAMS = scryptParamsFor(process.env);
export const insecurePasswordHashCost = SCRYPT_PARAMS !== STANDARD_SCRYPT_PARAMS;
const KEY_LENGTH = 32;
/** The largest N a stored hash may ask for (a forged row must not make the server allocate gigabytes). */
const MAX_N = 2 ** 20;

/**
 * Every hash and verify goes through here: at most two at once (the machine's cores, and
 * 256 MiB), at most 64 waiting, taken round-robin by the client's address.
 */
const kdf = new FairLimiter(2, 64);

function scrypt(password: string, salt: Buffer, keyLength: number, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 128 * params.N * params.r * params.p + 2 * 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scryptCallback(password, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** `lane` is who is asking (the client's address): the fair share of the KDF is per lane. */
export async function hashPassword(password: string, lane = 'local', params: ScryptParams = SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(16);
  const key = await kdf.run(lane, () => scrypt(password, salt, KEY_LENGTH, params));
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | undefined {
  const [algorithm, n, r, p, salt, expected] = stored.split('$');
  if (algorithm !== 'scrypt' || !n || !r || !p || !salt || !expected) return undefined;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const valid = [params.N, params.r, params.p].every((value) => Number.isSafeInteger(value) && value > 0);
  if (!valid || params.N > MAX_N || params.r > 32 || params.p > 16) return undefined;
  return { params, salt: Buffer.from(salt, 'base64'), key: Buffer.from(expected, 'base64') };
}

export async function verifyPassword(password: string, stored: string, lane = 'local'): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed || parsed.key.length === 0) return false;
  const key = await kdf.run(lane, () => scrypt(password, parsed.salt, parsed.key.length, parsed.params));
  return timingSafeEqual(key, parsed.key);
}

/** True when a stored hash was made with other parameters than today's: store a new one. */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return true;
  const { N, r, p } = parsed.params;
  return N !== SCRYPT_PARAMS.N || r !== SCRYPT_PARAMS.r || p !== SCRYPT_PARAMS.p || parsed.key.length !== KEY_LENGTH;
}

/** A hash to verify against when the user does not exist, so timing does not tell. */
export const DUMMY_HASH = `scrypt$${SCRYPT_PARAMS.N}$${SCRYPT_PARAMS.r}$${SCRYPT_PARAMS.p}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`;
