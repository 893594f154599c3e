import { JournalView } from '../../../../domain/api/contract';

/**
 * The journal's view in the window's address (`?view=journal&status=assigned&sort=due…`), so a view
 * can be reopened — after a reload, from a bookmark in the browser build, or by the back button to
 * the journal. What does not parse is left out rather than trusted.
 */
const KEYS = ['status', 'year', 'search', 'serviceCode', 'procedure', 'executorId', 'from', 'to', 'overdue', 'sort'] as const;

export function journalViewInAddress(search = window.location.search): JournalView | null {
  const params = new URLSearchParams(search);
  if (params.get('view') !== 'journal') return null;
  const view: Record<string, unknown> = {};
  for (const key of KEYS) {
    const value = params.get(key);
    if (value === null || value === '') continue;
    const typed = key === 'year' ? Number(value) : key === 'overdue' ? value === 'true' : value;
    // Each field on its own: one bad value does not cost the others.
    if (JournalView.safeParse({ [key]: typed }).success) view[key] = typed;
  }
  return JournalView.parse(view);
}

export function putJournalViewInAddress(view: JournalView): void {
  const params = new URLSearchParams({ view: 'journal' });
  for (const key of KEYS) {
    const value = view[key];
    if (value === undefined || value === '' || value === false || (key === 'sort' && value === 'newest')) continue;
    params.set(key, String(value));
  }
  window.history.replaceState(null, '', `${window.location.pathname}?${params.toString()}`);
}
