import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage } from '../i18n';
import { LANGUAGES, type Language } from '../i18n/messages';

/** 中文 | English: each language named in itself, the current one pressed. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const current = currentLanguage();
  const handleChoose = (language: Language) => {
    void changeLanguage(language);
  };
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="language-switch__option"
          aria-pressed={language === current}
          data-testid={`language-${language}`}
          title={t('language.switchTo', { language: t(`language.names.${language}`) })}
          onClick={() => handleChoose(language)}
        >
          {t(`language.names.${language}`)}
        </button>
      ))}
    </div>
  );
}
