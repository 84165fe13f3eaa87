import type { replayZhCN } from './replay.zh-CN';

export const replayEn: typeof replayZhCN = {
  replay: {
    banner: 'REPLAY 回放',
    bannerHint: 'This screen replays an earlier moment; it is not the live state',
    controls: 'Replay controls',
    time: 'Replayed time',
    play: 'Play',
    pause: 'Pause',
    speeds: 'Playback speed',
    speed: '{{speed}}×',
    backToLive: 'Back to live',
    loading: 'Loading the moment…',
    failed: 'Could not load the replay: {{message}}',
    retry: 'Try again',
    ended: 'End of the range',
    timeline: 'Replay timeline',
    markersFailed: 'The timeline markers could not be loaded',
    truncated: 'Too many markers: the first {{count}} are shown',
    marker: {
      alarm: 'Alarm',
      incident: 'Incident',
      dispatch: 'Dispatch',
      step: 'Step',
    },
    markerAt: '{{kind}} {{label}} at {{time}}',
    readOnly: 'Replay is read-only: every action is off',
    actionsOff: 'Replay: read-only',
    noRecording: 'No recording · 无录像',
    noRecordingHint: 'There is no recording to play for this moment',
    invalid: 'The replay link has a time that cannot be read ({{field}}); use an ISO time such as 2026-12-02T03:15:00Z',
  },
};
