import type { PriorityBand } from '@vigil/shared';

/** ▲ critical, ◆ high, ● medium, ■ low: the band reads without colour too. */
export function PriorityShape({ band }: { band: PriorityBand }) {
  return (
    <svg className="priority-shape" viewBox="0 0 20 20" aria-hidden="true">
      {band === 'critical' && <polygon points="10,1.5 19,18 1,18" />}
      {band === 'high' && <polygon points="10,1 19,10 10,19 1,10" />}
      {band === 'medium' && <circle cx="10" cy="10" r="8" />}
      {band === 'low' && <rect x="2.5" y="2.5" width="15" height="15" />}
    </svg>
  );
}
