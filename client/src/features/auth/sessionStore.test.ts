import type { User } from '@vigil/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useSession } from './sessionStore';

const admin = { id: 'u1', username: 'admin', name: 'Administrator', role: 'admin' } as unknown as User;

/** `/api/v1/auth/me` answered when the test says so. */
function slowMe() {
  let answer!: (response: Response) => void;
  vi.stubGlobal('fetch', () => new Promise<Response>((resolve) => (answer = resolve)));
  return (status: number, body: unknown) => answer(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the session store', () => {
  it('keeps a sign-in made while the page’s first check was still on its way', async () => {
    const answer = slowMe();
    const checked = useSession.getState().check();
    useSession.getState().signedIn(admin);
    answer(401, { error: 'unauthorized', message: 'unauthorized' });
    await checked;
    expect(useSession.getState()).toMatchObject({ status: 'signedIn', user: admin });
  });

  it('keeps a sign-out made while a check was on its way', async () => {
    useSession.getState().signedIn(admin);
    const answer = slowMe();
    const checked = useSession.getState().check();
    useSession.getState().signedOut();
    answer(200, { user: admin });
    await checked;
    expect(useSession.getState()).toMatchObject({ status: 'signedOut', user: null });
  });

  it('takes the answer of a check nothing overtook', async () => {
    useSession.getState().signedOut();
    const answer = slowMe();
    const checked = useSession.getState().check();
    answer(200, { user: admin });
    await checked;
    expect(useSession.getState()).toMatchObject({ status: 'signedIn', user: admin });
  });
});
