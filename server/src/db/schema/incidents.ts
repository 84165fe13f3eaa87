import { bigint, boolean, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type {
  ActivationRule,
  Bilingual,
  CallRecord,
  DispatchState,
  IncidentLevel,
  IncidentLocation,
  IncidentState,
  IncidentType,
  PlanRole,
  PlanStep,
  StepStatus,
  TextParams,
  TimelineKind,
} from '@vigil/shared';
import { sites } from './sites.js';

/*
 * Incidents, plan runs and dispatches: operational state, kept per stream (live or a drill's).
 * Plan templates are reference data, shared by every stream. Due times are columns, so the
 * scheduler finds what is due with an index, after any restart.
 */

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** One version of one plan (预案库). A new version is a new row; running plans keep their copy. */
export const planTemplates = pgTable(
  'plan_templates',
  {
    id: text('id').notNull(),
    version: integer('version').notNull(),
    incidentType: text('incident_type').$type<IncidentType>().notNull(),
    level: integer('level').$type<IncidentLevel>().notNull(),
    name: jsonb('name').$type<Bilingual>().notNull(),
    summary: jsonb('summary').$type<Bilingual>().notNull(),
    activation: jsonb('activation').$type<ActivationRule[]>().notNull(),
    roles: jsonb('roles').$type<PlanRole[]>().notNull(),
    steps: jsonb('steps').$type<PlanStep[]>().notNull(),
    /** A retired plan is kept for history but no longer suggested or startable. */
    retired: boolean('retired').notNull().default(false),
    publishedAt: tz('published_at').notNull(),
    publishedById: text('published_by_id'),
    publishedByName: text('published_by_name'),
  },
  (table) => [primaryKey({ columns: [table.id, table.version] })],
);

export const incidents = pgTable(
  'incidents',
  {
    id: uuid('id').primaryKey(),
    stream: text('stream').notNull(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    /** `20261202-003`: the day's count, per stream. */
    number: text('number').notNull(),
    type: text('type').$type<IncidentType>().notNull(),
    level: integer('level').$type<IncidentLevel>().notNull(),
    title: text('title').notNull(),
    state: text('state').$type<IncidentState>().notNull(),
    location: jsonb('location').$type<IncidentLocation>(),
    alarmIds: uuid('alarm_ids').array().notNull().default([]),
    ownerId: text('owner_id'),
    ownerName: text('owner_name'),
    openedAt: tz('opened_at').notNull(),
    openedById: text('opened_by_id').notNull(),
    openedByName: text('opened_by_name').notNull(),
    resolvedAt: tz('resolved_at'),
    closedAt: tz('closed_at'),
    summary: text('summary'),
  },
  (table) => [
    uniqueIndex('incidents_number_idx').on(table.stream, table.number),
    index('incidents_state_idx').on(table.stream, table.state),
    // The site report's incidents of a period.
    index('incidents_site_report_idx').on(table.stream, table.siteId, table.openedAt),
  ],
);

/** The plan running for an incident: the template's steps as they were at start. */
export const planRuns = pgTable('plan_runs', {
  incidentId: uuid('incident_id')
    .primaryKey()
    .references(() => incidents.id),
  stream: text('stream').notNull(),
  planId: text('plan_id').notNull(),
  version: integer('version').notNull(),
  name: jsonb('name').$type<Bilingual>().notNull(),
  steps: jsonb('steps').$type<PlanStep[]>().notNull(),
  startedAt: tz('started_at').notNull(),
  startedById: text('started_by_id').notNull(),
  startedByName: text('started_by_name').notNull(),
});

/** Each step's state in a run, with its due times (the scheduler's warn/overdue timers). */
export const planSteps = pgTable(
  'plan_steps',
  {
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id),
    stepId: text('step_id').notNull(),
    stream: text('stream').notNull(),
    position: integer('position').notNull(),
    status: text('status').$type<StepStatus>().notNull().default('pending'),
    answer: text('answer'),
    byId: text('by_id'),
    byName: text('by_name'),
    at: tz('at'),
    reason: text('reason'),
    note: text('note'),
    call: jsonb('call').$type<CallRecord>(),
    warnAt: tz('warn_at').notNull(),
    dueAt: tz('due_at').notNull(),
    warnedAt: tz('warned_at'),
    overdueAt: tz('overdue_at'),
  },
  (table) => [
    primaryKey({ columns: [table.incidentId, table.stepId] }),
    index('plan_steps_warn_idx').on(table.status, table.warnedAt, table.warnAt),
    index('plan_steps_due_idx').on(table.status, table.overdueAt, table.dueAt),
  ],
);

/** The incident's timeline: automatic entries (id `auto-<seq>`) and people's (a UUID). */
export const incidentEntries = pgTable(
  'incident_entries',
  {
    id: text('id').notNull(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id),
    stream: text('stream').notNull(),
    /** The seq of the event that wrote it: the timeline's order (several entries share one `at`). */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    at: tz('at').notNull(),
    kind: text('kind').$type<TimelineKind>().notNull(),
    byId: text('by_id'),
    byName: text('by_name'),
    code: text('code'),
    params: jsonb('params').$type<TextParams>().notNull().default({}),
    text: text('text'),
    call: jsonb('call').$type<{ party: CallRecord['party']; at: string }>(),
    photoId: uuid('photo_id'),
    strickenAt: tz('stricken_at'),
    strickenById: text('stricken_by_id'),
    strickenByName: text('stricken_by_name'),
    strickenReason: text('stricken_reason'),
  },
  (table) => [primaryKey({ columns: [table.incidentId, table.id] }), index('incident_entries_seq_idx').on(table.incidentId, table.seq)],
);

/** A photo a guard or an operator attached to an incident: bytes checked, size-limited, kept here. */
export const incidentPhotos = pgTable('incident_photos', {
  id: uuid('id').primaryKey(),
  incidentId: uuid('incident_id')
    .notNull()
    .references(() => incidents.id),
  stream: text('stream').notNull(),
  mime: text('mime').notNull(),
  bytes: bytea('bytes').notNull(),
  size: integer('size').notNull(),
  takenById: text('taken_by_id').notNull(),
  createdAt: tz('created_at').notNull(),
});

export const dispatches = pgTable(
  'dispatches',
  {
    id: uuid('id').primaryKey(),
    stream: text('stream').notNull(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id),
    siteId: text('site_id').notNull(),
    guardId: text('guard_id').notNull(),
    state: text('state').$type<DispatchState>().notNull(),
    instruction: text('instruction'),
    sentAt: tz('sent_at').notNull(),
    sentById: text('sent_by_id').notNull(),
    sentByName: text('sent_by_name').notNull(),
    /** When an unanswered dispatch is flagged (sent + DISPATCH_ANSWER_SEC): the scheduler's timer. */
    answerDueAt: tz('answer_due_at').notNull(),
    acceptedAt: tz('accepted_at'),
    declinedAt: tz('declined_at'),
    declineReason: text('decline_reason'),
    enRouteAt: tz('en_route_at'),
    onSceneAt: tz('on_scene_at'),
    arrival: text('arrival').$type<'detected' | 'pressed'>(),
    clearedAt: tz('cleared_at'),
    cancelledAt: tz('cancelled_at'),
    unansweredAt: tz('unanswered_at'),
  },
  (table) => [
    index('dispatches_incident_idx').on(table.incidentId),
    index('dispatches_guard_idx').on(table.stream, table.guardId, table.state),
    index('dispatches_answer_due_idx').on(table.state, table.unansweredAt, table.answerDueAt),
    // The site report's dispatches of a period.
    index('dispatches_site_report_idx').on(table.stream, table.siteId, table.sentAt),
  ],
);
