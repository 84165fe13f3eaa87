import { useTranslation } from 'react-i18next';
import { ConnectionBanner } from '../components/ConnectionBanner';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { GuardPost } from '../features/guard-phone/GuardPost';
import { useSession } from '../features/auth/sessionStore';
import { InsecureContextNotice } from '../features/phone-setup/InsecureContextNotice';
import { RealtimeProvider } from '../realtime/RealtimeProvider';

/** The guard's phone: mobile-first, dark, big touch targets; reports position while open. */
export function GuardScreen() {
  const { t } = useTranslation();
  const userId = useSession((session) => session.user?.id ?? null);
  return (
    <RealtimeProvider>
      <div className="guard-page" data-testid="guard-page">
        <header className="guard-page__header">
          <h1 className="guard-page__title">{t('guardPage.title')}</h1>
          <ConnectionBanner />
          <LanguageSwitch />
        </header>
        {!window.isSecureContext && <InsecureContextNotice />}
        {userId && <GuardPost userId={userId} />}
      </div>
    </RealtimeProvider>
  );
}
