// The built preload (out/preload/index.js) must run as Electron's sandboxed preload: one CommonJS script whose
// only require is 'electron'. Run it the way a sandboxed renderer does — a function wrapper with require,
// module and exports, no Node globals — against the stand-in, and check what it exposes.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../preload/api';
import { ensureBuilt, OUT_DIR } from '../packaging/build-output';

describe('built preload bundle', () => {
  let code: string;
  beforeAll(async () => {
    await ensureBuilt();
    code = readFileSync(join(OUT_DIR, 'preload', 'index.js'), 'utf8');
  }, 180_000);

  it('is CommonJS with a single require: electron', () => {
    expect([...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/\bimport\s*\(/);
  });

  it('runs in a sandbox-like wrapper and exposes only window.oceanex with the createApi verbs', () => {
    const exposed = new Map<string, Record<string, unknown>>();
    const listeners: string[] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api) },
      ipcRenderer: {
        invoke: async () => ({ ok: true, value: null }),
        on: (channel: string) => listeners.push(channel),
        removeListener: () => undefined,
      },
    };
    const required: string[] = [];
    const require = (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`module not found: ${name}`);
      return electron;
    };
    const module = { exports: {} as Record<string, unknown> };
    const wrapped = `(function (require, module, exports) {${code}\n})`;
    const run = runInNewContext(wrapped, {}, { filename: 'preload/index.js' }) as (r: unknown, m: unknown, e: unknown) => void;
    run(require, module, module.exports);

    expect(required).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['oceanex']);
    const verbs = Object.keys(createApi({ invoke: async () => undefined, subscribe: () => () => undefined })).sort();
    expect(Object.keys(exposed.get('oceanex') ?? {}).sort()).toEqual(verbs);
    expect(listeners).toEqual([]); // nothing subscribes until the renderer asks
  });
});
