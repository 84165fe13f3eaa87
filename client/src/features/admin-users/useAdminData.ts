import type { ApiKeyInfo, UserAccount } from '@vigil/shared';
import { useCallback, useEffect, useState } from 'react';
import { fetchApiKeys, fetchUsers } from './usersApi';

export type AdminData =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; users: UserAccount[]; apiKeys: ApiKeyInfo[] };

/** The users and API keys, loaded once and again after each change (`reload`). */
export function useAdminData(enabled: boolean): { data: AdminData; reload: () => Promise<void> } {
  const [data, setData] = useState<AdminData>({ status: 'loading' });
  const reload = useCallback(async () => {
    try {
      const [users, apiKeys] = await Promise.all([fetchUsers(), fetchApiKeys()]);
      setData({ status: 'ready', users, apiKeys });
    } catch (error) {
      setData({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }, []);
  useEffect(() => {
    if (enabled) void reload();
  }, [enabled, reload]);
  return { data, reload };
}
