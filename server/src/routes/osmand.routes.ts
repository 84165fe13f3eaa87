import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { badRequest } from '../lib/http-error.js';
import { parseOsmAndJson, parseOsmAndQuery, type TrackerParse } from '../ingest/osmand.js';
import { recordTrackerFixes, type TrackerCredential } from '../services/positions/record-tracker-fixes.js';

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

export interface OsmAndRoutesOptions {
  /** `/osmand` on the main port, `/` on the tracker listener. */
  path: string;
  /** OSMAND_REQUIRE_TOKEN: the bare path refuses every guard, legacy ones too. */
  requireToken?: boolean;
}

/**
 * The OsmAnd protocol (Traccar Client, OsmAnd, GPSLogger): GET or POST at `path/<token>`, the
 * guard's tracker URL, whose secret every OsmAnd client carries in its server URL; or at the
 * bare `path` with the tracker id alone, as in Traccar, for legacy guards without a token.
 * Unknown id: 400 (as Traccar); wrong or missing token: 401. 200 with an empty body once the fix
 * is stored; a report without coordinates also gets 200 (the last known position stays).
 */
export const osmandRoutes: FastifyPluginAsync<OsmAndRoutesOptions> = async (app, options) => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  // Some senders POST the query with a text/plain or no meaningful body: ignore it.
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, _body, done) => done(null, undefined));

  const record = async (request: FastifyRequest, credential: TrackerCredential) => {
    const { parsed, idField } = parse(request, app.deps.clock());
    if (!parsed.ok) throw badRequest(parsed.error);
    await recordTrackerFixes(app.deps, app.positions.lane, app.broadcaster.snapshot('live'), parsed.fixes, 'osmand', { field: idField, credential, lookup: app.trackers.lookup });
    return '';
  };
  const bare = (request: FastifyRequest) => record(request, { kind: 'id', requireToken: options.requireToken ?? false });
  const withToken = (request: FastifyRequest<{ Params: { token: string } }>) => record(request, { kind: 'url', token: request.params.token });
  const tokenPath = `${options.path.replace(/\/$/, '')}/:token`;
  // Thousands of fixes a second: no two info lines per request (refusals still log at warn and above).
  const quiet = { logLevel: 'warn' as const };
  app.get(options.path, quiet, bare);
  app.post(options.path, quiet, bare);
  app.get(tokenPath, quiet, withToken);
  app.post(tokenPath, quiet, withToken);
};
