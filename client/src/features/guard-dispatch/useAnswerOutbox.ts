import { useEffect, useRef, useState } from 'react';
import { newCommandId } from '../../lib/ids';
import { connectionStatus, useConnection } from '../../realtime/connectionStore';
import { useRealtime } from '../../realtime/RealtimeContext';
import { useAlarmStore } from '../alarms/alarmStore';
import { AnswerOutbox, answerStorageFor, type PendingAnswer } from './answerOutbox';
import type { DispatchAction } from './dispatchFlow';

const isLive = () => connectionStatus(useConnection.getState()) === 'live';

export interface AnswerOutboxApi {
  answers: readonly PendingAnswer[];
  press: (dispatchId: string, action: DispatchAction, reason?: string) => void;
  retry: (commandId: string) => void;
  dismiss: (commandId: string) => void;
}

/**
 * The phone's answer outbox for this login (answerOutbox.ts): sent whenever the link is live,
 * until each ack; answers the live state has made moot (arrival detected, a cancel) dropped.
 */
export function useAnswerOutbox(userId: string): AnswerOutboxApi {
  const { send } = useRealtime();
  const sendRef = useRef(send);
  sendRef.current = send;
  const [outbox, setOutbox] = useState<AnswerOutbox | null>(null);
  const [answers, setAnswers] = useState<readonly PendingAnswer[]>([]);

  useEffect(() => {
    const created = new AnswerOutbox(answerStorageFor(userId), {
      send: (answer) => sendRef.current('dispatch.answer', answer),
      isLive,
      newId: newCommandId,
    });
    setOutbox(created);
    setAnswers(created.current);
    const unsubscribe = created.subscribe(setAnswers);
    const reconcile = () => created.reconcile((dispatchId) => useAlarmStore.getState().live.dispatches.get(dispatchId)?.state);
    const unsubscribeLive = useAlarmStore.subscribe((store, before) => {
      if (store.live.dispatches !== before.live.dispatches) reconcile();
    });
    const unsubscribeConnection = useConnection.subscribe((now, before) => {
      if (connectionStatus(now) === 'live' && connectionStatus(before) !== 'live') created.wake();
    });
    reconcile();
    created.wake();
    return () => {
      unsubscribe();
      unsubscribeLive();
      unsubscribeConnection();
      created.dispose();
    };
  }, [userId]);

  return {
    answers,
    press: (dispatchId, action, reason) => outbox?.press(dispatchId, action, reason),
    retry: (commandId) => outbox?.retry(commandId),
    dismiss: (commandId) => outbox?.dismiss(commandId),
  };
}
