import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_PLANS, type Incident, type PlanLibraryFile, type PlanTemplate } from '@vigil/shared';
import { buildPlan, buildStep } from '@vigil/shared/testing';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { asInput, commandId, seedUser, send } from './helpers/incidents.js';
import { TestClient, api, startServer, type TestServer } from './helpers/server.js';

/** The plan library (预案库): versions, publishing, import/export, retiring; running plans keep their copy. */
describe(`the plan library (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let admin: { id: string; cookie: string };
  let operator: { id: string; cookie: string };
  let client: TestClient;

  const plans = async (): Promise<PlanTemplate[]> => (await api(server, 'GET', '/api/v1/plans', { cookie: operator.cookie })).body.plans;
  const versions = async (id: string) => (await api(server, 'GET', `/api/v1/plans/${id}/versions`, { cookie: admin.cookie })).body.versions as PlanTemplate[];
  const publish = (body: unknown, cookie = admin.cookie) => api(server, 'POST', '/api/v1/plans', { cookie, body });
  const v1 = asInput(buildPlan({ id: 'lib' }));

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle);
    admin = await seedUser(server, 'planner', 'admin');
    operator = await seedUser(server, 'op', 'operator');
    client = new TestClient(server, operator.cookie);
    await client.connected();
  });
  afterAll(async () => {
    client?.close();
    await server?.close();
    await handle?.destroy();
  });

  it('starts with the shipped plans, one per incident type, as version 1', async () => {
    const shipped = await plans();
    expect(shipped.map((plan) => [plan.id, plan.version]).sort()).toEqual(SHIPPED_PLANS.map((plan) => [plan.id, 1]).sort());
    expect(shipped.find((plan) => plan.id === 'fire')!.steps.map((step) => step.id)).toEqual(SHIPPED_PLANS.find((plan) => plan.id === 'fire')!.steps.map((step) => step.id));
  });

  it('publishing a new version never changes a plan already running', async () => {
    expect((await publish(v1, operator.cookie)).status).toBe(403);
    const first = await publish(v1);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.plan).toMatchObject({ id: 'lib', version: 1, publishedBy: { id: admin.id } });
    const opened = await send(client, 'incident.open', { commandId: commandId(), siteId: 'test', type: 'fire', location: { position: [20, 20] }, planId: 'lib' });
    expect(opened, JSON.stringify(opened)).toMatchObject({ ok: true });
    const incidentId = opened.ok ? (opened.incidentId as string) : '';

    const v2 = { ...v1, steps: [buildStep('triage', { kind: 'confirm', role: 'operator', dueAfterSec: 30, warnAtSec: 20, next: { done: null } })] };
    const second = await publish(v2);
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body.plan.version).toBe(2);
    expect((await plans()).find((plan) => plan.id === 'lib')).toMatchObject({ version: 2, steps: [expect.objectContaining({ id: 'triage' })] });
    expect((await versions('lib')).map((plan) => plan.version)).toEqual([2, 1]);

    const running = (await api(server, 'GET', `/api/v1/incidents/${incidentId}`, { cookie: operator.cookie })).body.incident as Incident;
    expect(running.plan).toMatchObject({ planId: 'lib', version: 1 });
    expect(running.plan!.steps.map((step) => step.id)).toEqual(['assess', 'call_119', 'evacuate', 'report', 'false_alarm']);
  });

  it('refuses a bad template with issues naming the step and field, and changes nothing', async () => {
    const bad = { ...v1, steps: v1.steps.map((step) => (step.id === 'assess' ? { ...step, next: { ...step.next, yes: 'evacuat' } } : step)) };
    const refused = await publish(bad);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/^steps\[0\] \(assess\)\.next\.yes: /);
    expect(refused.body.issues[0]).toMatchObject({ params: { field: 'steps[0] (assess).next.yes' } });
    const untranslated = await publish({ ...v1, name: { zh: '预案', en: '' } });
    expect(untranslated.status).toBe(400);
    expect(untranslated.body.params.field).toBe('name.en');
    expect((await versions('lib')).map((plan) => plan.version)).toEqual([2, 1]);
  });

  it('imports a library file all or nothing, and exports the current versions', async () => {
    const good = { ...v1, id: 'imported' };
    const broken = { ...v1, id: 'broken', steps: [] };
    const file: PlanLibraryFile = { format: 'vigil.plans', version: 1, plans: [good, broken] };
    const refused = await api(server, 'POST', '/api/v1/plans/import', { cookie: admin.cookie, body: file });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/^plans\[1\] \(broken\)\.steps: /);
    expect((await plans()).some((plan) => plan.id === 'imported')).toBe(false);

    const exported = await api(server, 'GET', '/api/v1/plans/export', { cookie: admin.cookie });
    expect(exported.status).toBe(200);
    expect(exported.body).toMatchObject({ format: 'vigil.plans', version: 1 });
    expect(exported.body.plans).toHaveLength(SHIPPED_PLANS.length + 1);
    // The whole library back in (larger than the app's default body limit): every plan a new version.
    const reimported = await api(server, 'POST', '/api/v1/plans/import', { cookie: admin.cookie, body: { ...exported.body, plans: [...exported.body.plans, good] } });
    expect(reimported.status, JSON.stringify(reimported.body).slice(0, 300)).toBe(200);
    expect(reimported.body.plans).toHaveLength(SHIPPED_PLANS.length + 2);
    const current = await plans();
    expect(current.find((plan) => plan.id === 'fire')!.version).toBe(2);
    expect(current.find((plan) => plan.id === 'imported')!.version).toBe(1);
  });

  it('retires a plan: no longer offered or startable, its history kept', async () => {
    const retired = await api(server, 'POST', '/api/v1/plans/imported/retire', { cookie: admin.cookie });
    expect(retired.status).toBe(200);
    expect((await plans()).some((plan) => plan.id === 'imported')).toBe(false);
    expect((await versions('imported')).map((plan) => plan.version)).toEqual([1]);
    const opened = await send(client, 'incident.open', { commandId: commandId(), siteId: 'test', type: 'fire', location: { position: [20, 20] }, planId: 'imported' });
    expect(opened).toMatchObject({ ok: false, code: 'not_found', params: { field: 'planId' } });
    expect((await api(server, 'POST', '/api/v1/plans/nothing/retire', { cookie: admin.cookie })).status).toBe(404);
    // The audit log has who published, imported and retired which plan, in the transaction of each change (a refused retirement has none).
    const audit = (await api(server, 'GET', '/api/v1/audit?kind=admin&limit=100', { cookie: admin.cookie })).body.entries as { type: string; actor: { id: string }; details: Record<string, unknown> }[];
    const ofPlans = audit.filter((entry) => entry.details.subject === 'plan');
    expect(ofPlans.filter((entry) => entry.details.targetId === 'lib').map((entry) => entry.details.detail).sort()).toEqual(['v1', 'v2', 'v3 (import)']);
    expect(ofPlans.find((entry) => entry.details.targetId === 'imported' && entry.details.action === 'retired')).toMatchObject({ type: 'admin.changed', actor: { id: admin.id } });
    expect(ofPlans.some((entry) => entry.details.targetId === 'nothing')).toBe(false);
  });

  it('lists retired plans apart, until a new version is published', async () => {
    const library = async () => (await api(server, 'GET', '/api/v1/plans', { cookie: operator.cookie })).body as { plans: PlanTemplate[]; retired: (PlanTemplate & { retired: boolean })[] };
    expect((await library()).retired.map((plan) => [plan.id, plan.version, plan.retired])).toEqual([['imported', 1, true]]);
    expect((await publish({ ...v1, id: 'imported' })).status).toBe(201);
    const after = await library();
    expect(after.retired).toEqual([]);
    expect(after.plans.find((plan) => plan.id === 'imported')!.version).toBe(2);
  });
});
