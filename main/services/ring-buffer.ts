// A fixed-capacity circular buffer: pushing past capacity drops the oldest item, in O(1) with no copying.

export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('RingBuffer capacity must be a positive integer');
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Appends `item`; returns the oldest item it pushed out when the buffer was full. */
  push(item: T): T | undefined {
    if (this.count < this.capacity) {
      this.items[(this.start + this.count) % this.capacity] = item;
      this.count += 1;
      return undefined;
    }
    const evicted = this.items[this.start];
    this.items[this.start] = item;
    this.start = (this.start + 1) % this.capacity;
    return evicted;
  }

  /** Removes and returns the oldest item (for a caller that also bounds the items' total size). */
  dropOldest(): T | undefined {
    if (this.count === 0) return undefined;
    const oldest = this.items[this.start];
    this.items[this.start] = undefined;
    this.start = (this.start + 1) % this.capacity;
    this.count -= 1;
    return oldest;
  }

  /** Newest first, so "the last N matching" stops early. */
  *newestFirst(): IterableIterator<T> {
    for (let i = this.count - 1; i >= 0; i -= 1) yield this.items[(this.start + i) % this.capacity] as T;
  }

  clear(): void {
    this.items.fill(undefined);
    this.start = 0;
    this.count = 0;
  }
}
