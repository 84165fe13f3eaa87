import type { z } from 'zod';
import type { CodedError, TextParams } from '../domain/texts.js';

/** At most this many issues are reported; the rest are counted. */
const MAX_ISSUES = 5;

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
    .slice(0, MAX_ISSUES)
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

/**
 * The rules the shared schemas state, as codes. Each schema message says its rule in English
 * (`must be an integer from 1 to 9`); this table reads the rule and its numbers back out of it,
 * so the message written next to the schema stays the one source of both. A message no entry
 * matches becomes rule `other` with the English sentence as `detail`.
 */
const RULES: readonly { rule: string; pattern: RegExp; params?: (match: RegExpMatchArray) => TextParams }[] = [
  { rule: 'required', pattern: /^must not be empty$/ },
  { rule: 'string', pattern: /^must be a (?:URL )?string\b/ },
  { rule: 'number', pattern: /^must be (?:a number|finite|a finite number)(?: \(metres\))?$/ },
  { rule: 'boolean', pattern: /^must be true or false$/ },
  { rule: 'uuid', pattern: /^must be a UUID$/ },
  { rule: 'url', pattern: /^must be an? (?:URL|http)/ },
  { rule: 'dateTime', pattern: /^must be an ISO-8601 (?:date-)?time/ },
  { rule: 'slug', pattern: /^may contain only lower-case letters, digits and -, starting with a letter or digit$/ },
  {
    rule: 'characters',
    pattern: /^may contain only letters, digits,? (?:and )?(.+)$/,
    params: (m) => ({ symbols: (m[1] ?? '').replace(/\band\b|,/g, ' ').trim().split(/\s+/).join(' ') }),
  },
  { rule: 'notFuture', pattern: /^must not be more than (\d+) minutes in the future$/, params: (m) => ({ minutes: Number(m[1]) }) },
  { rule: 'maxLength', pattern: /^must be at most (\d+) characters$/, params: (m) => ({ max: Number(m[1]) }) },
  { rule: 'minLength', pattern: /^must be at least (\d+) characters$/, params: (m) => ({ min: Number(m[1]) }) },
  { rule: 'lengthRange', pattern: /^must be (\d+) to (\d+) (?:characters|lowercase)/, params: (m) => ({ min: Number(m[1]), max: Number(m[2]) }) },
  {
    rule: 'integerRange',
    pattern: /^must be an integer (?:floor level )?from (-?\d+) to (-?\d+)$/,
    params: (m) => ({ min: Number(m[1]), max: Number(m[2]) }),
  },
  {
    rule: 'numberRange',
    pattern: /^must be (?:a |an )?(?:number |latitude |longitude )?(?:of (?:metres|degrees) )?from (-?[\d.]+) to (-?[\d.]+)/,
    params: (m) => ({ min: Number(m[1]), max: Number(m[2]) }),
  },
  { rule: 'numberMin', pattern: /^must be a number ≥ (-?[\d.]+)$/, params: (m) => ({ min: Number(m[1]) }) },
  { rule: 'numberMax', pattern: /^must be at most (-?[\d.]+) metres$/, params: (m) => ({ max: Number(m[1]) }) },
  { rule: 'oneOf', pattern: /^must be one (?:or more )?of (.+)$/, params: (m) => ({ options: m[1] ?? '' }) },
  { rule: 'maxItems', pattern: /^must (?:name|have|hold) at most (\d+) /, params: (m) => ({ max: Number(m[1]) }) },
  { rule: 'minItems', pattern: /^(?:must (?:name|hold) at least one|needs at least one) /, params: () => ({ min: 1 }) },
  { rule: 'laterThanFrom', pattern: /^must be later than from$/ },
  { rule: 'unique', pattern: /(?:must be unique|must not name a camera twice)$/ },
  { rule: 'noChange', pattern: /^must change at least one/ },
  { rule: 'ringClosed', pattern: /^a ring must be closed/ },
  { rule: 'minPositions', pattern: /^a (?:ring|line) needs at least (\d+) positions/, params: (m) => ({ min: Number(m[1]) }) },
  // The services' own refusals, phrased the same way.
  { rule: 'noSuchId', pattern: /^no (\w+) (?:with id )?"([^"]*)"/, params: (m) => ({ thing: m[1] ?? '', id: m[2] ?? '' }) },
  { rule: 'taken', pattern: /^"([^"]*)" is (?:taken|already)/, params: (m) => ({ value: m[1] ?? '' }) },
  { rule: 'otherSite', pattern: /belongs to (?:site|no known site)/ },
  { rule: 'insidePlan', pattern: /^must be inside the plan/ },
  { rule: 'noFloor', pattern: /^(?:site "[^"]*" has )?no floor with level (-?\d+)/, params: (m) => ({ level: Number(m[1]) }) },
  { rule: 'roleMayNot', pattern: /^the (\w+) role may not (?:use )?(.+)$/, params: (m) => ({ role: m[1] ?? '', action: m[2] ?? '' }) },
  { rule: 'json', pattern: /^is not valid JSON$/ },
  { rule: 'tooLarge', pattern: /^is larger than the (.+) limit$/, params: (m) => ({ limit: m[1] ?? '' }) },
  { rule: 'alreadyUsed', pattern: /^already used for another command$/ },
  { rule: 'weakPassword', pattern: /^too easy to guess\b/ },
  { rule: 'passwordHasUsername', pattern: /^must not contain the username$/ },
  { rule: 'nul', pattern: /(?:^|" )must not contain a NUL character/ },
];

/** `{ rule, …its numbers }` for a schema message. */
export function ruleOf(message: string): TextParams {
  for (const entry of RULES) {
    const match = entry.pattern.exec(message);
    if (match) return { rule: entry.rule, ...(entry.params?.(match) ?? {}) };
  }
  return { rule: 'other', detail: message };
}

/**
 * A message that names its own field (`fixes.1.lat: must be …`, from a refinement on the whole
 * body), a site document's with the feature's label (`features[3] (device d1).properties.kind: …`).
 */
const OWN_FIELD = /^((?:[\w.[\]/-]| \([^)]*\))+): (.+)$/;

/**
 * `{ field, rule, … }` read from an English refusal that follows the house style
 * (`zoneId: no zone with id "z9"`), for errors thrown with a sentence only.
 */
export function paramsOfMessage(message: string): TextParams {
  const own = OWN_FIELD.exec(message);
  if (!own?.[1] || !own[2]) return ruleOf(message);
  return { field: own[1], ...ruleOf(own[2]) };
}

/** One issue as `{ code: 'validation', params: { field, rule, …} }`, its field named as `formatZodError` names it. */
function codedIssue(issue: z.core.$ZodIssue): CodedError {
  const path = issuePath(issue).map(printableKey).join('.');
  if (issue.code === 'unrecognized_keys') {
    const key = printableKey(issue.keys[0] ?? '');
    return { code: 'validation', params: { field: path ? `${path}.${key}` : key, rule: 'unknownField' } };
  }
  const text = issueMessage(issue);
  const own = path ? null : OWN_FIELD.exec(text);
  const field = own?.[1] ?? (path || 'body');
  const message = own?.[2] ?? text;
  return { code: 'validation', params: { field, ...ruleOf(message) } };
}

/**
 * The failures as codes: the first issue's `{ field, rule, … }` as `params` (with `more`, the
 * count of the others), and every reported issue in `issues`.
 */
export function codeZodError(error: z.ZodError): CodedError & { issues: CodedError[] } {
  const issues = error.issues.slice(0, MAX_ISSUES).map(codedIssue);
  const first = issues[0] ?? { code: 'validation', params: { field: 'body', rule: 'other', detail: 'invalid' } };
  const more = error.issues.length - 1;
  return { code: 'validation', params: more > 0 ? { ...first.params, more } : first.params, issues };
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };
/** A shared schema's refusal: the English sentence and the same as codes. */
export type ParseFailure = { ok: false; error: string } & ReturnType<typeof codeZodError>;

export function parseWith<T>(schema: z.ZodType<T>, input: unknown): { ok: true; value: T } | ParseFailure {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, error: formatZodError(result.error), ...codeZodError(result.error) };
}
