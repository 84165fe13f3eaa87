import type { FastifyPluginAsync } from 'fastify';
import { DrillRunParams, DrillScenarioParams } from '@vigil/shared';
import { parseOrThrow } from '../lib/http-error.js';
import { currentUser, requirePermission } from '../plugins/auth.js';
import { drillParticipantChoices, endDrill, injectAdHoc, injectNextNow, listDrills, pauseDrill, readDrillRun, resumeDrill, startDrill } from '../services/drills/drill-runs.service.js';
import { addDrillComment, compareScenarioRuns, drillStepCommand, readDrillReport } from '../services/drills/drill-report.service.js';
import { DEMO_DRILL_SCENARIOS } from '../sim/demo-drills.js';

/**
 * Drills over HTTP, for the controller's screen: start one, pause, resume, end it, fire the next
 * inject now or one ad hoc, and read a run (its participants too). Each command acts on the
 * drill's own stream, never on `app.deps`'s live one.
 */
export const drillsRoutes: FastifyPluginAsync = async (app) => {
  const run = { preHandler: requirePermission('drills.run') };
  const params = (request: { params: unknown }) => parseOrThrow(DrillRunParams, request.params).runId;

  app.post('/api/v1/drills', run, async (request, reply) => {
    const started = await startDrill(app.deps, request.body, currentUser(request));
    return reply.code(201).send(started);
  });
  app.get('/api/v1/drills', async (request) => ({ runs: await listDrills(app.deps, currentUser(request)) }));
  // The scenarios Vigil ships (the demo site's four), to start one from the controller's screen.
  app.get('/api/v1/drills/scenarios', run, async () => ({ scenarios: DEMO_DRILL_SCENARIOS }));
  // Whom a drill may take in (the controller's picker): enabled users, their name and role only.
  app.get('/api/v1/drills/people', run, async () => ({ people: await drillParticipantChoices(app.deps) }));
  app.get('/api/v1/drills/:runId', async (request) => ({ run: await readDrillRun(app.deps, params(request), currentUser(request)) }));
  app.post('/api/v1/drills/:runId/pause', run, async (request) => pauseDrill(app.deps, params(request), currentUser(request)));
  app.post('/api/v1/drills/:runId/resume', run, async (request) => resumeDrill(app.deps, params(request), currentUser(request)));
  app.post('/api/v1/drills/:runId/end', run, async (request) => endDrill(app.deps, params(request), currentUser(request)));
  app.post('/api/v1/drills/:runId/inject-next', run, async (request) => injectNextNow(app.deps, params(request)));
  app.post('/api/v1/drills/:runId/injects', run, async (request) => injectAdHoc(app.deps, params(request), request.body));

  // The debrief (复盘): the report, comments, and a scenario's runs over time, for the run's
  // controller and participants and the drills.run roles (the service checks; else a 404).
  app.get('/api/v1/drills/:runId/report', async (request) => ({ report: await readDrillReport(app.deps, params(request), currentUser(request)) }));
  app.post('/api/v1/drills/:runId/comments', async (request, reply) => reply.code(201).send(await addDrillComment(app.deps, params(request), request.body, currentUser(request))));
  app.get('/api/v1/drills/scenarios/:scenarioId/runs', async (request) => ({
    comparison: await compareScenarioRuns(app.deps, parseOrThrow(DrillScenarioParams, request.params).scenarioId, currentUser(request)),
  }));
  // A tabletop's facilitator walks the plan from the report side: the normal plan-step commands, on the drill's stream.
  app.post('/api/v1/drills/:runId/plan/complete-step', async (request) => drillStepCommand(app.deps, params(request), 'complete', request.body, currentUser(request)));
  app.post('/api/v1/drills/:runId/plan/skip-step', async (request) => drillStepCommand(app.deps, params(request), 'skip', request.body, currentUser(request)));
};
