import { useEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createColumnHelper, getCoreRowModel, useReactTable, type CellContext, type HeaderContext } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ApplicationSummary, JournalView } from '../../../../domain/api/contract';
import type { Catalogue } from '../../../../domain/catalogue/catalogue';
import { api } from '../../api';
import { ApplicantText, OpenApplication, ServiceText } from '../../components/ApplicationCells';
import { ErrorBox } from '../../components/ErrorBox';
import { localDay, localNumber } from '../../components/local-format';
import { resultOf, statusText } from '../../components/result-words';
import { StepBadge } from '../../components/StepBadge';
import { errorMessage } from '../../i18n';

/** Rows asked of the core at a time; the next page is asked for when the list is scrolled near its end. */
const PAGE = 100;
/** A row's height before it is measured (a wrapped name makes it taller). */
const ROW_HEIGHT = 29;

/** A cell cut short (one line a row) gives its whole text as its tooltip. */
function showWhole(event: MouseEvent<HTMLTableCellElement>) {
  const cell = event.currentTarget;
  cell.title = cell.scrollWidth > cell.clientWidth ? cell.innerText : '';
}

const column = createColumnHelper<ApplicationSummary>();

/**
 * A header's or cell's content, called as a function. flexRender would mount each column's renderer
 * as a component — a new component on every render, since the columns are made in render — so a
 * re-render between a button's mousedown and its click (focusing a row does one) replaced the button
 * and the click was lost.
 */
function drawn<C extends CellContext<ApplicationSummary, unknown> | HeaderContext<ApplicationSummary, unknown>>(render: unknown, context: C): ReactNode {
  return typeof render === 'function' ? (render as (c: C) => ReactNode)(context) : (render as ReactNode);
}

interface Props {
  view: JournalView;
  onSort: (sort: NonNullable<JournalView['sort']>) => void;
  catalogue: Catalogue;
  onOpen: (id: string) => void;
}

/**
 * The journal's rows as a TanStack table: the core sorts, filters and pages (manual), the virtualiser
 * draws only the rows in sight — a view of 100,000 applications costs what a screenful does.
 */
export function JournalTable({ view, onSort, catalogue, onOpen }: Props) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<ApplicationSummary[] | null>(null);
  const [count, setCount] = useState<number | null>(null);
  const [complete, setComplete] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  // The row the keyboard is on: the one row in the tab order (↑/↓ move it, Enter opens it).
  const [active, setActive] = useState(0);
  // Pages that arrive for a view no longer shown are dropped.
  const viewKey = JSON.stringify(view);
  const current = useRef(viewKey);

  const load = async (after: string | undefined, key: string) => {
    setLoading(true);
    try {
      const page = await api['applications.journal']({ ...view, limit: PAGE, ...(after ? { after } : {}) });
      if (current.current !== key) return;
      setRows((before) => (after ? [...(before ?? []), ...page] : page));
      setComplete(page.length < PAGE);
      setError(null);
    } catch (failure) {
      if (current.current === key) setError(errorMessage(failure));
    } finally {
      if (current.current === key) setLoading(false);
    }
  };

  useEffect(() => {
    current.current = viewKey;
    setRows(null);
    setCount(null);
    setComplete(false);
    setActive(0);
    scroller.current?.scrollTo({ top: 0 });
    void load(undefined, viewKey);
    void api['applications.journalCount'](view).then(
      (found) => current.current === viewKey && setCount(found.count),
      () => undefined,
    );
  }, [viewKey]);

  const sort = view.sort ?? 'newest';
  const sortButton = (label: string, next: NonNullable<JournalView['sort']>, active: boolean, direction: string) => (
    <button type="button" className="sort" aria-pressed={active} onClick={() => onSort(next)} title={t('journal.sortBy', { column: label })}>
      {label} {active ? direction : '↕'}
    </button>
  );
  const columns = [
    column.accessor('journalNumber', {
      id: 'number',
      header: () => sortButton(t('journal.number'), sort === 'newest' ? 'oldest' : 'newest', sort !== 'due', sort === 'oldest' ? '↑' : '↓'),
      cell: (c) => <span className="nowrap">{c.getValue() ?? t('common.none')}</span>,
    }),
    column.display({ id: 'service', header: () => t('journal.service'), cell: (c) => <ServiceText row={c.row.original} catalogue={catalogue} /> }),
    column.display({ id: 'applicant', header: () => t('journal.applicant'), cell: (c) => <ApplicantText row={c.row.original} /> }),
    column.accessor('status', {
      header: () => t('journal.status'),
      cell: (c) => <span className={`status status-${c.getValue()}`}>{statusText(t, c.getValue(), resultOf(catalogue, c.row.original.serviceCode))}</span>,
    }),
    column.accessor('step', { header: () => t('steps.current'), cell: (c) => <StepBadge step={c.getValue()} /> }),
    column.accessor('dueDate', {
      id: 'due',
      header: () => sortButton(t('journal.due'), 'due', sort === 'due', '↑'),
      cell: (c) => <span className="nowrap">{c.getValue() ? localDay(c.getValue()!) : t('common.none')}</span>,
    }),
    column.accessor('executorName', { header: () => t('journal.executor'), cell: (c) => c.getValue() ?? t('common.none') }),
    column.display({ id: 'open', header: () => <span className="visually-hidden">{t('journal.open')}</span>, cell: (c) => <OpenApplication row={c.row.original} onOpen={onOpen} /> }),
  ];
  const table = useReactTable({ data: rows ?? [], columns, getRowId: (row) => row.id, getCoreRowModel: getCoreRowModel(), manualSorting: true, manualFiltering: true, manualPagination: true });
  const tableRows = table.getRowModel().rows;
  const virtual = useVirtualizer({ count: tableRows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtual.getVirtualItems();

  // Near the end of what is loaded: the next page, once.
  const lastShown = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (rows && !complete && !loading && !error && lastShown >= rows.length - 25) void load(rows.at(-1)?.id, viewKey);
  }, [lastShown, rows, complete, loading, error]);

  // The row may not be drawn yet: scrolled into view first, then focused.
  const moveTo = (index: number) => {
    setActive(index);
    virtual.scrollToIndex(index, { align: 'auto' });
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`tr[data-index="${index}"]`)?.focus());
  };

  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length ? virtual.getTotalSize() - items.at(-1)!.end : 0;
  return (
    <div className="card journal-card">
      <p className="journal-count" aria-live="polite" data-testid="journal-count">
        {count === null ? t('journal.counting') : t('journal.found', { count, formatted: localNumber(count) })}
        {rows && rows.length > 0 && ` · ${t('journal.shown', { count: rows.length, formatted: localNumber(rows.length) })}`}
        {loading && <span role="status"> · {t('journal.loading')}</span>}
      </p>
      <ErrorBox message={error} />
      {rows !== null && rows.length === 0 ? (
        <p>{t('journal.empty')}</p>
      ) : (
        <div className="journal-scroll" ref={scroller} tabIndex={0} role="region" aria-label={t('journal.rows')} data-testid="journal-scroll">
          <table className="journal one-line">
            <colgroup>
              <col className="c-number" />
              <col className="c-service" />
              <col className="c-applicant" />
              <col className="c-status" />
              <col className="c-step" />
              <col className="c-due" />
              <col className="c-executor" />
              <col className="c-open" />
            </colgroup>
            <thead>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => (
                    <th key={header.id} aria-sort={header.column.id === 'number' && sort !== 'due' ? (sort === 'oldest' ? 'ascending' : 'descending') : header.column.id === 'due' && sort === 'due' ? 'ascending' : undefined}>
                      {drawn(header.column.columnDef.header, header.getContext())}
                    </th>
                  ))}
                </tr>
              ))}
            </thead>
            <tbody>
              {padTop > 0 && (
                <tr aria-hidden="true">
                  <td colSpan={columns.length} style={{ height: padTop }} />
                </tr>
              )}
              {items.map((item) => {
                const row = tableRows[item.index]!;
                return (
                  <tr
                    key={row.id}
                    data-index={item.index}
                    ref={virtual.measureElement}
                    data-testid="journal-row"
                    tabIndex={item.index === active ? 0 : -1}
                    onFocus={() => setActive(item.index)}
                    onKeyDown={(e) => {
                      if (e.target !== e.currentTarget) return;
                      if (e.key === 'Enter') return onOpen(row.original.id);
                      const to = { ArrowDown: item.index + 1, ArrowUp: item.index - 1, Home: 0, End: tableRows.length - 1 }[e.key];
                      if (to === undefined) return;
                      e.preventDefault();
                      moveTo(Math.max(0, Math.min(tableRows.length - 1, to)));
                    }}
                  >
                    {row.getVisibleCells().map((cell) => (
                      // One line a row, so a screen holds a dozen and more: what is cut off shows whole on hover.
                      <td key={cell.id} onMouseEnter={showWhole}>
                        {drawn(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    ))}
                  </tr>
                );
              })}
              {padBottom > 0 && (
                <tr aria-hidden="true">
                  <td colSpan={columns.length} style={{ height: padBottom }} />
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
