import { priorityBand } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { PriorityBadge } from './PriorityBadge';
import { StormIcon } from './StormCard';
import type { StormPart } from './stormFold';

/** A storm in one line, for lists beside the queue: the icon, its most urgent priority, how many here, of what kinds. */
export function StormLine({ part }: { part: StormPart }) {
  const { t } = useTranslation();
  const kinds = [...new Set(part.members.map((alarm) => alarm.kind))].map((kind) => t(`alarmKind.${kind}`)).join(t('storm.kindsSeparator'));
  const highest = Math.min(...part.members.map((alarm) => alarm.priority));
  return (
    <span className={`storm-line band-${priorityBand(highest)}`} data-testid="storm-line" data-storm-key={part.storm.key} data-count={part.members.length}>
      <StormIcon />
      <PriorityBadge priority={highest} />
      <span>{t('storm.line', { count: part.members.length, kinds })}</span>
    </span>
  );
}
