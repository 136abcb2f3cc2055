import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { signedLoginFrame } from '../../main/oceanex/signer';
import { REDACTED, redactFrameText } from '../../main/services/redact';

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
