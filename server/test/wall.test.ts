import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitorTakeover, type CommandAck, type ClientToServerEvents, type Device, type Monitor } from '@vigil/shared';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { buildSite } from './helpers/factories.js';
import { TestClient, USER_PASSWORD, api, createUser, login, postAlarm, startServer, waitFor, type TestServer } from './helpers/server.js';

const camera = (no: number, position: [number, number], extra: Partial<Device> = {}): Device => ({
  id: `test-cam-${String(no).padStart(2, '0')}`,
  siteId: 'test',
  zoneId: null,
  kind: 'camera',
  name: `摄像机${no}`,
  nameEn: `Camera ${no}`,
  position,
  floor: 0,
  status: 'online',
  camera: { heading: 0, angle: 70, range: 40 },
  linkedCameraIds: [],
  ...extra,
});

function wallSite() {
  const base = buildSite();
  const devices = base.devices.map((device) => (device.id === 'test-beam-n1' ? { ...device, linkedCameraIds: ['test-cam-03'] } : device));
  return { ...base, devices: [...devices, camera(2, [150, 20]), camera(3, [20, 100]), camera(4, [62, 112])] };
}

let counter = 0;
const commandId = () => `wall-test-${Date.now()}-${counter++}`;

type Name = keyof ClientToServerEvents;
function send(client: TestClient, name: Name, input: Record<string, unknown>): Promise<CommandAck> {
  return client.socket.timeout(5_000).emitWithAck(name, input as never) as Promise<CommandAck>;
}

describe(`the video wall (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: string;
  let operator: TestClient;
  let operatorCookie: string;

  const monitors = async (): Promise<Record<string, Monitor>> => {
    const response = await api(server, 'GET', '/api/v1/monitors', { cookie: admin });
    return Object.fromEntries((response.body.monitors as Monitor[]).map((monitor) => [monitor.id, monitor]));
  };

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { site: wallSite() });
    admin = await login(server);
    for (const [id, name, rule] of [
      ['west', '西屏', null],
      ['east', '东屏', null],
      ['alarm', '报警屏', { kinds: ['intrusion'], maxPriority: 3, cameraCount: 2, radius: 60 }],
    ] as const) {
      const created = await api(server, 'POST', '/api/v1/monitors', { cookie: admin, body: { id, siteId: 'test', name, layout: '2x2', alarmRule: rule } });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    operatorCookie = await createUser(server, admin, 'op1', 'operator');
    operator = new TestClient(server, operatorCookie);
    await operator.connected();
  });
  afterAll(async () => {
    operator?.close();
    await server?.close();
    await handle?.destroy();
  });

  it('lists the monitors in wall order, each empty in its layout', async () => {
    const response = await api(server, 'GET', '/api/v1/monitors', { cookie: operatorCookie });
    expect(response.status).toBe(200);
    expect(response.body.monitors.map((monitor: Monitor) => [monitor.id, monitor.position, monitor.view.tiles.length])).toEqual([
      ['west', 0, 4],
      ['east', 1, 4],
      ['alarm', 2, 4],
    ]);
  });

  it('changes only the monitor a command names, through the event log', async () => {
    const before = (await monitors()).east;
    const layout = await send(operator, 'wall.setLayout', { commandId: commandId(), monitorId: 'west', layout: '3x3' });
    expect(layout.ok).toBe(true);
    const assigned = await send(operator, 'wall.assign', {
      commandId: commandId(),
      monitorId: 'west',
      index: 4,
      content: { kind: 'camera', cameraId: 'test-cam-02' },
    });
    expect(assigned).toMatchObject({ ok: true });
    await waitFor(() => operator.events.some((event) => event.type === 'wall.tileAssigned'), 'wall.tileAssigned');
    const wallEvents = operator.events.filter((event) => event.type.startsWith('wall.'));
    expect(wallEvents.map((event) => [event.type, 'monitorId' in event.payload ? event.payload.monitorId : null])).toEqual([
      ['wall.viewSet', 'west'],
      ['wall.tileAssigned', 'west'],
    ]);
    const after = await monitors();
    expect(after.west?.view.layout).toBe('3x3');
    expect(after.west?.view.tiles[4]).toEqual({ kind: 'camera', cameraId: 'test-cam-02' });
    expect(after.east).toEqual(before);
  });

  it('sends a camera full screen when no tile is named', async () => {
    const ack = await send(operator, 'wall.assign', { commandId: commandId(), monitorId: 'east', content: { kind: 'camera', cameraId: 'test-cam-03' } });
    expect(ack.ok).toBe(true);
    expect((await monitors()).east?.view).toEqual({ layout: '1', tiles: [{ kind: 'camera', cameraId: 'test-cam-03' }] });
  });

  it('carries a command out once however often it is sent', async () => {
    const id = commandId();
    const input = { commandId: id, monitorId: 'east', layout: '2x2' };
    const first = await send(operator, 'wall.setLayout', input);
    const again = await send(operator, 'wall.setLayout', input);
    expect(first.ok && again.ok && again.seq === first.seq).toBe(true);
    await waitFor(() => operator.lastSeq >= (first.ok ? first.seq : 0), 'the layout event');
    expect(operator.events.filter((event) => event.type === 'wall.viewSet' && event.payload.monitorId === 'east' && event.payload.view.layout === '2x2')).toHaveLength(1);
  });

  it('refuses wall commands from the wall and guard roles', async () => {
    for (const role of ['wall', 'guard']) {
      const cookie = await createUser(server, admin, `${role}-user`, role);
      const client = new TestClient(server, cookie);
      await client.connected();
      const ack = await send(client, 'wall.setLayout', { commandId: commandId(), monitorId: 'west', layout: '1' });
      expect(ack).toMatchObject({ ok: false, error: `forbidden: the ${role} role may not wall.setLayout`, code: 'forbidden' });
      client.close();
    }
    expect((await monitors()).west?.view.layout).toBe('3x3');
  });

  it('names the field of a bad command and changes nothing', async () => {
    const before = await monitors();
    const cases: [Name, Record<string, unknown>, RegExp][] = [
      ['wall.setLayout', { commandId: commandId(), monitorId: 'west', layout: '5x5' }, /^layout: must be one of 1, 2x2, 3x3, 4x4, 1\+5, 1\+7/],
      ['wall.setLayout', { commandId: commandId(), monitorId: 'nowhere', layout: '1' }, /^monitorId: no monitor with id "nowhere"/],
      ['wall.setLayout', { commandId: 'x', monitorId: 'west', layout: '1' }, /^commandId: must be 8 to 64 characters/],
      ['wall.assign', { commandId: commandId(), monitorId: 'west', index: 2, content: { kind: 'camera', cameraId: 'test-cam-99' } }, /^content\.cameraId: no camera with id "test-cam-99"/],
      ['wall.assign', { commandId: commandId(), monitorId: 'west', index: 2, content: { kind: 'camera', cameraId: 'test-door-b1' } }, /^content\.cameraId: "test-door-b1" is a door, not a camera/],
      ['wall.assign', { commandId: commandId(), monitorId: 'east', index: 7, content: { kind: 'alarms' } }, /^index: monitor "east" has 4 tiles \(layout 2x2\)/],
      ['wall.assign', { commandId: commandId(), monitorId: 'west', index: 0, content: { kind: 'video' } }, /^content\.kind: /],
      ['wall.assign', { commandId: commandId(), monitorId: 'west', index: 0, content: { kind: 'tour', cameraIds: [], dwellSeconds: 10 } }, /^content\.cameraIds: must name at least one camera/],
      ['wall.assign', { commandId: commandId(), monitorId: 'west', index: 0, content: { kind: 'map', siteId: 'elsewhere' } }, /^content\.siteId: monitor "west" shows site "test"/],
      ['wall.assign', { commandId: commandId(), monitorId: 'west', index: 0, content: { kind: 'alarms' }, extra: 1 }, /extra: unknown field/],
      ['wall.applyPreset', { commandId: commandId(), monitorId: 'west', presetId: 'missing' }, /^presetId: no preset with id "missing"/],
      ['wall.tour', { commandId: commandId(), monitorId: 'west', index: 4, action: 'pause' }, /^index: tile 4 of monitor "west" is not a tour/],
      ['wall.tour', { commandId: commandId(), monitorId: 'west', index: 0, action: 'rewind' }, /^action: must be one of pause, resume, next, previous/],
      ['wall.release', { commandId: commandId(), monitorId: 'alarm', alarmId: 'not-a-uuid' }, /^alarmId: must be a UUID/],
    ];
    for (const [name, input, error] of cases) {
      const ack = await send(operator, name, input);
      expect(ack.ok, `${name} ${JSON.stringify(input)}`).toBe(false);
      expect(ack.ok ? '' : ack.error).toMatch(error);
    }
    expect(await monitors()).toEqual(before);
  });

  it('saves a monitor as a preset and sends it to another monitor', async () => {
    const saved = (await send(operator, 'wall.savePreset', { commandId: commandId(), monitorId: 'west', name: '西屏九画面', nameEn: 'West nine' })) as CommandAck & {
      presetId?: string;
    };
    expect(saved.ok).toBe(true);
    const presetId = saved.presetId!;
    const presets = await api(server, 'GET', '/api/v1/presets', { cookie: operatorCookie });
    expect(presets.body.presets).toEqual([expect.objectContaining({ id: presetId, name: '西屏九画面', view: (await monitors()).west?.view })]);
    expect((await send(operator, 'wall.applyPreset', { commandId: commandId(), monitorId: 'east', presetId })).ok).toBe(true);
    const after = await monitors();
    expect(after.east?.view).toEqual(after.west?.view);
    const named = await send(operator, 'wall.savePreset', { commandId: commandId(), monitorId: 'east', presetId: 'east-view', name: '东屏' });
    expect(named).toMatchObject({ ok: true, presetId: 'east-view' });
    expect((await send(operator, 'wall.removePreset', { commandId: commandId(), presetId: 'east-view' })).ok).toBe(true);
    expect((await send(operator, 'wall.removePreset', { commandId: commandId(), presetId })).ok).toBe(true);
    expect((await api(server, 'GET', '/api/v1/presets', { cookie: operatorCookie })).body.presets).toEqual([]);
  });

  it('pauses and resumes a camera tour on the same camera', async () => {
    const ack = await send(operator, 'wall.assign', {
      commandId: commandId(),
      monitorId: 'east',
      index: 1,
      content: { kind: 'tour', cameraIds: ['test-cam-02', 'test-cam-03', 'test-cam-04'], dwellSeconds: 5 },
    });
    expect(ack.ok).toBe(true);
    expect((await send(operator, 'wall.tour', { commandId: commandId(), monitorId: 'east', index: 1, action: 'pause' })).ok).toBe(true);
    const paused = (await monitors()).east?.view.tiles[1];
    expect(paused).toMatchObject({ kind: 'tour', dwellSeconds: 5, pausedAt: expect.any(String) });
    expect((await send(operator, 'wall.tour', { commandId: commandId(), monitorId: 'east', index: 1, action: 'resume' })).ok).toBe(true);
    expect((await monitors()).east?.view.tiles[1]).toMatchObject({ kind: 'tour', pausedAt: null });
  });

  it("pops an alarm's linked camera onto the alarm monitor until an operator releases it", async () => {
    const posted = await postAlarm(server, { source: { deviceId: 'test-beam-n1' }, kind: 'intrusion', priority: 2, message: '北围墙对射报警' });
    expect(posted.status).toBe(201);
    const alarmId = posted.body.alarm.id as string;
    const takeover = () => {
      const state = server.app.broadcaster.snapshot('live');
      const monitor = state.monitors.alarm;
      return monitor ? monitorTakeover(monitor, state.alarms.values(), state.sites) : null;
    };
    await waitFor(() => takeover() !== null, 'the takeover');
    // The beam's linked camera first, then the nearest within 60 m (test-cam-04 at 8 m).
    expect(takeover()?.view.tiles.slice(0, 2)).toEqual([
      { kind: 'camera', cameraId: 'test-cam-03' },
      { kind: 'camera', cameraId: 'test-cam-04' },
    ]);
    expect((await send(operator, 'wall.release', { commandId: commandId(), monitorId: 'alarm', alarmId })).ok).toBe(true);
    await waitFor(() => takeover() === null, 'the release');
    expect((await monitors()).alarm?.releasedAlarmIds).toEqual([alarmId]);
  });

  it('lets only an admin add, change and remove monitors, naming bad fields', async () => {
    const operatorPost = await api(server, 'POST', '/api/v1/monitors', { cookie: operatorCookie, body: { id: 'x', siteId: 'test', name: 'x' } });
    expect(operatorPost.status).toBe(403);
    const bad: [unknown, RegExp][] = [
      [{ id: 'Big Screen', siteId: 'test', name: 'x' }, /^id: may contain only lower-case letters/],
      [{ id: 'west', siteId: 'test', name: 'x' }, /^id: a monitor "west" already exists/],
      [{ id: 'new', siteId: 'nowhere', name: 'x' }, /^siteId: no site with id "nowhere"/],
      [{ id: 'new', siteId: 'test', name: '' }, /^name: must not be empty/],
      [{ id: 'new', siteId: 'test', name: 'x', alarmRule: { maxPriority: 0 } }, /^alarmRule\.maxPriority: must be an integer from 1 to 9/],
      [{ id: 'new', siteId: 'test', name: 'x', layout: '2x3' }, /^layout: must be one of/],
    ];
    for (const [body, message] of bad) {
      const response = await api(server, 'POST', '/api/v1/monitors', { cookie: admin, body });
      expect(response.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(response.body.message).toMatch(message);
    }
    const patched = await api(server, 'PATCH', '/api/v1/monitors/east', { cookie: admin, body: { name: '东屏（新）', position: 5 } });
    expect(patched.status).toBe(200);
    expect(patched.body.monitor).toMatchObject({ name: '东屏（新）', position: 5 });
    const removed = await api(server, 'DELETE', '/api/v1/monitors/west', { cookie: admin });
    expect(removed.status).toBe(200);
    expect(Object.keys(await monitors())).toEqual(['alarm', 'east']);
  });

  it('keeps every monitor as it was across a restart', async () => {
    const before = await monitors();
    await server.close();
    server = await startServer(handle, { site: wallSite() });
    admin = await login(server);
    expect(await monitors()).toEqual(before);
    const client = new TestClient(server, admin);
    await client.connected();
    const sync = client.syncs[0];
    expect(sync?.kind === 'snapshot' && Object.keys(sync.state.monitors).sort()).toEqual(['alarm', 'east']);
    client.close();
    operator.close();
    operator = new TestClient(server, await login(server, 'op1', USER_PASSWORD));
    await operator.connected();
  });
});
