// Cancel and mass-cancel acks: the ids the server cancelled.
export function IdsView({ data, what }: { readonly data: unknown; readonly what: string }) {
  const ids = Array.isArray(data) ? data : [];
  return (
    <div className="ack" data-testid="ids-view">
      <strong>{ids.length === 0 ? `No orders ${what}.` : `${ids.length} order(s) ${what}:`}</strong>{' '}
      <span className="mono">{ids.map(String).join(', ')}</span>
    </div>
  );
}
