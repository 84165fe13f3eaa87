/**
 * A binary min-heap of cell indices keyed by `keys[cell]`, on typed arrays, with decrease-key:
 * each cell is in it at most once, so it never holds more than the grid's cells. Emptied by
 * popping, it is ready for the next search (its arrays are reused, not reallocated).
 */
export class CellHeap {
  private readonly heap: Int32Array;
  /** Where each cell sits in `heap`; -1 when it is not in it. */
  private readonly slots: Int32Array;
  private size = 0;

  /** The keys of the search under way. */
  keys: Float64Array;

  constructor(capacity: number) {
    this.keys = new Float64Array(0);
    this.heap = new Int32Array(capacity);
    this.slots = new Int32Array(capacity).fill(-1);
  }

  get isEmpty(): boolean {
    return this.size === 0;
  }

  /** Adds the cell, or moves it up after its key was lowered. */
  push(cell: number): void {
    let slot = this.slots[cell]!;
    if (slot < 0) {
      slot = this.size;
      this.size += 1;
      this.place(cell, slot);
    }
    this.siftUp(slot);
  }

  /** Removes and returns the cell with the lowest key. */
  pop(): number {
    const top = this.heap[0]!;
    this.slots[top] = -1;
    this.size -= 1;
    if (this.size > 0) {
      this.place(this.heap[this.size]!, 0);
      this.siftDown(0);
    }
    return top;
  }

  private place(cell: number, slot: number): void {
    this.heap[slot] = cell;
    this.slots[cell] = slot;
  }

  private siftUp(from: number): void {
    const { heap, keys } = this;
    const cell = heap[from]!;
    const key = keys[cell]!;
    let slot = from;
    while (slot > 0) {
      const parentSlot = (slot - 1) >> 1;
      const parent = heap[parentSlot]!;
      if (keys[parent]! <= key) break;
      this.place(parent, slot);
      slot = parentSlot;
    }
    this.place(cell, slot);
  }

  private siftDown(from: number): void {
    const { heap, keys, size } = this;
    const cell = heap[from]!;
    const key = keys[cell]!;
    let slot = from;
    for (;;) {
      let child = 2 * slot + 1;
      if (child >= size) break;
      if (child + 1 < size && keys[heap[child + 1]!]! < keys[heap[child]!]!) child += 1;
      const childCell = heap[child]!;
      if (keys[childCell]! >= key) break;
      this.place(childCell, slot);
      slot = child;
    }
    this.place(cell, slot);
  }
}
