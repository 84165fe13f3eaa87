import {
  IncidentAddEntryCommand,
  IncidentAttachAlarmCommand,
  IncidentCloseCommand,
  IncidentOpenCommand,
  IncidentRaiseLevelCommand,
  IncidentSetOwnerCommand,
  IncidentSetStateCommand,
  IncidentStartPlanCommand,
  IncidentStrikeEntryCommand,
  PlanCompleteStepCommand,
  PlanSkipStepCommand,
} from '@vigil/shared';
import { addEntry, attachAlarm, strikeEntry } from '../services/incidents/incident-entries.service.js';
import { closeIncident, raiseIncidentLevel, setIncidentOwner, setIncidentState } from '../services/incidents/incident-state.service.js';
import { openIncident } from '../services/incidents/open-incident.js';
import { completeStep, skipStep, startPlan } from '../services/incidents/plan-steps.service.js';
import { onCommand, type CommandContext, type VigilSocket } from './commands.js';

/**
 * Incidents and their running plans. Operators open incidents, note, attach alarms, start the
 * suggested plan and answer their own steps (`mayAnswerStep` decides per step); commanders run
 * them (state, owner, level, skips, strikes, close).
 */
export function registerIncidentCommands(socket: VigilSocket, context: CommandContext): void {
  const { deps } = context;
  onCommand(socket, context, 'incident.open', IncidentOpenCommand, 'incidents.open', (input, user) => openIncident(deps, input, user));
  onCommand(socket, context, 'incident.attachAlarm', IncidentAttachAlarmCommand, 'incidents.open', (input, user) => attachAlarm(deps, input, user));
  onCommand(socket, context, 'incident.startPlan', IncidentStartPlanCommand, 'incidents.open', (input, user) => startPlan(deps, input, user));
  onCommand(socket, context, 'incident.addEntry', IncidentAddEntryCommand, 'incidents.open', (input, user) => addEntry(deps, input, user));
  onCommand(socket, context, 'plan.completeStep', PlanCompleteStepCommand, 'incidents.open', (input, user) => completeStep(deps, input, user));
  onCommand(socket, context, 'incident.setState', IncidentSetStateCommand, 'incidents.run', (input, user) => setIncidentState(deps, input, user));
  onCommand(socket, context, 'incident.close', IncidentCloseCommand, 'incidents.run', (input, user) => closeIncident(deps, input, user));
  onCommand(socket, context, 'incident.setOwner', IncidentSetOwnerCommand, 'incidents.run', (input, user) => setIncidentOwner(deps, input, user));
  onCommand(socket, context, 'incident.raiseLevel', IncidentRaiseLevelCommand, 'incidents.run', (input, user) => raiseIncidentLevel(deps, input, user));
  onCommand(socket, context, 'incident.strikeEntry', IncidentStrikeEntryCommand, 'incidents.run', (input, user) => strikeEntry(deps, input, user));
  onCommand(socket, context, 'plan.skipStep', PlanSkipStepCommand, 'incidents.run', (input, user) => skipStep(deps, input, user));
}
