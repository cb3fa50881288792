/**
 * A growable list of 32-bit integers (slots, candidate surfaces, pack columns of large dictionaries). Give
 * the final size where it is known: growing frees buffers that the C allocator may keep resident.
 */
export class Int32List {
  data: Int32Array;
  length = 0;
  constructor(capacity = 256) {
    this.data = new Int32Array(Math.max(16, capacity));
  }

  /** Append; returns the value's index. */
  push(value: number): number {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length] = value;
    return this.length++;
  }

  /** The values, without a copy when the list is exactly full. */
  trim(): Int32Array {
    return this.length === this.data.length ? this.data : this.data.slice(0, this.length);
  }
}
