/**
 * A document's recognised text keeps its pages apart with a form feed, as pdftotext does: the viewer
 * shows each page's text beside the page, and full-text search (which reads it as a space) is unaffected.
 */
export const PAGE_BREAK = '\f';

export function joinPageTexts(pages: readonly string[]): string {
  return pages.map((text) => text.replaceAll(PAGE_BREAK, '\n')).join(PAGE_BREAK);
}

/**
 * Page `page` (from 1) of a document of `pageCount` pages. Text kept before pages were told apart has
 * no form feed: then the whole text is given, and said to be the whole document's.
 */
export function pageTextOf(text: string, page: number, pageCount: number): { text: string; wholeDocument: boolean } {
  const pages = text.split(PAGE_BREAK);
  if (pages.length === 1 && pageCount > 1) return { text, wholeDocument: true };
  return { text: pages[page - 1] ?? '', wholeDocument: false };
}
