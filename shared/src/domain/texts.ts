/**
 * Texts the server makes are codes with parameters; each screen renders them in its own
 * language. An integration's own words (an alarm's `message`) are shown as sent.
 */
export type TextParams = Record<string, string | number>;

/** Alarms the server raises itself: the guard lane and the simulator. */
export const ALARM_TEXT_CODES = [
  'guardSos',
  'guardSilent',
  'restrictedEntry',
  'beamInterrupted',
  'fenceVibration',
  'doorHeld',
  'doorForced',
  'smokeDetected',
  'heatDetected',
  'callPoint',
  'firePanel',
  'liftEntrapment',
  'panicButton',
  'waterDetected',
  'loitering',
  'videoLost',
  'patrolMissed',
] as const;
export type AlarmTextCode = (typeof ALARM_TEXT_CODES)[number];

/**
 * A server-made alarm's text. Params name things by id where the client knows them
 * (`zoneId`), so the screen shows the current name in its language.
 */
export interface AlarmText {
  code: AlarmTextCode;
  params: TextParams;
}

/**
 * A refusal as a screen renders it: a stable code and its params. The English `message`
 * next to it stays for logs and integrations.
 */
export interface CodedError {
  code: string;
  params: TextParams;
}
