import type { ApiKeyInfo, Role, SessionInfo, UserAccount } from '@vigil/shared';
import { requestJson } from '../../lib/http';

export async function fetchUsers(): Promise<UserAccount[]> {
  return (await requestJson<{ users: UserAccount[] }>('/api/v1/users')).users;
}

export async function createUser(body: { username: string; displayName: string; role: Role; password: string }): Promise<void> {
  await requestJson('/api/v1/users', { method: 'POST', body });
}

export async function setUserDisabled(userId: string, disabled: boolean): Promise<void> {
  await requestJson(`/api/v1/users/${encodeURIComponent(userId)}/${disabled ? 'disable' : 'enable'}`, { method: 'POST' });
}

export async function resetUserPassword(userId: string, password: string): Promise<void> {
  await requestJson(`/api/v1/users/${encodeURIComponent(userId)}/password`, { method: 'POST', body: { password } });
}

export async function changeOwnPassword(currentPassword: string, newPassword: string): Promise<void> {
  await requestJson('/api/v1/auth/password', { method: 'POST', body: { currentPassword, newPassword } });
}

export async function fetchSessions(userId: string): Promise<SessionInfo[]> {
  return (await requestJson<{ sessions: SessionInfo[] }>(`/api/v1/users/${encodeURIComponent(userId)}/sessions`)).sessions;
}

export async function revokeSession(userId: string, sessionId: string): Promise<void> {
  await requestJson(`/api/v1/users/${encodeURIComponent(userId)}/sessions/${encodeURIComponent(sessionId)}`, { method: 'DELETE' });
}

export async function fetchApiKeys(): Promise<ApiKeyInfo[]> {
  return (await requestJson<{ apiKeys: ApiKeyInfo[] }>('/api/v1/api-keys')).apiKeys;
}

export async function createApiKey(name: string): Promise<string> {
  return (await requestJson<{ apiKey: ApiKeyInfo & { key: string } }>('/api/v1/api-keys', { method: 'POST', body: { name } })).apiKey.key;
}

export async function revokeApiKey(apiKeyId: string): Promise<void> {
  await requestJson(`/api/v1/api-keys/${encodeURIComponent(apiKeyId)}`, { method: 'DELETE' });
}
