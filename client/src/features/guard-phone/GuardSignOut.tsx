import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignOut } from '../auth/useSignOut';
import { reportsOnTheirWay } from '../guard-dispatch/useReportOutbox';
import { usePhoneStore } from './phoneStore';

/**
 * Signing out at the end of a shift, when the phone passes to the next guard: two taps, and the
 * second says first what has not reached the control room yet (positions go when this guard signs
 * in again on the phone; reports waiting are deleted with the sign-out), so nobody signs out
 * across a dead spot without knowing.
 */
export function GuardSignOut({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const signOut = useSignOut();
  const queued = usePhoneStore((store) => store.queued);
  const [asking, setAsking] = useState<{ reports: number } | null>(null);

  if (!asking) {
    return (
      <button type="button" className="guard-sign-out__open" onClick={() => setAsking({ reports: reportsOnTheirWay(userId) })} data-testid="guard-sign-out">
        {t('guardPage.signOut.button')}
      </button>
    );
  }
  const unsent = queued > 0 || asking.reports > 0;
  return (
    <section className="guard-sign-out" role="alertdialog" aria-labelledby="guard-sign-out-title" data-testid="guard-sign-out-confirm">
      <h2 id="guard-sign-out-title" className="guard-sign-out__title">
        {t('guardPage.signOut.title')}
      </h2>
      {unsent ? (
        <ul className="guard-sign-out__unsent" data-testid="guard-sign-out-unsent">
          {queued > 0 && <li>{t('guardPage.signOut.fixes', { count: queued })}</li>}
          {asking.reports > 0 && <li>{t('guardPage.signOut.reports', { count: asking.reports })}</li>}
        </ul>
      ) : (
        <p>{t('guardPage.signOut.allSent')}</p>
      )}
      <div className="guard-sign-out__actions">
        <button type="button" className="guard-sign-out__cancel" onClick={() => setAsking(null)}>
          {t('guardPage.signOut.stay')}
        </button>
        <button type="button" className="guard-sign-out__confirm" onClick={() => void signOut()} data-testid="guard-sign-out-yes">
          {unsent ? t('guardPage.signOut.anyway') : t('guardPage.signOut.confirm')}
        </button>
      </div>
    </section>
  );
}
