import type { NewGuardRow } from '../repositories/guards.repository.js';

/** The demo roster: two teams of four on shift at 翠湖花园, each with a tracker id. */
const NAMES = ['王磊', '李强', '张伟', '刘洋', '陈杰', '杨帆', '赵鹏', '周涛'];

export function demoGuards(siteId: string): NewGuardRow[] {
  return ['A1', 'A2', 'A3', 'A4', 'B1', 'B2', 'B3', 'B4'].map((callsign, index) => ({
    id: `demo-guard-${callsign.toLowerCase()}`,
    siteId,
    callsign,
    name: NAMES[index]!,
    status: 'available',
    onShift: true,
    trackerId: `demo-guard-${callsign.toLowerCase()}`,
    userId: null,
    zoneIds: [],
  }));
}
