import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { HandoverSummary } from '@vigil/shared';
import { sites } from './sites.js';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Shift handovers (交接班), a projection of `handover.opened` and `handover.acknowledged`: what
 * was open when the outgoing officer handed over (the summary the server composed), and who took
 * it over. Per stream, as every operational record.
 */
export const handovers = pgTable(
  'handovers',
  {
    id: uuid('id').primaryKey(),
    stream: text('stream').notNull(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    fromId: text('from_id').notNull(),
    fromName: text('from_name').notNull(),
    /** Handed to this officer; null: any other duty officer of the site. */
    toId: text('to_id'),
    toName: text('to_name'),
    note: text('note'),
    summary: jsonb('summary').$type<HandoverSummary>().notNull(),
    openedAt: tz('opened_at').notNull(),
    acknowledgedAt: tz('acknowledged_at'),
    acknowledgedById: text('acknowledged_by_id'),
    acknowledgedByName: text('acknowledged_by_name'),
    acknowledgeNote: text('acknowledge_note'),
  },
  (table) => [index('handovers_site_idx').on(table.stream, table.siteId, table.openedAt)],
);
