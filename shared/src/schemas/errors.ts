import type { z } from 'zod';

/** A key as it may be shown in an error: a NUL (or other control character) spelled out, long keys cut. */
export function printableKey(key: PropertyKey): string {
  const text = String(key).replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return text.length > 64 ? `${text.slice(0, 64)}…` : text;
}

/** The message of one issue: a record's bad key says which key and why, not zod's "Invalid key in record". */
export function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_key') {
    const key = issue.path.at(-1);
    return `key "${printableKey(key ?? '')}" ${issue.issues.map((inner) => inner.message).join(', ')}`;
  }
  return issue.message;
}

/** The issue's path without a bad record key, which `issueMessage` names instead. */
export function issuePath(issue: z.core.$ZodIssue): readonly PropertyKey[] {
  return issue.code === 'invalid_key' ? issue.path.slice(0, -1) : issue.path;
}

/** `priority: must be an integer from 1 to 9; source: …` — the field, then the rule. */
export function formatZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issuePath(issue).map(printableKey).join('.');
      if (issue.code === 'unrecognized_keys') {
        const keys = issue.keys.map((key) => (path ? `${path}.${printableKey(key)}` : printableKey(key)));
        return `${keys.join(', ')}: unknown field${keys.length > 1 ? 's' : ''}`;
      }
      return `${path || 'body'}: ${issueMessage(issue)}`;
    })
    .join('; ');
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseWith<T>(schema: z.ZodType<T>, input: unknown): ParseResult<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, error: formatZodError(result.error) };
}
