// No import circles between source files (type-only imports count too: a circle of types still ties two files
// together for a reader). Reads every import of main/, shared/, preload/ and renderer/src with TypeScript's own
// pre-processor and looks for strongly connected components.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), base].find((p) => existsSync(p) && statSync(p).isFile());
}

/** Circles (strongly connected components of more than one file, or a file importing itself), Tarjan's algorithm. */
function importCircles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) circles.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return circles;
}

describe('import circles', () => {
  it('finds a circle when there is one, and none in a chain', () => {
    expect(importCircles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
    expect(importCircles(new Map([['channels', ['contract']], ['contract', []]]))).toEqual([]);
  });

  it('none between the source files (shared/ipc: the table builds on the contract types, never the reverse)', () => {
    const files = ['main', 'shared', 'preload', 'renderer/src'].flatMap((dir) => sourceFiles(join(ROOT, dir)));
    const graph = new Map(
      files.map((file) => {
        const imports = ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles;
        return [relative(ROOT, file), imports.flatMap((i) => resolveImport(file, i.fileName) ?? []).map((p) => relative(ROOT, p))];
      }),
    );
    expect(graph.get('shared/ipc/channels.ts')).toContain('shared/ipc/contract.ts');
    expect(importCircles(graph)).toEqual([]);
  });
});
