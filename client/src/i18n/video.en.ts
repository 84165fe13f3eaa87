import type { Messages } from './messages';

export const videoEn: Pick<Messages, 'video' | 'monitor'> = {
  video: {
    state: {
      connecting: 'Connecting',
      live: 'Live',
      stalled: 'Stalled',
      reconnecting: 'Reconnecting',
      offline: 'Offline',
    },
    stateHint: {
      connecting: 'Opening the video stream…',
      live: 'Live picture',
      stalled: 'Picture paused, waiting for new video',
      reconnecting: 'Stream interrupted, reconnecting by itself',
      offline: 'No stream from this camera; retried automatically',
    },
    unknownCamera: 'Camera {{id}}',
    openLarge: 'Open large',
    closeViewer: 'Close',
    sendToMonitor: 'Send to a monitor…',
    sentTo: 'Sent to {{monitor}}',
    mainStream: 'Main stream',
  },
  monitor: {
    connecting: 'Connecting to the control room…',
    unknown: 'There is no monitor “{{id}}”',
    unknownHint: 'Check the address, or ask an administrator to add this monitor',
    label: 'Monitor {{position}}',
    tileNumber: '{{monitor}}-{{tile}}',
    emptyTile: 'Free tile',
    enlargedHint: 'Double-click or press Esc to go back',
    tour: {
      position: 'Tour {{index}}/{{count}}',
      paused: 'Paused',
      empty: 'This tour has no cameras',
    },
    map: {
      noSite: 'No site plan for this site',
    },
    takeover: {
      title: 'Alarm linkage',
      count: '{{count}} times',
      cameras: '{{count}} linked cameras',
      noCameras: 'No camera nearby: showing the site plan',
      since: 'First alarm {{time}}',
    },
  },
};
