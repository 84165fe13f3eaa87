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

export const useSession = create<SessionStore>((set) => {
  // Sign-ins and sign-outs so far: a check answered after one of them (the login page's own
  // check, slow on a busy server, landing after the operator has signed in) is out of date.
  let changes = 0;
  const settled = (since: number, next: Pick<SessionStore, 'status' | 'user'>) => {
    if (changes === since) set(next);
  };
  return {
    status: 'checking',
    user: null,
    check: async () => {
      const since = changes;
      try {
        const user = await fetchCurrentUser();
        settled(since, user ? { status: 'signedIn', user } : { status: 'signedOut', user: null });
      } catch {
        // The server is unreachable: let the login screen say so when the operator tries.
        settled(since, { status: 'signedOut', user: null });
      }
    },
    signedIn: (user) => {
      changes += 1;
      set({ status: 'signedIn', user });
    },
    signedOut: () => {
      changes += 1;
      set({ status: 'signedOut', user: null });
    },
  };
});
