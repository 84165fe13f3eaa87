import type { sosZhCN } from './sos.zh-CN';

export const sosEn: typeof sosZhCN = {
  sosPhone: {
    hold: 'Hold 1.5 s to send SOS',
    holding: 'Keep holding…',
    waiting: 'Waiting for network: SOS saved, it goes out by itself when there is signal',
    sent: 'SOS sent, waiting for the control room…',
    received: 'Received by the control room',
    failed: 'SOS refused ({{error}}). Use the radio now',
    pressedAt: 'Pressed at {{time}}',
    attempts: '{{count}} tries so far',
  },
};
