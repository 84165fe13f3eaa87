import type { User } from '@vigil/shared';
import { create } from 'zustand';
import { fetchCurrentUser } from './authApi';

type SessionStatus = 'checking' | 'signedIn' | 'signedOut';

interface SessionStore {
  status: SessionStatus;
  user: User | null;
  /** Asks the server who the session cookie belongs to. */
  check: () => Promise<void>;
  signedIn: (user: User) => void;
  signedOut: () => void;
}

export const useSession = create<SessionStore>((set) => ({
  status: 'checking',
  user: null,
  check: async () => {
    try {
      const user = await fetchCurrentUser();
      set(user ? { status: 'signedIn', user } : { status: 'signedOut', user: null });
    } catch {
      // The server is unreachable: let the login screen say so when the operator tries.
      set({ status: 'signedOut', user: null });
    }
  },
  signedIn: (user) => set({ status: 'signedIn', user }),
  signedOut: () => set({ status: 'signedOut', user: null }),
}));
