import type { GuardFix } from '@vigil/shared';
import type { PositionRow } from '../repositories/positions.repository.js';

/** A stored fix as the screens get it. */
export function presentFix(row: PositionRow): GuardFix {
  return {
    guardId: row.guardId,
    siteId: row.siteId,
    at: row.at.toISOString(),
    position: [row.x, row.y],
    floor: row.floor,
    accuracy: row.accuracy,
    heading: row.heading,
    speed: row.speed,
    battery: row.battery,
    source: row.source,
  };
}
