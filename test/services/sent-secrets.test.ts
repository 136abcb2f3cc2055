import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signedLoginFrame } from '../../main/oceanex/signer';
import { redactFrameText } from '../../main/services/redact';
import { removedValues, SentSecrets } from '../../main/services/sent-secrets';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

describe('SentSecrets: the values the redaction rules took out of sent frames', () => {
  it('finds the signature the rules removed from a login frame, and redacts an echo of it', () => {
    const frame = JSON.stringify(signedLoginFrame({ uid: 'ID4E5ABC', apiKey: 'KIDB7XYZ' }, privateKey, () => 1_700_000_000_000, 'u-1'));
    const signature = (JSON.parse(frame) as { data: { header: { signature: string } } }).data.header.signature;
    const redacted = redactFrameText(frame);
    expect(removedValues(frame, redacted)).toEqual([signature]);
    const secrets = new SentSecrets();
    secrets.learn(frame, redacted);
    const echo = `{"error":"bad signature ${signature}","again":"${signature}"}`;
    expect(secrets.redact(echo)).toBe('{"error":"bad signature [REDACTED]","again":"[REDACTED]"}');
    expect(secrets.foundIn(Buffer.from(`x${echo}`))).toBe(true);
    expect(secrets.foundIn(Buffer.from('{"ok":true}'))).toBe(false);
  });

  it('finds several removed values, and none where nothing was removed', () => {
    const original = 'Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345 and {"password":"correct horse battery"}';
    const redacted = redactFrameText(original);
    expect(removedValues(original, redacted)).toEqual(['abcdefghijklmnopqrstuvwxyz012345', 'correct horse battery']);
    expect(removedValues('{"a":1}', '{"a":1}')).toEqual([]);
    // An original that already holds the mark is not guessed at.
    expect(removedValues('[REDACTED] token=abcdefghijklmnop', '[REDACTED] token=[REDACTED]')).toEqual([]);
  });

  it('ignores short values (they would redact ordinary words) and keeps the 16 newest', () => {
    const secrets = new SentSecrets();
    secrets.learn('{"token":true}', '{"token":"[REDACTED]"}');
    expect(secrets.size).toBe(0);
    for (let i = 0; i < 20; i += 1) secrets.learn(`{"signature":"sig-number-${i}-abcdef"}`, '{"signature":"[REDACTED]"}');
    expect(secrets.size).toBe(16);
    expect(secrets.redact('sig-number-3-abcdef sig-number-19-abcdef')).toBe('sig-number-3-abcdef [REDACTED]');
  });
});
