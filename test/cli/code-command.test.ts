// `npm run cli -- code`: prints the generated program for a choice and its fields, or refuses with exit 2.

import { describe, expect, it } from 'vitest';
import { CliProcess } from './cli-process';

async function cli(...args: string[]) {
  return new CliProcess(['code', ...args], {}).end();
}

describe('npm run cli -- code', () => {
  it('prints a Python program for a choice by number and its fields', async () => {
    const run = await cli('--lang', 'python', '14', '--field', 'market=VETUSDT', '--field', 'level=2', '--field', 'precision=6');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^#!\/usr\/bin\/env python3\n/);
    expect(run.stdout).toContain(`ARGS = json.loads('{"market_id":"vetusdt","market":"vetusdt","level":2,"precision":6}')`);
    expect(run.stdout).toContain('PRIVATE = False');
  });

  it('prints a Node program for a private choice by id, with no key material', async () => {
    const run = await cli('--lang', 'node', 'account');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("import WebSocket from 'ws';");
    expect(run.stdout).toContain('const PRIVATE = true;');
    expect(run.stdout).not.toMatch(/BEGIN|PRIVATE KEY-----/);
  });

  it('refuses bad input with exit 2 and prints nothing on stdout', async () => {
    for (const args of [
      ['--lang', 'ruby', '13'],
      ['13'],
      ['--lang', 'python'],
      ['--lang', 'python', '16'],
      ['--lang', 'python', 'nonsense'],
      ['--lang', 'python', '14', '--field', 'market=vetusdt', '--field', 'level=x', '--field', 'precision=6'],
      ['--lang', 'python', '14', '--field', 'colour=blue'],
      ['--lang', 'python', '14', '--field', 'market'],
    ]) {
      const run = await cli(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^error: /);
    }
  });

  it('names the problem in words', async () => {
    expect((await cli('--lang', 'node', '16')).stderr).toContain('sends no frame to copy');
    expect((await cli('--lang', 'node', '14', '--field', 'market=vetusdt', '--field', 'level=x', '--field', 'precision=6')).stderr).toContain('"x" is not a whole number');
    expect((await cli('--lang', 'node', '14', '--field', 'colour=blue')).stderr).toContain('has no field "colour"');
  });
});
