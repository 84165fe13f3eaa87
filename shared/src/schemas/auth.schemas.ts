import { z } from 'zod';
import { text } from './text.js';
import { ROLES } from '../domain/types.js';

export const LoginBody = z
  .object({
    username: text('must be a string').trim().min(1, { error: 'must not be empty' }).max(64, { error: 'must be at most 64 characters' }),
    password: text('must be a string').min(1, { error: 'must not be empty' }).max(256, { error: 'must be at most 256 characters' }),
  })
  .strict();
export type LoginBody = z.infer<typeof LoginBody>;

export const UserCreateBody = z
  .object({
    username: text('must be a string')
      .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, { error: 'must be 2 to 32 lowercase letters, digits, . _ or -' }),
    displayName: text('must be a string').trim().min(1, { error: 'must not be empty' }).max(64, { error: 'must be at most 64 characters' }),
    role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }),
    password: text('must be a string').min(10, { error: 'must be at least 10 characters' }).max(256, { error: 'must be at most 256 characters' }),
  })
  .strict();
export type UserCreateBody = z.infer<typeof UserCreateBody>;

export const ApiKeyCreateBody = z
  .object({ name: text('must be a string').trim().min(1, { error: 'must not be empty' }).max(64, { error: 'must be at most 64 characters' }) })
  .strict();
export type ApiKeyCreateBody = z.infer<typeof ApiKeyCreateBody>;
