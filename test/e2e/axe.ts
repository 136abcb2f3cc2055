// axe-core in the page under test. The renderer's CSP forbids inline and foreign scripts, so axe is not added as a
// <script>: its source is evaluated over the DevTools protocol (page.evaluate), which a page's CSP does not govern.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.0–2.2 A and AA, plus the best-practice rules the screens were found to break (heading order, regions). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly string[];
}

/** Runs axe over the whole document and returns its violations, one line per offending node. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')} — ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200)}`),
    }));
  }, AXE_TAGS);
}

/** Readable failure text: what rule, where. */
export function describeViolations(where: string, violations: readonly AxeViolation[]): string {
  return violations.map((v) => `${where}: ${v.id} (${v.impact ?? '?'}) ${v.help}\n    ${v.nodes.slice(0, 6).join('\n    ')}${v.nodes.length > 6 ? `\n    … ${v.nodes.length - 6} more` : ''}`).join('\n');
}
