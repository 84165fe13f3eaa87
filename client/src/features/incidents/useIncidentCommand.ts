import type { CommandAck, CommandName, CommandRefusal } from '@vigil/shared';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describeError';
import type { AckOf, CommandInput, CommandOutcome } from '../../realtime/commands';
import { useRealtime } from '../../realtime/RealtimeContext';

export type Accepted<TName extends CommandName> = Extract<AckOf<TName>, { ok: true }>;

export interface IncidentCommand {
  /** Sends one command; resolves with the server's acceptance, or null after showing why not. */
  send: <TName extends CommandName>(name: TName, input: CommandInput<TName>) => Promise<Accepted<TName> | null>;
  pending: boolean;
  /** The last refusal in the screen's language (describeError), until the next send or `clear`. */
  error: string | null;
  /** The server's refusal itself (its code and params), when it was one. */
  refusal: CommandRefusal | null;
  clear: () => void;
}

/** A refusal, a timeout or "not sent, offline" in words. */
export function useOutcomeText(): (outcome: Exclude<CommandOutcome<CommandAck>, { ok: true }>) => string {
  const { t } = useTranslation();
  return useCallback(
    (outcome) => {
      if ('timedOut' in outcome) return t('incidents.timeout');
      if ('offline' in outcome) return t('wallOps.stale.commandsOff');
      return t('incidents.failed', { error: describeError(outcome, t) });
    },
    [t],
  );
}

/** Incident, plan and dispatch commands for one control: pending while in flight, then the refusal if any. */
export function useIncidentCommand(): IncidentCommand {
  const realtime = useRealtime();
  const textOf = useOutcomeText();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<CommandRefusal | null>(null);

  const send = useCallback(
    async <TName extends CommandName>(name: TName, input: CommandInput<TName>): Promise<Accepted<TName> | null> => {
      setPending(true);
      setError(null);
      setRefusal(null);
      const outcome = (await realtime.send(name, input)) as CommandOutcome<CommandAck>;
      setPending(false);
      if (outcome.ok) return outcome as Accepted<TName>;
      setError(textOf(outcome));
      if (!('timedOut' in outcome) && !('offline' in outcome)) setRefusal(outcome as CommandRefusal);
      return null;
    },
    [realtime, textOf],
  );
  const clear = useCallback(() => {
    setError(null);
    setRefusal(null);
  }, []);
  return { send, pending, error, refusal, clear };
}
