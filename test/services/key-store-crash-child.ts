// Child process for key-store-crash.test.ts: imports a key into an existing key store and kills itself with
// SIGKILL (no cleanup, no finally blocks, like a power cut for the process) right after the named import step.
// argv: <dir> <service> <profileId> <pemFile> <step>

import { readFileSync } from 'node:fs';
import { KeyStore, type ImportStep } from '../../main/services/key-store';
import { keytarSecretStore } from '../../main/services/secret-store';

const [dir, service, profileId, pemFile, killAt] = process.argv.slice(2) as [string, string, string, string, ImportStep];
const store = new KeyStore({
  dir,
  service,
  secrets: keytarSecretStore(),
  afterImportStep: (step) => {
    if (step === killAt) process.kill(process.pid, 'SIGKILL');
  },
});
store.importPem(profileId, readFileSync(pemFile, 'utf8')).then(
  () => console.log('import finished without being killed'),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
