// What both languages' programs say about a request: its title, whether it logs in, and a warning for orders.
// Only catalogue text reaches a comment; handler and action from a frame appear in string literals only.

import { matchingChoice, isLoginRequest, needsLogin, type CodeRequest } from './request';

export interface ProgramFacts {
  readonly title: string;
  readonly private: boolean;
  readonly loginOnly: boolean;
  readonly warning: string | undefined;
  /** The environment lines after OCEANEX_WS_URL's, each ending in a line break. */
  readonly environmentHelp: string;
}

const CREDENTIALS_HELP = `  OCEANEX_UID       your OceanEx user id, e.g. ID4E5XXXXXX
  OCEANEX_API_KEY   your API key id, e.g. KIDB7XXXXXX
  OCEANEX_KEY_FILE  path to the RSA private key (key.pem) whose public key you registered with OceanEx
`;
const PUBLIC_HELP = '  (a public request: no login, no key needed)\n';

export function programFacts(request: CodeRequest): ProgramFacts {
  const choice = matchingChoice(request);
  return {
    title: choice ? `${choice.label} (choice ${choice.number})` : 'a request frame (see HANDLER, ACTION and ARGS)',
    private: needsLogin(request),
    loginOnly: isLoginRequest(request),
    warning:
      request.handler === 'OrderHandler' && ['create', 'cancel', 'clear'].includes(request.action)
        ? 'Careful: this program changes orders on the exchange in OCEANEX_WS_URL, with no question asked.'
        : undefined,
    environmentHelp: needsLogin(request) ? CREDENTIALS_HELP : PUBLIC_HELP,
  };
}
