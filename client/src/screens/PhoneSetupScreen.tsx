import { useTranslation } from 'react-i18next';
import { FullScreenMessage } from '../components/FullScreenMessage';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { QrCode } from '../features/phone-setup/QrCode';
import { usePhoneHttps } from '../features/phone-setup/usePhoneHttps';

const ANDROID_STEPS = ['s1', 's2', 's3', 's4'] as const;
const IOS_STEPS = ['s1', 's2', 's3'] as const;

/**
 * `/setup/phone`, open without login and over plain HTTP: the local CA to install (QR code and
 * link), the install steps for Android and iOS, and the HTTPS guard page to open after.
 */
export function PhoneSetupScreen() {
  const { t } = useTranslation();
  const https = usePhoneHttps();
  if (https.status === 'loading') return <FullScreenMessage message={t('phoneSetup.loading')} />;
  if (https.status === 'failed') return <FullScreenMessage message={t('phoneSetup.failed', { message: https.message })} />;
  const { info } = https;
  const httpOrigin = info.httpUrl ?? window.location.origin;
  const caUrl = info.ca ? `${httpOrigin}${info.ca.downloadPath}` : null;
  const guardUrl = info.httpsUrl ? `${info.httpsUrl}/guard` : null;

  return (
    <div className="phone-setup" data-testid="phone-setup">
      <header className="phone-setup__header">
        <h1>{t('phoneSetup.title')}</h1>
        <LanguageSwitch />
      </header>
      <p className="phone-setup__intro">{t('phoneSetup.intro')}</p>
      {!guardUrl && <p className="phone-setup__warning" data-testid="phone-setup-no-https">{t('phoneSetup.noHttps')}</p>}

      {info.ca && caUrl ? (
        <section className="phone-setup__step" data-testid="phone-setup-ca">
          <h2>{t('phoneSetup.downloadTitle')}</h2>
          <p>{t('phoneSetup.downloadText')}</p>
          <QrCode url={caUrl} testId="qr-ca" />
          <p className="phone-setup__links">
            <a href={caUrl} download data-testid="ca-download">
              {t('phoneSetup.downloadDer')}
            </a>
            <a href={`${httpOrigin}${info.ca.pemPath}`} download>
              {t('phoneSetup.downloadPem')}
            </a>
          </p>
          <p className="phone-setup__fingerprint">
            {t('phoneSetup.fingerprint')}
            <code>{info.ca.fingerprint256}</code>
          </p>
          <div className="phone-setup__platforms">
            <section>
              <h3>{t('phoneSetup.androidTitle')}</h3>
              <ol>
                {ANDROID_STEPS.map((step) => (
                  <li key={step}>{t(`phoneSetup.android.${step}`)}</li>
                ))}
              </ol>
            </section>
            <section>
              <h3>{t('phoneSetup.iosTitle')}</h3>
              <ol>
                {IOS_STEPS.map((step) => (
                  <li key={step}>{t(`phoneSetup.ios.${step}`)}</li>
                ))}
              </ol>
            </section>
          </div>
        </section>
      ) : (
        guardUrl && <p className="phone-setup__note">{t('phoneSetup.noCa')}</p>
      )}

      {guardUrl && (
        <section className="phone-setup__step" data-testid="phone-setup-open">
          <h2>{t('phoneSetup.openTitle')}</h2>
          <p>{t('phoneSetup.openText')}</p>
          <QrCode url={guardUrl} testId="qr-guard" />
          <p className="phone-setup__links">
            <a href={guardUrl} data-testid="guard-https-link">
              {guardUrl}
            </a>
          </p>
        </section>
      )}
    </div>
  );
}
