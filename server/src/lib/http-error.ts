import { paramsOfMessage, parseWith, type CodedError, type CommandRefusal, type ParseFailure, type TextParams } from '@vigil/shared';
import type { z } from 'zod';

/**
 * An error that becomes `{ error: code, message, params }` with its status. `message` is the
 * English sentence for logs and integrations; `code` and `params` are what a screen renders in
 * its own language. `issues` lists each refusal of a message that joins several with `; `.
 * Thrown with a sentence only, the params are read from it (`zoneId: no zone with id "z9"` →
 * `{ field: 'zoneId', rule: 'noSuchId', thing: 'zone', id: 'z9' }`).
 */
export class HttpError extends Error {
  readonly params: TextParams;
  readonly issues: CodedError[] | undefined;

  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    params?: TextParams,
    issues?: CodedError[],
    /** Headers the answer carries (`Retry-After` on a 429 or 503). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    const parts = message.split('; ');
    this.params = params ?? paramsOfMessage(parts[0] ?? message);
    this.issues = issues ?? (parts.length > 1 ? parts.map((part) => ({ code, params: paramsOfMessage(part) })) : undefined);
  }
}

/** A shared schema's refusal as a 400 naming the field and the rule. */
export const validationError = (failure: ParseFailure) => new HttpError(400, failure.code, failure.error, failure.params, failure.issues);

export const badRequest = (message: string, params?: TextParams) => new HttpError(400, 'validation', message, params);
/** No session, or a wrong password: the screen says "sign in" (the login screen its own words). */
export const unauthorized = (message = 'a valid session is required') => new HttpError(401, 'unauthorized', message, {});
export const forbidden = (message = 'your role may not do this', params?: TextParams) => new HttpError(403, 'forbidden', message, params);
export const notFound = (message: string, params?: TextParams) => new HttpError(404, 'not_found', message, params);
export const conflict = (message: string, params?: TextParams) => new HttpError(409, 'conflict', message, params);
/** A 429 that says when to try again, in whole seconds (at least 1). */
export const tooManyRequests = (message: string, retryAfterMs: number) =>
  new HttpError(429, 'too_many_requests', message, undefined, undefined, { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) });
export const unprocessable = (message: string, params?: TextParams) => new HttpError(422, 'unprocessable', message, params);

/** Validates input at the edge with a shared schema; the error names the field and the rule. */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = parseWith(schema, input);
  if (!result.ok) throw validationError(result);
  return result.value;
}

/** A socket command's refusal: the English sentence as `error`, and the code and params. */
export const refusalOf = (error: HttpError): CommandRefusal => ({ ok: false, error: error.message, code: error.code, params: error.params });
