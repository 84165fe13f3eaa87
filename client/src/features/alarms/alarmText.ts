import { ALARM_TEXT_CODES, type Alarm, type AlarmText, type AlarmTextCode } from '@vigil/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { localizedName } from '../../i18n/useLocalizedName';
import { useSiteIndex } from '../sites/siteStore';

/** The simulator's messages from before alarm texts had codes: both languages in one string. */
const LEGACY_SIMULATOR: Record<string, AlarmTextCode> = {
  '红外对射被遮挡 · Perimeter beam interrupted': 'beamInterrupted',
  '围墙振动报警 · Fence vibration detected': 'fenceVibration',
  '门长时间未关 · Door held open': 'doorHeld',
  '门被强行打开 · Door forced open': 'doorForced',
  '烟感报警 · Smoke detected': 'smokeDetected',
  '温感报警 · Heat detected': 'heatDetected',
  '手动报警按钮被按下 · Manual call point activated': 'callPoint',
  '消防主机火警 · Fire panel alarm': 'firePanel',
  '电梯困人 · Passenger trapped in lift': 'liftEntrapment',
  '岗亭紧急按钮 · Panic button pressed': 'panicButton',
  '水浸报警 · Water detected': 'waterDetected',
  '可疑人员徘徊 · Person loitering': 'loitering',
  '摄像机视频丢失 · Camera video lost': 'videoLost',
};

/** The guard lane's old bilingual messages, read back into a code and params. */
const LEGACY_GUARD: { code: AlarmTextCode; pattern: RegExp }[] = [
  { code: 'guardSos', pattern: /^一键报警 (?<callsign>\S+) · SOS from \S+ \((?<name>.*)\)$/ },
  { code: 'guardSilent', pattern: /^人员失联 (?<callsign>\S+) · \S+ \((?<name>.*)\) sent no position for (?<minutes>\d+) minutes$/ },
  { code: 'restrictedEntry', pattern: /^闯入禁区 (?<callsign>\S+) · \S+ \((?<name>.*)\) entered .*$/ },
];

/**
 * The alarm's text as a code: its own, or for an alarm stored before texts had codes, the code
 * its server-made bilingual message stands for. An integration's message has none (shown as sent).
 */
export function alarmTextOf(alarm: Pick<Alarm, 'text' | 'message' | 'source' | 'zoneId'>): AlarmText | null {
  if (alarm.text && (ALARM_TEXT_CODES as readonly string[]).includes(alarm.text.code)) return alarm.text;
  const simulated = Object.hasOwn(LEGACY_SIMULATOR, alarm.message) ? LEGACY_SIMULATOR[alarm.message] : undefined;
  if (simulated) return { code: simulated, params: {} };
  if (!alarm.source.externalId?.startsWith('guard:')) return null;
  for (const { code, pattern } of LEGACY_GUARD) {
    const groups = pattern.exec(alarm.message)?.groups;
    if (groups) return { code, params: { ...groups, zoneId: alarm.zoneId ?? '' } };
  }
  return null;
}

/** Names the server sends in both languages (`route` and `routeEn`): the English one on an English screen. */
export function localizedParams(params: AlarmText['params'], language: string): AlarmText['params'] {
  if (language.startsWith('zh')) return params;
  const localized = { ...params };
  for (const [key, value] of Object.entries(params)) if (key.endsWith('En') && Object.hasOwn(params, key.slice(0, -2))) localized[key.slice(0, -2)] = value;
  return localized;
}

/** An alarm's text in the screen's language; the zone by its current name. */
export function useAlarmText(): (alarm: Alarm) => string {
  const { t, i18n } = useTranslation();
  const index = useSiteIndex();
  return useCallback(
    (alarm: Alarm) => {
      const text = alarmTextOf(alarm);
      if (!text) return alarm.message;
      const zoneId = text.params.zoneId;
      const zone = typeof zoneId === 'string' ? index?.zones.get(zoneId) : undefined;
      const zoneName = zone ? localizedName(zone, i18n.language) : t('alarmText.restrictedZoneUnknown');
      return t(`alarmText.${text.code}`, { ...localizedParams(text.params, i18n.language), zone: zoneName });
    },
    [index, i18n.language, t],
  );
}
