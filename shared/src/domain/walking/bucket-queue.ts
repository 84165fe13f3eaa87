/**
 * Dial's bucket queue, for a search whose steps are whole units of at most `maxStep`: a ring of
 * maxStep + 1 buckets, each a linked list of nodes on typed arrays, so push and pop cost O(1)
 * (a binary heap's log n made the search five times slower). Every distance pushed must lie in
 * [current, current + maxStep]. A cell pushed again at a lower distance leaves its old node
 * behind; the search skips it (the cell's distance no longer equals `current`).
 */
export class BucketQueue {
  /** The distance of the bucket being emptied: every node left is at least this far. */
  current = 0;
  private size = 0;
  private readonly heads: Int32Array;
  private next: Int32Array;
  private cells: Int32Array;
  /** Nodes handed out since the last reset (one per push: popped nodes are not reused). */
  private used = 0;

  constructor(
    private readonly maxStep: number,
    capacity: number,
  ) {
    this.heads = new Int32Array(maxStep + 1);
    this.next = new Int32Array(capacity);
    this.cells = new Int32Array(capacity);
  }

  get isEmpty(): boolean {
    return this.size === 0;
  }

  /** Empties the queue and starts it at `distance` (also: jumps ahead when it is empty). */
  reset(distance: number): void {
    this.heads.fill(-1);
    this.size = 0;
    this.used = 0;
    this.current = distance;
  }

  push(cell: number, distance: number): void {
    if (this.used === this.cells.length) this.grow();
    const node = this.used;
    this.used += 1;
    const bucket = distance % (this.maxStep + 1);
    this.cells[node] = cell;
    this.next[node] = this.heads[bucket]!;
    this.heads[bucket] = node;
    this.size += 1;
  }

  /** Removes a cell of the lowest distance, which `current` then holds. The queue must not be empty. */
  pop(): number {
    const ring = this.maxStep + 1;
    while (this.heads[this.current % ring]! < 0) this.current += 1;
    const bucket = this.current % ring;
    const node = this.heads[bucket]!;
    this.heads[bucket] = this.next[node]!;
    this.size -= 1;
    return this.cells[node]!;
  }

  private grow(): void {
    const next = new Int32Array(this.cells.length * 2);
    next.set(this.next);
    this.next = next;
    const cells = new Int32Array(this.cells.length * 2);
    cells.set(this.cells);
    this.cells = cells;
  }
}
