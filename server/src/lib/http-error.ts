import { parseWith } from '@vigil/shared';
import type { z } from 'zod';

/** An error that becomes `{ error: code, message }` with its status. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** Headers the answer carries (`Retry-After` on a 429 or 503). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new HttpError(400, 'validation', message);
export const unauthorized = (message = 'a valid session is required') => new HttpError(401, 'unauthorized', message);
export const forbidden = (message = 'your role may not do this') => new HttpError(403, 'forbidden', message);
export const notFound = (message: string) => new HttpError(404, 'not_found', message);
export const conflict = (message: string) => new HttpError(409, 'conflict', message);
/** A 429 that says when to try again, in whole seconds (at least 1). */
export const tooManyRequests = (message: string, retryAfterMs: number) =>
  new HttpError(429, 'too_many_requests', message, { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) });
export const unprocessable = (message: string) => new HttpError(422, 'unprocessable', message);

/** Validates input at the edge with a shared schema; the error names the field and the rule. */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = parseWith(schema, input);
  if (!result.ok) throw badRequest(result.error);
  return result.value;
}
