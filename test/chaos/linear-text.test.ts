// Every pattern main runs over text a peer controls is linear: each rule gets its worst case at the size cap
// (a log entry and a frame's redaction: 64 KiB; a key file: 64 KiB; error texts: 1 MiB, they have no cap before the
// scrub) and must finish in well under a second, where the old rules took seconds to hours. The rewritten rules
// must also redact exactly what the old ones did: they are compared on thousands of random texts built from the
// pieces the rules look for (the old rules are fast on such short texts).

import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { scrubSecrets, userMessage } from '../../main/app/errors';
import { parsePrivateKeyPem } from '../../main/services/key-validation';
import { redactFrameText, redactSecrets } from '../../main/services/redact';
import { notesToText } from '../../main/services/updates/feed';
import { DEFAULT_MAX_ENTRY_CHARS } from '../../main/services/log-text';
import { MAX_KEY_FILE_BYTES } from '../../main/services/key-store';
import { CHOICES, parsePromptLine, validateField } from '../../shared/oceanex/catalogue';
import { oldRedact, oldScrub } from './old-text-rules';

const KiB = 1024;

/** `unit` repeated up to `size` characters (plus `tail`). */
function fill(unit: string, size: number, tail = ''): string {
  return unit.repeat(Math.floor((size - tail.length) / unit.length)) + tail;
}

/** Milliseconds `fn` takes on `text`. */
function timed(fn: (text: string) => unknown, text: string): number {
  const start = performance.now();
  fn(text);
  return performance.now() - start;
}

/** Generous: the old rules took 19.6 s on 8 K characters (key=value) and 74 s on 65 (the PEM rule in errors). */
const BOUND_MS = 1000;

function expectLinear(name: string, fn: (text: string) => unknown, texts: Record<string, string>): void {
  const slow: string[] = [];
  for (const [label, text] of Object.entries(texts)) {
    const ms = timed(fn, text);
    if (ms > BOUND_MS) slow.push(`${name} on ${label} (${text.length} chars): ${ms.toFixed(0)} ms`);
  }
  expect(slow).toEqual([]);
}

// Worst cases of every rule (and of the old rules), at a size given by the caller.
function hostileTexts(size: number): Record<string, string> {
  return {
    'token-token-… (old key=value rule: cubic)': fill('token-', size),
    'token-token-…= with no value': fill('token-', size, '='),
    '"token-token-… (old JSON key rule)': `"${fill('token-', size - 1)}`,
    '"token":"token":… ': fill('"token":', size),
    '"token":"\\"… unclosed string': `"token":"${fill('\\"', size - 9)}`,
    '"token": "x","token":"x",…': fill('"token":"x",', size),
    'token= followed by spaces': `token=${fill(' ', size - 6)}`,
    'token followed by spaces': `token${fill(' ', size - 6)}x`,
    '-----BEGIN A----- repeated, no END': fill('-----BEGIN A-----', size),
    '-----BEGIN A-----a:a:… (old PEM rule in errors: exponential)': `-----BEGIN A-----${fill('a:', size - 17)}`,
    '-----BEGIN A-----a: a: a: …': `-----BEGIN A-----${fill('a: ', size - 17)}`,
    '-----BEGIN A-----a: on one line, repeated': fill('-----BEGIN A-----a:', size),
    '-----BEGIN A-----a: on many lines': fill('-----BEGIN A-----\na:', size),
    'header lines then BEGINs on the first line': `${fill('-----BEGIN A-----a:', size / 2)}\n${fill('a:\n', size / 2)}`,
    '-----BEGIN with a long label': `-----BEGIN ${fill('A ', size - 11)}`,
    '-----BEGIN PRIVATE KEY PRIVATE KEY …': `-----BEGIN ${fill('PRIVATE KEY ', size - 11)}`,
    '-----END A----- repeated': fill('-----END A-----', size),
    '-eyJ-eyJ-… (old JWT rules: quadratic)': fill('-eyJ', size),
    'eyJeyJ… ': fill('eyJ', size),
    'eyJa.-eyJa.-…': fill('eyJa.-', size),
    'eyJaaaa.aaaa-eyJ…': fill('eyJaaaa.aaaa-', size),
    'Bearer followed by spaces': `Bearer${fill(' ', size - 6)}`,
    '79-character base64 runs': fill(`${'A'.repeat(79)} `, size),
    'backslashes': fill('\\', size),
    'quotes': fill('"', size),
    '<li without > (old notes rule)': fill('<li', size),
    '< without >': fill('<', size),
    'spaces not followed by a line break': fill(' ', size, 'x'),
    'x': fill('x', size),
  };
}

describe('chaos: linear-time text handling at the size caps', () => {
  it(`redaction (log entries, frames, request history) on hostile ${DEFAULT_MAX_ENTRY_CHARS / KiB} KiB texts`, () => {
    const texts = hostileTexts(DEFAULT_MAX_ENTRY_CHARS);
    expectLinear('redactFrameText', redactFrameText, texts);
    expectLinear('redactSecrets', redactSecrets, texts);
  });

  it('error texts (scrubSecrets, userMessage) on hostile 1 MiB texts', () => {
    const texts = hostileTexts(1024 * KiB);
    expectLinear('scrubSecrets', scrubSecrets, texts);
    expectLinear('userMessage', (text) => userMessage(new Error(text)), texts);
  });

  it(`key files (${MAX_KEY_FILE_BYTES / KiB} KiB), release notes and typed fields`, () => {
    const texts = hostileTexts(MAX_KEY_FILE_BYTES);
    expectLinear('parsePrivateKeyPem', (text) => expect(() => parsePrivateKeyPem(text)).toThrow(), texts);
    expectLinear('notesToText', notesToText, texts);
    expectLinear('notesToText (4 MiB)', notesToText, { '<li': fill('<li', 4096 * KiB) });
    const fields = CHOICES.flatMap((choice) => choice.fields);
    expectLinear('validateField (every field of every choice)', (text) => fields.forEach((field) => validateField(field, text)), texts);
    expectLinear('parsePromptLine (every choice)', (text) => CHOICES.forEach((choice) => parsePromptLine(choice, text)), texts);
  });
});

/** A seeded generator (mulberry32): the same texts on every run, so a difference is reproducible. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'token', 'Signature', 'user_jwt', 'secret', 'PassWord', 'private_key', 'x', 'A', 'a', '1', '-', '.', '_', '=', ':', ' ', '\n', '\\n', '"', '\\', '\\"',
  '{', '}', ',', '&', ';', "'", ']', 'true', 'false', '-1.5e3', '[REDACTED]', 'Bearer ', 'basic ', 'eyJ', 'eyJhbGc', '-----BEGIN A-----', '-----END A-----',
  '-----END B-----', '-----BEGIN RSA PRIVATE KEY-----', 'PRIVATE KEY', 'Proc-Type: 4,ENCRYPTED', 'DEK-Info:', 'MIIEowIBAAKCAQEA', 'QUJDREVGR0hJSktMTU5PUA==',
  'A'.repeat(40), '+/', '  ',
];

function randomTexts(seed: number, count: number): string[] {
  const next = random(seed);
  return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(next() * 24) }, () => PIECES[Math.floor(next() * PIECES.length)]).join(''));
}

describe('the linear rules remove exactly what the old rules removed', () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
  const encrypted = privateKey.export({ type: 'pkcs1', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'p' });
  const realistic = [`before ${pem} after`, `cut ${pem.slice(0, 200)}`, `enc ${encrypted}`, JSON.stringify({ pem, signature: 'abc', ok: true })];

  it('redactSecrets agrees with the old rules on 20 000 random texts and real keys', () => {
    const texts = [...realistic, ...randomTexts(18, 20_000)];
    expect(texts.filter((text) => oldRedact(text) !== text).length).toBeGreaterThan(5_000); // the corpus has secrets to remove
    expect(texts.filter((text) => redactSecrets(text) !== oldRedact(text)).slice(0, 5)).toEqual([]);
  });

  it('scrubSecrets agrees with the old rules on 20 000 random texts and real keys', () => {
    const texts = [...realistic, ...randomTexts(81, 20_000)];
    expect(texts.filter((text) => oldScrub(text) !== text).length).toBeGreaterThan(1_000);
    expect(texts.filter((text) => scrubSecrets(text) !== oldScrub(text)).slice(0, 5)).toEqual([]);
  });
});
