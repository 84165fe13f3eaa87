import type { Messages } from './messages';

/** The wall's operating aids: batch handling, muting the tone, stale data, removed devices. */
export const wallOpsEn: Pick<Messages, 'wallOps'> = {
  wallOps: {
    loadingEditor: 'Loading the site editor…',
    place: {
      deviceRemoved: 'Device removed',
      deviceRemovedNamed: '{{name}} (device removed)',
      zoneRemoved: 'Zone removed',
      zoneRemovedNamed: '{{name}} (zone removed)',
    },
    stale: {
      asOf: 'As of {{time}}',
      asOfHint: 'Not live: the map and the queue show the state at {{time}} and may be out of date',
      commandsOff: 'Offline — reconnecting',
      commandsOffHint: 'Not connected to the server: commands are disabled until the connection is back',
    },
    batch: {
      check: 'Select for batch handling',
      selected: '{{count}} selected',
      acknowledge: 'Acknowledge {{count}}',
      resolve: 'Resolve {{count}}',
      clear: 'Clear selection',
      hint: 'Shift-click selects a range',
      sending: 'Sending {{count}}…',
      done: '{{count}} done',
      failed: '{{failed}} of {{total}} failed: see the marked alarms',
      resolveTitle: 'Resolve {{count}} alarms',
    },
    mute: {
      button: 'Mute tone',
      choose: 'Mute the repeat tone for',
      minutes: '{{count}} min',
      badge: 'Muted {{time}}',
      badgeHint: 'The repeat tone is muted until {{until}}; a new critical alarm still sounds once. Click to unmute',
      unmute: 'Unmute',
    },
  },
};
