import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { audioContext, enableSound } from './alertTone';
import { useSound } from './soundStore';

/** Shown while the browser keeps the page silent (autoplay policy): one click lets alarms sound. */
export function SoundUnlockButton() {
  const { t } = useTranslation();
  const state = useSound((sound) => sound.state);
  useEffect(() => {
    audioContext();
  }, []);
  if (state !== 'suspended') return null;
  const handleEnable = () => {
    void enableSound();
  };
  return (
    <button type="button" className="sound-unlock" data-testid="sound-unlock" title={t('sound.enableHint')} onClick={handleEnable}>
      <span className="sound-unlock__icon" aria-hidden="true" />
      {t('sound.enable')}
    </button>
  );
}
