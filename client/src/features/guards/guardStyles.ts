import type { GuardStatus } from '@vigil/shared';

/** Status is drawn as colour and shape, and the label says it in words: never colour alone. */
export type GuardShape = 'circle' | 'diamond' | 'square' | 'triangle' | 'ring';

export interface GuardLook {
  colour: string;
  shape: GuardShape;
}

export const GUARD_LOOKS: Record<GuardStatus, GuardLook> = {
  available: { colour: '#3ddc84', shape: 'circle' },
  dispatched: { colour: '#ffb020', shape: 'diamond' },
  en_route: { colour: '#ffb020', shape: 'diamond' },
  on_scene: { colour: '#4da3ff', shape: 'square' },
  returning: { colour: '#9fb3c8', shape: 'circle' },
  busy: { colour: '#c58cff', shape: 'square' },
  off_duty: { colour: '#6d7681', shape: 'ring' },
  sos: { colour: '#ff3b3b', shape: 'triangle' },
};

export const STALE_COLOUR = '#7d8794';
