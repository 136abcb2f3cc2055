// The markets' precisions every view formats numbers with. Learned once per endpoint per run of the app: when the
// session first connects, Get All Markets (choice 3) is asked once (it shows in the log and history like any
// request); any later markets reply — the person's own choice 3 — refreshes them. Another endpoint starts afresh.
import { createContext, useContext, useEffect, useRef, useState } from 'react';
import type { SessionStatus } from '../../../shared/ipc/contract';
import { choiceById } from '../../../shared/oceanex/catalogue';
import type { Reply } from '../../../shared/oceanex/messages';
import { isConnected } from '../../../shared/oceanex/session-state';
import { useApi } from '../api';
import { marketBookOf, NO_MARKETS, type MarketBook } from '../markets';

export const MarketBookContext = createContext<MarketBook>(NO_MARKETS);

export function useMarketBook(): MarketBook {
  return useContext(MarketBookContext);
}

const MARKETS = choiceById('markets')!.number;

function isMarketsReply(reply: Reply | undefined): reply is Reply {
  return reply !== undefined && reply.code === 0 && reply.outcome === 'markets';
}

export function useLearnMarkets(status: SessionStatus | null): MarketBook {
  const api = useApi();
  const [book, setBook] = useState<{ endpoint: string; book: MarketBook } | null>(null);
  const asked = useRef(new Set<string>());
  const endpoint = status?.endpoint ?? '';
  const connected = status ? isConnected(status.state) : false;

  useEffect(
    () =>
      api.onReply((event) => {
        if (event.choice === MARKETS && isMarketsReply(event.reply)) setBook({ endpoint, book: marketBookOf(event.reply.data, Date.now()) });
      }),
    [api, endpoint],
  );

  useEffect(() => {
    if (!connected || !endpoint || asked.current.has(endpoint)) return;
    asked.current.add(endpoint);
    // The reply also arrives as event:reply (above); the invoke result covers a transport that drops events.
    void api.run(MARKETS, {}).then((result) => {
      if (result.ok && isMarketsReply(result.value.reply)) setBook({ endpoint, book: marketBookOf(result.value.reply.data, Date.now()) });
    });
  }, [api, connected, endpoint]);

  // Precisions of another endpoint's markets are not this one's.
  return book && book.endpoint === endpoint ? book.book : NO_MARKETS;
}
