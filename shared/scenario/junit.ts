// JUnit XML of scenario runs, the format CI systems read (Jenkins, GitLab, GitHub's test reporters): one <testsuite>
// per scenario file, one <testcase> per step, <failure> with expected vs actual, <skipped> for steps not run.

import type { ScenarioResult, StepResult } from './result';
import { tally } from './result';

/** Text safe inside XML: escaped, and without the control characters XML 1.0 cannot carry. */
export function xmlText(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (ch === "'") out += '&apos;';
    else if (c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || c >= 0x10000) out += ch;
    else out += '\uFFFD';
  }
  return out;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

function failureText(step: StepResult): string {
  const lines: string[] = [];
  if (step.error !== undefined) lines.push(step.error);
  for (const f of step.failures) lines.push(`${f.assertion}\n  expected: ${f.expected}\n  actual:   ${f.actual}`);
  return lines.join('\n');
}

function testcase(suite: string, step: StepResult): string {
  const name = `${String(step.index + 1).padStart(2, '0')} ${step.name}`;
  const head = `    <testcase classname="${xmlText(suite)}" name="${xmlText(name)}" time="${seconds(step.durationMs)}"`;
  if (step.status === 'skipped') return `${head}>\n      <skipped message="not run: an earlier step stopped the scenario"/>\n    </testcase>`;
  const out = step.rttMs !== undefined ? `\n      <system-out>${xmlText(`round trip ${step.rttMs} ms${step.summary ? `; ${step.summary}` : ''}`)}</system-out>` : '';
  if (step.status === 'passed') return out === '' ? `${head}/>` : `${head}>${out}\n    </testcase>`;
  const first = step.error ?? step.failures[0]?.assertion ?? 'failed';
  return `${head}>\n      <failure message="${xmlText(first)}" type="${step.error !== undefined ? 'error' : 'assertion'}">${xmlText(failureText(step))}</failure>${out}\n    </testcase>`;
}

export function junitXml(results: readonly ScenarioResult[]): string {
  const suites = results.map((r) => {
    const counts = tally(r.steps);
    const attrs = [
      `name="${xmlText(r.name)}"`,
      `tests="${r.steps.length}"`,
      `failures="${counts.failed}"`,
      'errors="0"',
      `skipped="${counts.skipped}"`,
      `time="${seconds(r.durationMs)}"`,
      `timestamp="${new Date(r.startedAt).toISOString().slice(0, 19)}"`,
      ...(r.file !== undefined ? [`file="${xmlText(r.file)}"`] : []),
    ].join(' ');
    const props = `    <properties>\n      <property name="endpoint" value="${xmlText(r.endpoint)}"/>\n    </properties>`;
    return `  <testsuite ${attrs}>\n${props}\n${r.steps.map((s) => testcase(r.name, s)).join('\n')}\n  </testsuite>`;
  });
  const all = results.flatMap((r) => r.steps);
  const counts = tally(all);
  const time = results.reduce((sum, r) => sum + r.durationMs, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="OceanEx scenarios" tests="${all.length}" failures="${counts.failed}" errors="0" skipped="${counts.skipped}" time="${seconds(time)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
