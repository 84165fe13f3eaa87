import { useTranslation } from 'react-i18next';
import { enableSound } from '../alarms/alertTone';
import { useSound } from '../alarms/soundStore';

/** While the browser keeps the page silent, one tap lets a dispatch ring (any tap does; this one says so). */
export function RingerUnlock() {
  const { t } = useTranslation();
  const state = useSound((sound) => sound.state);
  if (state !== 'suspended') return null;
  return (
    <button type="button" className="dispatch-sound" data-testid="dispatch-sound-unlock" onClick={() => void enableSound()}>
      <span className="dispatch-sound__icon" aria-hidden="true">
        ♪
      </span>
      <span>
        <strong>{t('dispatchPhone.sound.enable')}</strong>
        <small>{t('dispatchPhone.sound.hint')}</small>
      </span>
    </button>
  );
}
