// Reads and validates the --accounts JSON file. Every problem becomes one clear AccountsFileError.

import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SandboxAccountConfig } from './auth';
import { parseAmount } from './money';

export class AccountsFileError extends Error {
  override readonly name = 'AccountsFileError';
}

export function loadAccountsFile(path: string): SandboxAccountConfig[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new AccountsFileError(`cannot read accounts file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new AccountsFileError(`accounts file ${path} is not valid JSON: ${(e as Error).message}`);
  }
  return parseAccounts(raw, path);
}

export function parseAccounts(raw: unknown, source = 'accounts'): SandboxAccountConfig[] {
  const list = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)['accounts'] : undefined;
  if (!Array.isArray(list)) throw new AccountsFileError(`${source}: expected {"accounts":[...]}`);
  const uids = new Set<string>();
  const apiKeys = new Set<string>();
  return list.map((entry: unknown, i) => {
    const where = `${source}: accounts[${i}]`;
    if (typeof entry !== 'object' || entry === null) throw new AccountsFileError(`${where} is not an object`);
    const e = entry as Record<string, unknown>;
    for (const field of ['uid', 'api_key', 'public_key_pem'] as const) {
      if (typeof e[field] !== 'string' || e[field] === '') throw new AccountsFileError(`${where}.${field} must be a non-empty string`);
    }
    const config = { uid: e['uid'] as string, api_key: e['api_key'] as string, public_key_pem: e['public_key_pem'] as string };
    if (uids.has(config.uid)) throw new AccountsFileError(`${where}.uid ${config.uid} appears twice`);
    if (apiKeys.has(config.api_key)) throw new AccountsFileError(`${where}.api_key ${config.api_key} appears twice`);
    uids.add(config.uid);
    apiKeys.add(config.api_key);
    try {
      const key = createPublicKey(config.public_key_pem);
      if (key.asymmetricKeyType !== 'rsa') throw new Error(`it is a ${key.asymmetricKeyType ?? 'unknown'} key, not RSA`);
    } catch (err) {
      throw new AccountsFileError(`${where}.public_key_pem is not an RSA public key (${(err as Error).message})`);
    }
    const balancesRaw = e['balances'] ?? {};
    if (typeof balancesRaw !== 'object' || balancesRaw === null || Array.isArray(balancesRaw)) {
      throw new AccountsFileError(`${where}.balances must be an object like {"usdt":"100000"}`);
    }
    const balances: Record<string, string> = {};
    for (const [currency, value] of Object.entries(balancesRaw as Record<string, unknown>)) {
      const a = typeof value === 'string' || typeof value === 'number' ? parseAmount(value) : undefined;
      if (a === undefined || a < 0n) throw new AccountsFileError(`${where}.balances.${currency} must be a non-negative decimal string`);
      balances[currency.toLowerCase()] = String(value);
    }
    return { ...config, balances };
  });
}
