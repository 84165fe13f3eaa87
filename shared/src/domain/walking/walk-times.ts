import { distance } from '../geo.js';
import type { Point } from '../types.js';
import { cellsNear, type CellOffset } from './cells-near.js';
import { cellAt } from './grid-frame.js';
import type { WalkGrid } from './walk-grid.js';
import { searchFrom } from './walk-search.js';

/** A guard's walking pace on site, metres per second. */
export const WALKING_SPEED_MPS = 1.3;
/** One floor up or down by the stairs. */
export const SECONDS_PER_FLOOR = 20;

export interface WalkPlace {
  position: Point;
  floor: number;
}

/** Walking metres from one place (the goal) to the centre of every cell of a grid; Infinity where it cannot be reached. */
export interface WalkField {
  readonly grid: WalkGrid;
  readonly goal: WalkPlace;
  readonly metres: Float64Array;
  /** The goal is off the ground plan out of doors (the garage): the walk reaches it by a floor link. */
  readonly viaFloorLink: boolean;
}

/**
 * One Dijkstra search (8-connected, octile steps, no cutting a blocked corner; walk-search.ts) out
 * from the goal over the whole grid: walking metres from it to every cell, so any number of guards is then one
 * lookup each (walkMetresTo). The ground plan is one plane; the stairs' time is walkSeconds'.
 * A goal on another floor inside a building is reached through the building's door (its stairs
 * are inside); one on another floor out of doors (a garage under the lawn) by the nearest lift
 * or ramp (grid.floorLinks), then straight across that floor, whose plan the grid does not hold.
 * `into`: a grid-sized array to write the result in instead of a new one (a caller ranking often
 * reuses one; the field is then valid until its next use).
 */
export function walkTimesFrom(grid: WalkGrid, goal: WalkPlace, into?: Float64Array): WalkField {
  if (into && into.length !== grid.walkable.length) throw new Error(`into: must hold ${grid.walkable.length} cells, not ${into.length}`);
  const metres = into ?? new Float64Array(grid.walkable.length);
  const viaFloorLink = isOutOfDoorsOffGround(grid, goal);
  searchFrom(grid, viaFloorLink ? linkCells(grid, goal.position) : cellsNear(grid, goal.position), metres);
  return { grid, goal, metres, viaFloorLink };
}

/** On another floor than the ground plan, not under a building, on a site with lifts or ramps. */
function isOutOfDoorsOffGround(grid: WalkGrid, place: WalkPlace): boolean {
  return place.floor !== grid.groundFloor && grid.indoors[cellAt(grid, place.position)] === 0 && grid.floorLinks.length > 0;
}

/** The cells at every floor link, each at its walk there plus the straight metres from it to the point. */
function linkCells(grid: WalkGrid, point: Point): CellOffset[] {
  return grid.floorLinks.flatMap((link) => {
    const across = distance(link, point);
    return cellsNear(grid, link).map(({ cell, metres }) => ({ cell, metres: metres + across }));
  });
}

/**
 * Walking metres from the field's goal to a place (on the ground plan when no floor is given);
 * Infinity when no walk joins them. Never less than the straight line: every leg (point to cell
 * centre, cell to cell, floor link to point) is at least its straight length. Floor by floor like
 * walkTimesFrom: out of doors off the ground plan by a floor link; on the goal's own off-ground
 * floor (both in the garage) straight across it.
 */
export function walkMetresTo(field: WalkField, position: Point, floor = field.grid.groundFloor): number {
  const { grid, goal } = field;
  if (field.viaFloorLink && floor === goal.floor) return distance(position, goal.position);
  const offsets = isOutOfDoorsOffGround(grid, { position, floor }) ? linkCells(grid, position) : cellsNear(grid, position);
  let best = Infinity;
  for (const { cell, metres } of offsets) best = Math.min(best, field.metres[cell]! + metres);
  return best;
}

/** Seconds for a walk of so many metres plus so many floors (either sign) by the stairs. */
export function walkSeconds(metres: number, floors: number): number {
  return metres / WALKING_SPEED_MPS + Math.abs(floors) * SECONDS_PER_FLOOR;
}
