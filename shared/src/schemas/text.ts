import { z } from 'zod';

/**
 * Every string Vigil takes from outside goes through one of these two, because PostgreSQL (and
 * PGlite) cannot store a NUL character: `text` refuses \u0000 and `jsonb` refuses the escape, and
 * the database's error would otherwise surface as a 500.
 *
 * Per field:
 * - `text()`: refuses a NUL with `<field>: must not contain a NUL character` (400, nothing changed).
 *   Used for everything a person or an integration chooses deliberately: ids, names, usernames,
 *   passwords, notes, URLs, attribute keys. A NUL there is a bug in the sender, best shown at once.
 * - `alarmText()`: stores the alarm's free text (its message, its attribute values) safely instead.
 *   Such text is often read from a panel's memory as fixed-width C strings, so NUL padding at the
 *   end is dropped and any other NUL becomes U+FFFD (�); refusing it would keep a panel that
 *   retries until 2xx from ever getting its fire alarm in.
 */
export const NUL_RULE = 'must not contain a NUL character';

const NUL = '\u0000';

/** A string that may not hold a NUL character; chain `.trim()`, `.min()`, `.regex()` … after it. */
export function text(error = 'must be a string'): z.ZodString {
  // `abort`: a NUL is the one thing said about the field, not followed by its other rules.
  return z.string({ error }).refine((value) => !value.includes(NUL), { error: NUL_RULE, abort: true });
}

/** Free alarm text: NUL padding at the end dropped, any other NUL replaced by U+FFFD. */
export function alarmText(error = 'must be a string'): z.ZodString {
  return z.string({ error }).overwrite(sanitizeNul);
}

export function sanitizeNul(value: string): string {
  if (!value.includes(NUL)) return value;
  let end = value.length;
  while (end > 0 && value[end - 1] === NUL) end -= 1;
  return value.slice(0, end).replaceAll(NUL, '\uFFFD');
}
