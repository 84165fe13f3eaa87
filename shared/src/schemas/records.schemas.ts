import { z } from 'zod';
import { AUDIT_KINDS } from '../domain/records.js';
import { EXPORT_LANGUAGES } from './alarm.schemas.js';
import { text } from './text.js';

/*
 * Inputs of the department's records (issue #12): the audit log's filters and the shift handover.
 */

const time = text('must be an ISO-8601 date-time string').datetime({
  offset: true,
  error: 'must be an ISO-8601 date-time with a time zone, e.g. 2026-11-23T03:00:00Z',
});
const SEQ_RULE = 'must be a cursor from a previous page';
/** A page's cursor: the seq of the entry it ended at (the log's own order). */
const seqCursor = text(SEQ_RULE).regex(/^[1-9]\d{0,15}$/, { error: SEQ_RULE });
const search = (max: number) =>
  text('must be a string')
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` });
const kindRule = `must be one or more of ${AUDIT_KINDS.join(', ')}`;
/** `kind=login&kind=command` or `kind=login,command`. */
const kinds = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value.flatMap((item: unknown) => (typeof item === 'string' ? item.split(',') : [item])) : value),
  z
    .array(z.string({ error: kindRule }), { error: kindRule })
    .max(AUDIT_KINDS.length, { error: kindRule })
    .refine((items): items is (typeof AUDIT_KINDS)[number][] => items.length > 0 && items.every((item) => (AUDIT_KINDS as readonly string[]).includes(item)), {
      error: kindRule,
    })
    .transform((items) => [...new Set(items)]),
);
const inOrder = (query: { from?: string; to?: string }) => query.from === undefined || query.to === undefined || Date.parse(query.from) < Date.parse(query.to);

/**
 * What the audit log (操作日志) searches by: `from` (inclusive) and `to` (exclusive) bound the
 * server's time of the entry; `actor` is a user's id, or text in the actor's or the attempted
 * login's name; `q` is text anywhere in the entry (its type and what it recorded).
 */
const auditFilterFields = {
  from: time.optional(),
  to: time.optional(),
  actor: search(100).optional(),
  kind: kinds.optional(),
  q: search(100).optional(),
};

export const AuditListQuery = z
  .object({
    ...auditFilterFields,
    limit: z.coerce
      .number({ error: 'must be an integer from 1 to 200' })
      .int({ error: 'must be an integer from 1 to 200' })
      .min(1, { error: 'must be an integer from 1 to 200' })
      .max(200, { error: 'must be an integer from 1 to 200' })
      .default(50),
    /** Keyset paging, newest first: `before` a page's `nextCursor` (older), `after` its `prevCursor` (newer). */
    before: seqCursor.optional(),
    after: seqCursor.optional(),
  })
  .strict()
  .refine((query) => query.before === undefined || query.after === undefined, { path: ['after'], error: 'cannot be given together with before' })
  .refine(inOrder, { path: ['to'], error: 'must be later than from' });
export type AuditListQuery = z.infer<typeof AuditListQuery>;

export const AuditExportQuery = z
  .object({
    ...auditFilterFields,
    lang: z.enum(EXPORT_LANGUAGES, { error: `must be one of ${EXPORT_LANGUAGES.join(', ')}` }).optional(),
  })
  .strict()
  .refine(inOrder, { path: ['to'], error: 'must be later than from' });
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;

const NOTE_MAX = 2000;
const note = text('must be a string')
  .trim()
  .max(NOTE_MAX, { error: `must be at most ${NOTE_MAX} characters` });
const siteId = text('must be a site id')
  .min(1, { error: 'must be a site id' })
  .max(64, { error: 'must be a site id' })
  .regex(/^[\w-]+$/, { error: 'must be a site id' });
const userId = text('must be a user id').uuid({ error: 'must be a user id (UUID)' });

/** `POST /api/v1/handovers`: the outgoing officer hands the site's shift over, optionally to one officer. */
export const HandoverOpenBody = z.object({ siteId, note: note.optional(), toUserId: userId.optional() }).strict();
export type HandoverOpenBody = z.infer<typeof HandoverOpenBody>;

/** `POST /api/v1/handovers/:handoverId/acknowledge`: the incoming officer takes it over. */
export const HandoverAcknowledgeBody = z.object({ note: note.optional() }).strict();
export type HandoverAcknowledgeBody = z.infer<typeof HandoverAcknowledgeBody>;

export const HandoverParams = z.object({ handoverId: text('must be a handover id').uuid({ error: 'must be a handover id (UUID)' }) }).strict();

export const HandoverListQuery = z
  .object({
    siteId,
    limit: z.coerce
      .number({ error: 'must be an integer from 1 to 100' })
      .int({ error: 'must be an integer from 1 to 100' })
      .min(1, { error: 'must be an integer from 1 to 100' })
      .max(100, { error: 'must be an integer from 1 to 100' })
      .default(20),
  })
  .strict();
export type HandoverListQuery = z.infer<typeof HandoverListQuery>;
