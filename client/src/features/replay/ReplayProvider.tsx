import { useEffect, useState, type ReactNode } from 'react';
import { NOT_SENT_OFFLINE } from '../../realtime/commands';
import { RealtimeContext, type Realtime } from '../../realtime/RealtimeContext';
import { httpReplayApi } from './replayApi';
import { ReplayBar } from './ReplayBar';
import { startReplaySession, type ReplayControls } from './replaySession';

/** In a replay nothing goes to the server: a command that slipped past a disabled button is not sent. */
const READ_ONLY: Realtime = {
  send: () => Promise.resolve(NOT_SENT_OFFLINE),
  reportPositions: () => Promise.resolve({ ok: false, error: 'timeout', timedOut: true }),
};

/**
 * A screen in a replay: the session fills the stores the screen reads, and the bar with the
 * REPLAY banner, the controls and the timeline stands over it. The screen mounts once the
 * session has set the replay clock, so none of its effects starts on live time.
 */
export function ReplayProvider({ request, children }: { request: { from: number; to: number; at: number; stream?: string }; children: ReactNode }) {
  const [controls, setControls] = useState<ReplayControls | null>(null);
  useEffect(() => {
    const session = startReplaySession(httpReplayApi(request.stream), request);
    setControls(session.controls);
    return () => {
      setControls(null);
      session.stop();
    };
  }, [request]);
  return (
    <RealtimeContext.Provider value={READ_ONLY}>
      {controls && (
        <div className="replaying" data-testid="replaying">
          <ReplayBar controls={controls} range={request} />
          {children}
        </div>
      )}
    </RealtimeContext.Provider>
  );
}
