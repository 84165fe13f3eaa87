import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Stream, WallView, DrillEvaluation, DrillInjectInput, DrillMode, DrillRunState, DrillScenario, GuardStatus } from '@vigil/shared';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** One inject as it fired: on time by the scheduler, early or ad hoc by the controller. */
export interface DrillInjectDone {
  injectId: string;
  at: string;
  early: boolean;
  adHoc: boolean;
  /** An ad hoc inject itself (the scenario's are in `scenario.injects`). */
  inject?: DrillInjectInput;
}

export interface DrillMonitorView {
  view: WallView;
  releasedAlarmIds: string[];
}

/**
 * A drill run (演练) on its own stream `drill:<id>`. The scheduler resumes it from here after a
 * restart: `next_inject_at` is the due time of `scenario.injects[next_inject]` (null when none
 * is left or the drill is paused), and firing an inject moves both in the statement that
 * appends its events, so it fires once whichever node or restart gets there.
 */
export const drillRuns = pgTable(
  'drill_runs',
  {
    id: uuid('id').primaryKey(),
    stream: text('stream').$type<Stream>().notNull().unique(),
    siteId: text('site_id').notNull(),
    /** The scenario as it was checked at start (parseDrillScenario, injects in time order). */
    scenario: jsonb('scenario').$type<DrillScenario>().notNull(),
    mode: text('mode').$type<DrillMode>().notNull(),
    state: text('state').$type<DrillRunState>().notNull(),
    controllerId: uuid('controller_id').notNull(),
    controllerName: text('controller_name').notNull(),
    participants: uuid('participants').array().notNull().default([]),
    startedAt: tz('started_at').notNull(),
    pausedAt: tz('paused_at'),
    /** Seconds the drill spent paused so far: the injects still to come move later by as much. */
    pausedSec: integer('paused_sec').notNull().default(0),
    endedAt: tz('ended_at'),
    nextInject: integer('next_inject').notNull().default(0),
    nextInjectAt: tz('next_inject_at'),
    injectsDone: jsonb('injects_done').$type<DrillInjectDone[]>().notNull().default([]),
    /**
     * The drill's guard statuses (guard id → status), changed only by the drill stream's own
     * `guard.statusChanged` events: the guards table holds the live ones and a drill never writes
     * it. A guard the map lacks is `available` in the drill (simulated guards stand in).
     */
    guardStatuses: jsonb('guard_statuses').$type<Record<string, GuardStatus>>().notNull().default({}),
    /**
     * The drill's video wall (monitor id → its view and released takeovers): set from the live
     * monitors at start, changed only by the drill's own wall commands; the monitors table is live's.
     */
    monitorViews: jsonb('monitor_views').$type<Record<string, DrillMonitorView>>().notNull().default({}),
    evaluation: jsonb('evaluation').$type<DrillEvaluation>(),
  },
  (table) => [index('drill_runs_state_idx').on(table.state, table.nextInjectAt)],
);

/**
 * Comments on a drill run (评论), the projection of its stream's `drill.commented` events: by
 * the controller or a participant, during the run or after it, listed in the report.
 */
export const drillComments = pgTable(
  'drill_comments',
  {
    id: uuid('id').primaryKey(),
    runId: uuid('run_id').notNull(),
    stream: text('stream').$type<Stream>().notNull(),
    at: tz('at').notNull(),
    byId: text('by_id').notNull(),
    byName: text('by_name').notNull(),
    text: text('text').notNull(),
  },
  (table) => [index('drill_comments_run_idx').on(table.runId, table.at)],
);
