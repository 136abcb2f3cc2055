// Heap measurements for the chaos suite: a real full garbage collection before reading the heap, so "retained"
// means what is still reachable. vitest runs test files without --expose-gc; V8 lets the flag be set at run time
// and a fresh context then exposes gc().

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Bytes of heap still reachable after full collections (twice: weak references and finalizers settle). */
export function retainedHeap(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
}

export const MB = 1024 * 1024;
