import { useCallback, useState } from 'react';

export interface AdminAction {
  busy: boolean;
  /** The server's message for the last failure (it names the field). */
  error: string | null;
  notice: string | null;
  run: (work: () => Promise<void>, done?: string) => Promise<boolean>;
}

/** One form's request state: busy while it runs, the error or the notice after. */
export function useAdminAction(): AdminAction {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const run = useCallback(async (work: () => Promise<void>, done?: string) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await work();
      setNotice(done ?? null);
      return true;
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, notice, run };
}

export function ActionMessages({ action, testId }: { action: AdminAction; testId: string }) {
  return (
    <>
      {action.error && (
        <p className="admin-users__error" role="alert" data-testid={`${testId}-error`}>
          {action.error}
        </p>
      )}
      {action.notice && (
        <p className="admin-users__notice" role="status" data-testid={`${testId}-notice`}>
          {action.notice}
        </p>
      )}
    </>
  );
}
