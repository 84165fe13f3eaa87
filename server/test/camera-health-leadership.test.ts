import type { ServerResponse } from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Device } from '@vigil/shared';
import type { Leadership } from '../src/cluster/leadership.js';
import { EVENT_LOG_LOCK, eventsAfter, lastSeq } from '../src/repositories/events.repository.js';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildSite } from './helpers/factories.js';
import { api, login, startServer, waitFor, type TestServer } from './helpers/server.js';
import { setStreams, startUpstream, type Upstream } from './helpers/video.js';

const CAMERAS = ['test-cam-01', 'test-cam-02', 'test-cam-03', 'test-cam-04', 'test-cam-05'];

const camera = (id: string, index: number): Device => ({
  id,
  siteId: 'test',
  zoneId: null,
  kind: 'camera',
  name: `摄像机${index + 1}`,
  nameEn: `Camera ${index + 1}`,
  position: [20 + index * 20, 100],
  floor: 0,
  status: 'online',
  camera: null,
  linkedCameraIds: [],
});

/** One node's leadership, lost and regained when the test says (as the election would on a lost session). */
function drivenLeadership(initial: boolean): Leadership & { set(leader: boolean): void } {
  let leader = initial;
  const listeners = new Set<(leader: boolean) => void>();
  return {
    isLeader: () => leader,
    subscribe(listener) {
      listeners.add(listener);
      listener(leader);
      return () => listeners.delete(listener);
    },
    close: async () => listeners.clear(),
    set(next) {
      if (next === leader) return;
      leader = next;
      for (const listener of listeners) listener(next);
    },
  };
}

/**
 * A camera-health round that loses leadership half-way: the cameras not yet probed are left to
 * the next leader, and the probe in flight when leadership went writes nothing (another node may
 * already be deciding that camera's status), nor does a write still waiting for the event log.
 */
describe(`camera health stops mid-round when leadership is lost (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;
  let upstream: Upstream;
  const leadership = drivenLeadership(false);
  /** Probes held open until the test answers them: the round is in progress meanwhile. */
  const held: { cameraId: string; response: ServerResponse }[] = [];
  let holding = true;
  /** Cameras whose playlist answers; the others' answer 404. */
  const answering = new Set<string>();

  const notFound = (response: ServerResponse) => response.writeHead(404).end();
  const probed = () => upstream.hits.map((hit) => hit.path.split('/')[1]!);
  const answer = async (cameraId: string) => {
    await waitFor(() => held.some((probe) => probe.cameraId === cameraId), `the probe of ${cameraId}`);
    const index = held.findIndex((probe) => probe.cameraId === cameraId);
    const [probe] = held.splice(index, 1);
    await new Promise<void>((resolve) => probe!.response.writeHead(404).end(resolve));
  };
  const statusOf = async (cameraId: string) => {
    const response = await api(server, 'GET', '/api/v1/sites', { cookie: admin });
    const site = (response.body as { sites: { devices: Device[] }[] }).sites[0]!;
    return site.devices.find((device) => device.id === cameraId)?.status;
  };
  const cameraRounds = async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    return Number(text.match(/^vigil_duty_rounds_total\{duty="camera_health"\} (\d+)$/m)?.[1]);
  };

  beforeAll(async () => {
    upstream = await startUpstream((request, response) => {
      const cameraId = request.url?.split('/')[1] ?? '';
      if (holding) held.push({ cameraId, response });
      else if (answering.has(cameraId)) response.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' }).end('#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1.0,\nseg.ts\n');
      else notFound(response);
    });
    handle = await createTestDatabase();
    const site = buildSite();
    server = await startServer(handle, {
      site: { ...site, devices: [...site.devices.filter((device) => device.kind !== 'camera'), ...CAMERAS.map(camera)] },
      leadership,
      // One camera at a time, and one failed probe marks a camera offline: every probe that ends writes.
      video: { cameraHealth: { intervalMs: 50, failuresBeforeOffline: 1, concurrency: 1 } },
    });
    admin = await login(server);
    // Not leading while the streams are set: the first round sees all five cameras.
    for (const cameraId of CAMERAS) await setStreams(server, admin, cameraId, { mainUrl: `${upstream.url}/${cameraId}/index.m3u8` });
  });
  afterAll(async () => {
    holding = false;
    for (const probe of held.splice(0)) notFound(probe.response);
    await server?.close();
    await upstream?.close();
    await handle?.destroy();
    await leadership.close();
  });

  it('probes no further camera and writes no camera status once leadership is lost', async () => {
    const roundsBefore = await cameraRounds();
    leadership.set(true);
    // The first camera fails while this node leads: it goes offline, as it should.
    await answer('test-cam-01');
    await waitFor(() => held.some((probe) => probe.cameraId === 'test-cam-02'), 'the second probe');
    expect(await statusOf('test-cam-01')).toBe('offline');

    // Leadership goes while the second camera's probe is under way; then that probe fails too.
    leadership.set(false);
    const lostAt = await lastSeq(server.database.db, 'live');
    holding = false;
    await answer('test-cam-02');
    // Several intervals' worth: a round that went on would probe cam-03 at once (answered 404 now) and write.
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    expect(probed()).toEqual(['test-cam-01', 'test-cam-02']);
    const after = await eventsAfter(server.database.db, 'live', lostAt, 100);
    expect(after.filter((event) => event.type === 'device.statusChanged')).toEqual([]);
    for (const cameraId of CAMERAS.slice(1)) expect(await statusOf(cameraId)).toBe('online');
    // One round, the one that was cut short; none counted while not leading.
    expect((await cameraRounds()) - roundsBefore).toBe(1);
  });

  it('leaves the rest to the next term, which checks every camera from the start', async () => {
    const hits = upstream.hits.length;
    const regainedAt = await lastSeq(server.database.db, 'live');
    leadership.set(true);
    const offline = async () =>
      (await eventsAfter(server.database.db, 'live', regainedAt, 100)).flatMap((event) =>
        event.type === 'device.statusChanged' && event.payload.status === 'offline' ? [event.payload.deviceId] : [],
      );
    const deadline = Date.now() + 10_000;
    while ((await offline()).length < CAMERAS.length - 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(probed().slice(hits, hits + CAMERAS.length)).toEqual(CAMERAS);
    expect((await offline()).sort()).toEqual(CAMERAS.slice(1));
  });

  // PostgreSQL: the test can hold the event-log lock from a session of its own, so a status
  // write waits in its transaction (as behind a storm's appends) while leadership goes.
  if (testDbKind === 'postgres') {
    it('writes nothing for a status change still waiting for the event log when leadership is lost', async () => {
      if (handle.target.kind !== 'postgres') throw new Error('postgres expected');
      const session = new pg.Client({ connectionString: handle.target.url });
      await session.connect();
      const waitingForLog = async () => {
        const result = await session.query<{ waiting: number }>(
          "select count(*)::int as waiting from pg_locks where locktype = 'advisory' and not granted and objid = $1",
          [EVENT_LOG_LOCK],
        );
        return result.rows[0]!.waiting;
      };
      try {
        await session.query('begin');
        await session.query('select pg_advisory_xact_lock($1)', [EVENT_LOG_LOCK]);
        // cam-03 answers again: this node's next round sets it online, and waits for the log.
        answering.add('test-cam-03');
        const deadline = Date.now() + 10_000;
        while ((await waitingForLog()) === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
        expect(await waitingForLog()).toBe(1);
        leadership.set(false);
        const lostAt = await lastSeq(server.database.db, 'live');
        await session.query('commit');
        // Its transaction runs now; a write that went ahead would be committed within this.
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        const after = await eventsAfter(server.database.db, 'live', lostAt, 100);
        expect(after.filter((event) => event.type === 'device.statusChanged')).toEqual([]);
        expect(await statusOf('test-cam-03')).toBe('offline');
      } finally {
        await session.end();
      }
      // Leading again, the camera that answers is set online.
      leadership.set(true);
      const deadline = Date.now() + 10_000;
      while ((await statusOf('test-cam-03')) !== 'online' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await statusOf('test-cam-03')).toBe('online');
    });
  }
});
