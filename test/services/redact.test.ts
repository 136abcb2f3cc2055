import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { signedLoginFrame } from '../../main/oceanex/signer';
import { mayHoldSecret, REDACTED, redactFrameText, redactSecrets } from '../../main/services/redact';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

describe('redactFrameText', () => {
  it("removes a login frame's signature, keeps uid, api key id and nonce, and stays valid JSON", () => {
    const frame = signedLoginFrame({ uid: 'ID4E5ABC', apiKey: 'KIDB7XYZ' }, privateKey, () => 1_700_000_000_123);
    const signature = frame.data.header?.signature as string;
    const text = JSON.stringify(frame);
    const out = redactFrameText(text);
    expect(out).not.toContain(signature);
    expect(out).not.toContain(signature.slice(0, 24));
    const parsed = JSON.parse(out) as typeof frame;
    expect(parsed.data.header).toMatchObject({ uid: 'ID4E5ABC', api_key: 'KIDB7XYZ', nonce: 1_700_000_000_123, signature: REDACTED });
  });

  it('removes PEM blocks, raw and JSON-escaped, and a cut-off private key', () => {
    expect(redactFrameText(`key:\n${pem}done`)).toBe(`key:\n${REDACTED}\ndone`);
    const inJson = JSON.stringify({ pem, other: 1 });
    const out = redactFrameText(inJson);
    expect(out).not.toContain(pem.split('\n')[1] as string);
    expect(JSON.parse(out)).toEqual({ pem: `${REDACTED}\n`, other: 1 });
    const cut = JSON.stringify({ pem: pem.slice(0, 400), ok: true });
    const cutOut = redactFrameText(cut);
    expect(cutOut).not.toContain(pem.split('\n')[2] as string);
    expect(JSON.parse(cutOut)).toEqual({ pem: REDACTED, ok: true });
  });

  it('removes JWTs (user_jwt in JSON, query strings, headers) and Bearer tokens', () => {
    const token = jwt.sign({ uid: 'ID1', data: {} }, privateKey, { algorithm: 'RS256' });
    const bodies = [JSON.stringify({ user_jwt: token }), `GET /v1/key?user_jwt=${token}&a=1`, `user_jwt: ${token}`, `note ${token} end`];
    for (const body of bodies) {
      const out = redactFrameText(body);
      expect(out).not.toContain(token.split('.')[2] as string);
      expect(out).not.toContain(token.split('.')[1] as string);
      expect(out).toContain(REDACTED);
    }
    expect(redactFrameText('Authorization: Bearer abc.DEF-123_x=')).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(JSON.parse(redactFrameText('{"Authorization":"Bearer abc"}'))).toEqual({ Authorization: REDACTED });
  });

  it('removes token, secret and password values of any JSON type and in key=value text', () => {
    const out = JSON.parse(redactFrameText('{"access_token": 12345, "Secret" : "x\\"y", "password": true, "keep": "value"}')) as unknown;
    expect(out).toEqual({ access_token: REDACTED, Secret: REDACTED, password: REDACTED, keep: 'value' });
    expect(redactFrameText('password=hunter2&token=abc; passphrase: s3cret')).toBe(`password=${REDACTED}&token=${REDACTED}; passphrase: ${REDACTED}`);
  });

  it('leaves ordinary frames untouched', () => {
    const frames = [
      '{"type":"ping","message":1583729664}',
      '{"identifier":{"handler":"TickerHandler"},"message":{"action":"index","code":0,"data":{"vetusdt":{"last":"0.75"}},"uuid":"a-1"}}',
      '{"identifier":{"handler":"OrderHandler"},"command":"message","data":{"action":"create","uuid":"b","args":{"market":"vetusdt","side":"buy","price":0.75,"volume":1000,"ord_type":"limit"}}}',
    ];
    for (const f of frames) expect(redactFrameText(f)).toBe(f);
  });
});

describe('mayHoldSecret (the pre-check that lets ordinary frames skip the rules)', () => {
  // Every text a rule changes must pass the pre-check, whatever the letter case; otherwise a secret is logged.
  const secretKeys = ['signature', 'user_jwt', 'access_token', 'Secret', 'PASSWORD', 'passphrase', 'private_key', 'privatekey', 'Authorization', 'credentials'];
  const caseVariants = (word: string): string[] => [word, word.toUpperCase(), word.toLowerCase(), [...word].map((c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join('')];
  const token = jwt.sign({ uid: 'ID1' }, privateKey, { algorithm: 'RS256' });

  it('passes every text that a rule would change (keys in any case, schemes, JWTs, PEM blocks)', () => {
    const texts: string[] = [];
    for (const key of secretKeys) {
      for (const k of caseVariants(key)) {
        texts.push(JSON.stringify({ [k]: 'value-1234' }), `{"${k}" : 42}`, `${k}=abc123&x=1`, `${k}: abc123`);
      }
    }
    for (const scheme of ['Bearer', 'Basic']) for (const s of caseVariants(scheme)) texts.push(`Authorization: ${s} abc.DEF-123_x=`, `header ${s} dXNlcjpwYXNz`);
    texts.push(`note ${token} end`, pem, pem.slice(0, 300), JSON.stringify({ pem }));
    for (const text of texts) {
      expect(redactSecrets(text), text).not.toBe(text); // the corpus really holds secrets…
      expect(mayHoldSecret(text), text).toBe(true); // …and the pre-check never lets one skip the rules
      expect(redactFrameText(text)).toBe(redactSecrets(text));
    }
  });

  it('says no for ordinary market data, and a no for many lines joined means no for each line', () => {
    const ordinary = [
      '{"type":"ping","message":1583729664}',
      '{"identifier":{"handler":"TickerHandler"},"message":{"action":"index","code":0,"data":{"vetusdt":{"last":"0.75","volume":"1000.0"}},"uuid":"a-1"}}',
      '{"identifier":{"handler":"OrderBookHandler"},"message":{"action":"index","code":0,"data":{"asks":[["0.76","10"]],"bids":[["0.75","12"]]},"uuid":"b-2"}}',
    ];
    for (const text of ordinary) expect(mayHoldSecret(text)).toBe(false);
    expect(mayHoldSecret(ordinary.join('\n'))).toBe(false);
    expect(mayHoldSecret([...ordinary, '{"Signature":"x"}'].join('\n'))).toBe(true);
  });

  it('leaves redacted text as it is when it is redacted again', () => {
    const frame = signedLoginFrame({ uid: 'ID4E5ABC', apiKey: 'KIDB7XYZ' }, privateKey, () => 1_700_000_000_123);
    for (const text of [JSON.stringify(frame), `bearer x ${token} ${pem}`, 'password=hunter2&token=abc; passphrase: s3cret']) {
      const once = redactFrameText(text);
      expect(redactFrameText(once)).toBe(once);
    }
  });
});
