import { AUDIT_SITE_ID, type Actor, type EventOf, type ExportKind, type NewEvent, type User } from '@vigil/shared';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { runCommand, type CommandLog } from '../append.js';
import type { Deps } from '../deps.js';

/** An audit event before the log gives it a seq, a time, a stream and its site (none). */
type AuditType = 'auth.loggedIn' | 'auth.loginFailed' | 'auth.loggedOut' | 'admin.changed' | 'data.exported';
export type AuditRecord = { [T in AuditType]: Omit<Extract<NewEvent, { type: T }>, 'siteId'> }[AuditType];

export const personActor = (user: User): Actor => ({ kind: 'user', id: user.id, name: user.displayName });

/** Appends to the log with no state change of its own (the CTE `change` needs one row). */
export const NO_STATE_CHANGE = sql`select 1 as recorded`;

/**
 * Appends one audit event (a login, a logout, an admin's change, an export) to the `audit` stream,
 * whatever stream the caller acts on: no screen folds it, the audit log (GET /api/v1/audit) reads it.
 * Through the one write path, so its seq is in commit order with every other event.
 */
export async function recordAudit(deps: Deps, record: AuditRecord): Promise<void> {
  await runCommand(deps, { stream: 'audit' }, async (log) => {
    await log.append(NO_STATE_CHANGE, { ...record, siteId: AUDIT_SITE_ID } as NewEvent);
  });
}

/** The filters an export was made with, as text (a list joined by commas), for its audit entry. */
export function exportFilters(query: Record<string, unknown>): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    filters[key] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return filters;
}

/** Records that `user` was served an export (`data.exported`), before its first byte is sent. */
export async function recordExport(deps: Deps, user: User, kind: ExportKind, query: Record<string, unknown>): Promise<void> {
  await recordAudit(deps, { type: 'data.exported', actor: personActor(user), payload: { export: kind, filters: exportFilters(query) } });
}

type AdminChange = EventOf<'admin.changed'>['payload'];

/** Appends an admin's change to the audit stream inside the command that makes it (`log` is on the audit stream). */
export async function appendAdminChange(log: CommandLog, by: User, change: AdminChange): Promise<void> {
  await log.append(NO_STATE_CHANGE, { type: 'admin.changed', siteId: AUDIT_SITE_ID, actor: personActor(by), payload: change });
}

/**
 * An admin's change and its audit entry in one transaction (a command on the audit stream): the
 * change is in the log exactly when it was made. `work` writes through the executor it is given
 * only (it may run twice, see runCommand); what it does outside the database comes after.
 */
export async function auditedChange<T>(deps: Deps, by: User, work: (db: Executor) => Promise<{ value: T; change: AdminChange }>): Promise<T> {
  const done = await runCommand(deps, { stream: 'audit' }, async (log) => {
    const { value, change } = await work(log.tx);
    await appendAdminChange(log, by, change);
    return value;
  });
  return done.value;
}
