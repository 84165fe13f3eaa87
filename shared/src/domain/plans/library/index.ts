import type { PlanTemplateInput } from '../../../schemas/plan.schemas.js';
import { FALLING_OBJECT_PLAN, ELEVATOR_ENTRAPMENT_PLAN, MEDICAL_PLAN, VEHICLE_ACCIDENT_PLAN } from './people.js';
import { EARTHQUAKE_PLAN, TYPHOON_PLAN } from './disasters.js';
import { EV_FIRE_PLAN, FIRE_PLAN } from './fire.js';
import { FLOODING_PLAN, POWER_CUT_PLAN } from './facilities.js';
import { OTHER_PLAN } from './other.js';
import { CROWD_PLAN, INTRUSION_PLAN, THEFT_PLAN, VIOLENCE_PLAN } from './security.js';

/**
 * The plans Vigil ships with, one per incident type, in the order of INCIDENT_TYPES. Written
 * from the department's own first response (先期处置): assess → cordon and evacuate → first aid,
 * first firefighting, cutting power or water → coordinate and call for support → record and report.
 */
export const SHIPPED_PLANS: PlanTemplateInput[] = [
  FIRE_PLAN,
  THEFT_PLAN,
  VIOLENCE_PLAN,
  MEDICAL_PLAN,
  ELEVATOR_ENTRAPMENT_PLAN,
  FALLING_OBJECT_PLAN,
  FLOODING_PLAN,
  POWER_CUT_PLAN,
  TYPHOON_PLAN,
  EARTHQUAKE_PLAN,
  EV_FIRE_PLAN,
  INTRUSION_PLAN,
  CROWD_PLAN,
  VEHICLE_ACCIDENT_PLAN,
  OTHER_PLAN,
];
