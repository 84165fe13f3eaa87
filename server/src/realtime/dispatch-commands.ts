import { DispatchAnswerCommand, DispatchCancelCommand, DispatchSendCommand, DispatchSuggestCommand } from '@vigil/shared';
import { answerDispatch, cancelDispatch } from '../services/dispatch/answer-dispatch.js';
import { sendDispatch } from '../services/dispatch/send-dispatch.js';
import { suggestGuards, type SuggestContext } from '../services/dispatch/suggest-guards.js';
import { onCommand, type CommandContext, type VigilSocket } from './commands.js';

export type DispatchCommandContext = CommandContext & Omit<SuggestContext, 'deps'>;

/**
 * 派遣 on the socket: commanders rank, send and cancel (`dispatch.send` permission); the guard
 * answers their own dispatch, a commander on the guard's behalf (`dispatch.answer`).
 */
export function registerDispatchCommands(socket: VigilSocket, context: DispatchCommandContext): void {
  const { deps } = context;
  onCommand(socket, context, 'dispatch.suggest', DispatchSuggestCommand, 'dispatch.send', (input, user) =>
    suggestGuards({ ...context, deps }, input.incidentId, user),
  );
  onCommand(socket, context, 'dispatch.send', DispatchSendCommand, 'dispatch.send', (input, user) => sendDispatch(deps, input, user));
  onCommand(socket, context, 'dispatch.cancel', DispatchCancelCommand, 'dispatch.send', (input, user) => cancelDispatch(deps, input, user));
  onCommand(socket, context, 'dispatch.answer', DispatchAnswerCommand, 'dispatch.answer', (input, user) => answerDispatch(deps, input, user));
}
