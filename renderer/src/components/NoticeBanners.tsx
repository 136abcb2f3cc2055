// Notices from main (and the renderer's own), shown as dismissible banners above the screen.
import type { Notice } from '../hooks/useNotices';

export function NoticeBanners({ notices, onDismiss }: { readonly notices: readonly Notice[]; readonly onDismiss: (id: number) => void }) {
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.level}`} role={n.level === 'error' ? 'alert' : 'status'}>
          <span className="notice-text">{n.message}</span>
          <button type="button" className="icon-button" aria-label="Dismiss notice" onClick={() => onDismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
