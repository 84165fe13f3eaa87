import { z } from 'zod';
import { text } from './text.js';
import { ROLES, type Role } from '../domain/types.js';

export const LoginBody = z
  .object({
    username: text('must be a string').trim().min(1, { error: 'must not be empty' }).max(64, { error: 'must be at most 64 characters' }),
    password: text('must be a string').min(1, { error: 'must not be empty' }).max(256, { error: 'must be at most 256 characters' }),
  })
  .strict();
export type LoginBody = z.infer<typeof LoginBody>;

/** The sites a login sees: a list of site ids, or null for every site. */
const SiteIdsField = z
  .array(
    text('must be site ids')
      .regex(/^[\w.:\-/@]{1,128}$/, { error: 'must be site ids (1 to 128 letters, digits or . : - _ / @)' }),
    { error: 'must be a list of site ids, or null for every site' },
  )
  .max(200, { error: 'must list at most 200 sites' })
  .nullable();

export const UserCreateBody = z
  .object({
    username: text('must be a string')
      .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, { error: 'must be 2 to 32 lowercase letters, digits, . _ or -' }),
    displayName: text('must be a string').trim().min(1, { error: 'must not be empty' }).max(64, { error: 'must be at most 64 characters' }),
    role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }),
    password: text('must be a string').min(10, { error: 'must be at least 10 characters' }).max(256, { error: 'must be at most 256 characters' }),
    siteIds: SiteIdsField.optional(),
  })
  .strict();
export type UserCreateBody = z.infer<typeof UserCreateBody>;

/** An admin's change to a login. */
export const UserPatchBody = z
  .object({ siteIds: SiteIdsField.optional() })
  .strict();
export type UserPatchBody = z.infer<typeof UserPatchBody>;

export const ApiKeyCreateBody = z
  .object({ name: text('must be a string').trim().min(1, { error: 'must not be empty' }).max(64, { error: 'must be at most 64 characters' }) })
  .strict();
export type ApiKeyCreateBody = z.infer<typeof ApiKeyCreateBody>;

/** A new password; its strength (password-strength.ts) is checked by the service, which knows the user. */
const newPassword = text('must be a string')
  .min(10, { error: 'must be at least 10 characters' })
  .max(256, { error: 'must be at most 256 characters' });

/** Any user changes their own password, proving the current one. */
export const PasswordChangeBody = z
  .object({
    currentPassword: text('must be a string').min(1, { error: 'must not be empty' }).max(256, { error: 'must be at most 256 characters' }),
    newPassword,
  })
  .strict();
export type PasswordChangeBody = z.infer<typeof PasswordChangeBody>;

/** An admin sets another user's password; every session of that user ends. */
export const PasswordResetBody = z.object({ password: newPassword }).strict();
export type PasswordResetBody = z.infer<typeof PasswordResetBody>;

const uuidParam = text('must be a string').uuid({ error: 'must be a UUID' });

export const UserParams = z.object({ userId: uuidParam }).strict();
export type UserParams = z.infer<typeof UserParams>;

export const UserSessionParams = z
  .object({ userId: uuidParam, sessionId: text('must be a string').regex(/^[0-9a-f]{64}$/, { error: 'must be a session id' }) })
  .strict();
export type UserSessionParams = z.infer<typeof UserSessionParams>;

export const ApiKeyParams = z.object({ apiKeyId: uuidParam }).strict();
export type ApiKeyParams = z.infer<typeof ApiKeyParams>;

/** A user as the admin screen lists them. */
export interface UserAccount {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

/** One signed-in session; its id is the SHA-256 of the token, which opens nothing. */
export interface SessionInfo {
  id: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string | null;
  address: string | null;
  userAgent: string | null;
  /** The session this request came with. */
  current: boolean;
}

export interface ApiKeyInfo {
  id: string;
  name: string;
  createdAt: string;
  revokedAt: string | null;
}
