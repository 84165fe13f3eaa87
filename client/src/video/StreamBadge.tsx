import { useTranslation } from 'react-i18next';
import type { StreamState } from './playerController';

/** A tile's stream state in colour, shape and words: never colour alone. */
export function StreamBadge({ state }: { state: StreamState }) {
  const { t } = useTranslation();
  return (
    <span className={`stream-badge stream-badge--${state}`} data-testid="stream-badge" title={t(`video.stateHint.${state}`)}>
      <span className="stream-badge__icon" aria-hidden="true" />
      <span className="stream-badge__label">{t(`video.state.${state}`)}</span>
    </span>
  );
}
