// The text a new scenario starts from: short, runnable against the sandbox, and showing each part of the format.
export const STARTER_SCENARIO = `# A scenario: steps run in order, each reply checked. Format: README, "Scenarios".
name: my scenario
vars:
  market: vetusdt
steps:
  - name: server time
    choice: 13
    expect:
      - { path: "$.message.code", equals: 0 }
      - { rtt_ms: { below: 1000 } }

  - name: order book
    choice: 14
    fields: { market: "\${market}", level: 5, precision: 6 }
    expect:
      - { path: "$.message.data.bids", type: array }
    save: { best_bid: "$.message.data.bids[0][0]" }

  - name: best ask above best bid (raw frame)
    send:
      identifier: { handler: OrderBookHandler }
      command: message
      data: { action: index, uuid: "\${uuid}", args: { market_id: "\${market}", level: 1, precision: 6 } }
    expect:
      - { path: "$.message.data.asks[0][0]", above: "\${best_bid}" }
`;
