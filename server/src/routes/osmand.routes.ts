import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { badRequest } from '../lib/http-error.js';
import { parseOsmAndJson, parseOsmAndQuery, type TrackerParse } from '../ingest/osmand.js';
import { recordTrackerFixes } from '../services/positions/record-tracker-fixes.js';

type Params = Record<string, string | undefined>;

function asParams(value: unknown): Params {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, v]) => [key, Array.isArray(v) ? String(v.at(-1)) : v === undefined ? undefined : String(v)]),
  );
}

/** The JSON form when the body is JSON; otherwise the query (and form body) parameters. */
function parse(request: FastifyRequest, now: Date): { parsed: TrackerParse; idField: string } {
  const body = request.body;
  if (request.headers['content-type']?.includes('json')) return { parsed: parseOsmAndJson(body, now), idField: 'device_id' };
  return { parsed: parseOsmAndQuery({ ...asParams(request.query), ...asParams(body) }, now), idField: 'id' };
}

/**
 * The OsmAnd protocol (Traccar Client, OsmAnd, GPSLogger): GET or POST at `path`. No auth, as
 * in Traccar: an unknown device id is refused. 200 with an empty body once the fix is stored.
 */
export const osmandRoutes: FastifyPluginAsync<{ path: string }> = async (app, options) => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  // Some senders POST the query with a text/plain or no meaningful body: ignore it.
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, _body, done) => done(null, undefined));

  const handler = async (request: FastifyRequest) => {
    const { parsed, idField } = parse(request, app.deps.clock());
    if (!parsed.ok) throw badRequest(parsed.error);
    await recordTrackerFixes(app.deps, app.positions.lane, app.broadcaster.snapshot('live'), parsed.fixes, 'osmand', idField);
    return '';
  };
  app.get(options.path, handler);
  app.post(options.path, handler);
};
