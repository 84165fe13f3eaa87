import type { PlanTemplateInput } from '../../../schemas/plan.schemas.js';
import { CROWD_PLAN } from './crowd.js';
import { EARTHQUAKE_PLAN } from './earthquake.js';
import { ELEVATOR_ENTRAPMENT_PLAN } from './elevator-entrapment.js';
import { EV_FIRE_PLAN } from './ev-fire.js';
import { FALLING_OBJECT_PLAN } from './falling-object.js';
import { FIRE_PLAN } from './fire.js';
import { FLOODING_PLAN } from './flooding.js';
import { INTRUSION_PLAN } from './intrusion.js';
import { MEDICAL_PLAN } from './medical.js';
import { OTHER_PLAN } from './other.js';
import { POWER_CUT_PLAN } from './power-cut.js';
import { THEFT_PLAN } from './theft.js';
import { TYPHOON_PLAN } from './typhoon.js';
import { VEHICLE_ACCIDENT_PLAN } from './vehicle-accident.js';
import { VIOLENCE_PLAN } from './violence.js';

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
