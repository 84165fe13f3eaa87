import { z } from 'zod';
import { ROLES } from '../domain/types.js';

export const LoginBody = z
  .object({
    username: z.string({ error: 'must be a string' }).trim().min(1, { error: 'must not be empty' }).max(64, { error: 'must be at most 64 characters' }),
    password: z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' }).max(256, { error: 'must be at most 256 characters' }),
  })
  .strict();
export type LoginBody = z.infer<typeof LoginBody>;

/** The sites a login sees: a list of site ids, or null for every site. */
const SiteIdsField = z
  .array(
    z
      .string({ error: 'must be site ids' })
      .regex(/^[\w.:\-/@]{1,128}$/, { error: 'must be site ids (1 to 128 letters, digits or . : - _ / @)' }),
    { error: 'must be a list of site ids, or null for every site' },
  )
  .max(200, { error: 'must list at most 200 sites' })
  .nullable();

export const UserCreateBody = z
  .object({
    username: z
      .string({ error: 'must be a string' })
      .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, { error: 'must be 2 to 32 lowercase letters, digits, . _ or -' }),
    displayName: z.string({ error: 'must be a string' }).trim().min(1, { error: 'must not be empty' }).max(64, { error: 'must be at most 64 characters' }),
    role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }),
    password: z.string({ error: 'must be a string' }).min(10, { error: 'must be at least 10 characters' }).max(256, { error: 'must be at most 256 characters' }),
    siteIds: SiteIdsField.optional(),
  })
  .strict();
export type UserCreateBody = z.infer<typeof UserCreateBody>;

export const UserParams = z.object({ id: z.uuid({ error: 'must be a user id (a UUID)' }) });
export type UserParams = z.infer<typeof UserParams>;

/** An admin's change to a login. */
export const UserPatchBody = z
  .object({ siteIds: SiteIdsField.optional() })
  .strict();
export type UserPatchBody = z.infer<typeof UserPatchBody>;

export const ApiKeyCreateBody = z
  .object({ name: z.string({ error: 'must be a string' }).trim().min(1, { error: 'must not be empty' }).max(64, { error: 'must be at most 64 characters' }) })
  .strict();
export type ApiKeyCreateBody = z.infer<typeof ApiKeyCreateBody>;
