import type { LoginBody, User } from '@vigil/shared';
import { ApiError, requestJson } from '../../lib/http';

export async function login(credentials: LoginBody): Promise<User> {
  const { user } = await requestJson<{ user: User }>('/api/v1/auth/login', { method: 'POST', body: credentials });
  return user;
}

export async function logout(): Promise<void> {
  await requestJson<undefined>('/api/v1/auth/logout', { method: 'POST' });
}

/** The signed-in user, or null when the session is missing or expired. */
export async function fetchCurrentUser(): Promise<User | null> {
  try {
    const { user } = await requestJson<{ user: User }>('/api/v1/auth/me');
    return user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}
