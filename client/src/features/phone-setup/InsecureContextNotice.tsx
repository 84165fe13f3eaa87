import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';
import { TLS_PATHS } from '@vigil/shared';
import { secureUrlFor, setupUrlFor, usePhoneHttps } from './usePhoneHttps';

/**
 * Shown on the guard's phone page when it is not a secure context: the browser gives such a page
 * no location, camera or NFC, whatever its permission says. It says why and where to go instead.
 */
export function InsecureContextNotice() {
  const { t } = useTranslation();
  const location = useLocation();
  const https = usePhoneHttps();
  const info = https.status === 'ready' ? https.info : null;
  const secureUrl = info ? secureUrlFor(info, location) : null;
  return (
    <section className="insecure-notice" role="alert" data-testid="insecure-context">
      <h2 className="insecure-notice__title">{t('phoneHttps.title')}</h2>
      <p>{t('phoneHttps.reason')}</p>
      {secureUrl && (
        <a className="insecure-notice__action" href={secureUrl} data-testid="insecure-context-https">
          {t('phoneHttps.openSecure')}
          <span className="insecure-notice__url">{secureUrl}</span>
        </a>
      )}
      {info && !info.httpsUrl && <p>{t('phoneHttps.noHttps')}</p>}
      {info?.ca && <p className="insecure-notice__hint">{t('phoneHttps.firstTime')}</p>}
      <a className="insecure-notice__link" href={info ? setupUrlFor(info) : TLS_PATHS.setupPage} data-testid="insecure-context-setup">
        {t('phoneHttps.setupLink')}
      </a>
    </section>
  );
}
