// `npm run cli -- run` flags: files, the runner's own flags, and the interactive client's flags parsed as there.
import { describe, expect, it } from 'vitest';
import { parseRunCommandLine } from '../../main/cli/run-args';

describe('parseRunCommandLine', () => {
  it('takes files and flags in any order, with the client flags validated as in the interactive client', () => {
    const parsed = parseRunCommandLine(['a.yaml', '--url', 'ws://127.0.0.1:1/ws/v1', '--junit=out.xml', 'b.json', '--allow-orders', '--uid', 'ID1', '--api-key', 'KID1', '--timeout', '2'], {});
    expect(parsed).toMatchObject({
      kind: 'run',
      options: { files: ['a.yaml', 'b.json'], junit: 'out.xml', report: undefined, allowOrders: true, client: { url: 'ws://127.0.0.1:1/ws/v1', uid: 'ID1', apiKey: 'KID1', timeoutMs: 2000 } },
    });
  });

  it('refuses what it cannot use, naming it', () => {
    expect(parseRunCommandLine([], {})).toEqual({ kind: 'error', message: 'name at least one scenario file: npm run cli -- run FILE...' });
    expect(parseRunCommandLine(['a.yaml', '--junit'], {})).toEqual({ kind: 'error', message: '--junit needs a file path' });
    expect(parseRunCommandLine(['a.yaml', '--junit', '--allow-orders'], {})).toEqual({ kind: 'error', message: '--junit needs a file path' });
    expect(parseRunCommandLine(['a.yaml', '--json'], {})).toMatchObject({ kind: 'error', message: expect.stringContaining('--report PATH') });
    expect(parseRunCommandLine(['a.yaml', '--url', 'http://x'], {})).toMatchObject({ kind: 'error', message: expect.stringContaining('--url must be a ws://') });
    expect(parseRunCommandLine(['a.yaml', '--colour'], {})).toMatchObject({ kind: 'error', message: expect.stringContaining("'--colour'") });
    expect(parseRunCommandLine(['--help'], {})).toEqual({ kind: 'help' });
  });
});
