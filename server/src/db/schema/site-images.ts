import { customType, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { SiteImageType } from '@vigil/shared';
import { sites } from './sites.js';

/** Raw bytes: node-postgres reads a Buffer, PGlite a Uint8Array; both write a Uint8Array. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * Plan images uploaded for a site's backdrop, kept in the database so every node of a
 * scaled-out install serves them. Content-addressed: `id` is the SHA-256 of the bytes.
 */
export const siteImages = pgTable(
  'site_images',
  {
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    id: text('id').notNull(),
    contentType: text('content_type').$type<SiteImageType>().notNull(),
    size: integer('size').notNull(),
    bytes: bytea('bytes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.siteId, table.id] })],
);
