import { z } from 'zod';
import { text } from './text.js';
import { CommandId } from './alarm.schemas.js';
import { PlanId } from './plan.schemas.js';
import { MAX_DRILL_COMMENT_CHARS } from '../domain/drill.js';

/**
 * Commands on a drill run (the controller's screen, over HTTP). The scenario and an ad hoc
 * inject are checked by `parseDrillScenario` / `DrillInjectInput` on the server, so their
 * errors name the field inside them (`scenario.injects[2] (heat).alarm.kind: …`).
 */

const uuid = text('must be a string').uuid({ error: 'must be a UUID' });

export const MAX_DRILL_PARTICIPANTS = 100;

export const DrillStartBody = z
  .object({
    /** A scenario file (or one of the shipped ones), checked whole when the drill starts. */
    scenario: z.unknown().refine((value) => value !== undefined, { error: 'required: a drill scenario' }),
    /** The users who take part (the controller, who starts it, takes part too). */
    participants: z
      .array(uuid, { error: 'must be an array of user ids' })
      .max(MAX_DRILL_PARTICIPANTS, { error: `must have at most ${MAX_DRILL_PARTICIPANTS} participants` })
      .default([]),
  })
  .strict();
export type DrillStartBody = z.infer<typeof DrillStartBody>;

export const DrillRunParams = z.object({ runId: uuid }).strict();
export type DrillRunParams = z.infer<typeof DrillRunParams>;

/** An inject the controller adds now; its `atSec` is ignored (it fires at once). */
export const DrillAdHocInjectBody = z.object({ inject: z.unknown().refine((value) => value !== undefined, { error: 'required: an inject' }) }).strict();
export type DrillAdHocInjectBody = z.infer<typeof DrillAdHocInjectBody>;

/** A comment on a run (评论), by the controller or a participant, during the run or after it. */
export const DrillCommentBody = z
  .object({
    /** Client-made, so a retried post adds the comment once. */
    commandId: CommandId,
    text: text('must be a string')
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(MAX_DRILL_COMMENT_CHARS, { error: `must be at most ${MAX_DRILL_COMMENT_CHARS} characters` }),
  })
  .strict();
export type DrillCommentBody = z.infer<typeof DrillCommentBody>;

/** A scenario's id in `/api/v1/drills/scenarios/:scenarioId/runs`. */
export const DrillScenarioParams = z.object({ scenarioId: PlanId }).strict();
