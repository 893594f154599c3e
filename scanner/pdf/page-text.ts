/**
 * The text layer of each page of a PDF, in page order ('' for a page without one): what a born-digital
 * document says in its own characters, or what a scan's recognised text under its image says. Read
 * with PDF.js (the viewer's own reader): no fonts loaded, no scripts, nothing fetched. A file PDF.js
 * cannot open gives no pages, and its images are read by OCR as before.
 */
export async function pdfPageTexts(bytes: Uint8Array): Promise<string[]> {
  // Loaded when first needed: PDF.js is large, and most processes (the CLI, the registry) never read a PDF's text.
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // PDF.js takes the buffer over; it reads its own copy.
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false, verbosity: 0 });
  try {
    const document = await task.promise;
    const texts: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      texts.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('').trim());
      page.cleanup();
    }
    return texts;
  } catch {
    return [];
  } finally {
    await task.destroy();
  }
}

/** A page says something in its text layer (a stray space or a page number alone is not text to read). */
export function hasTextLayer(text: string | undefined): text is string {
  return (text?.match(/\p{L}/gu)?.length ?? 0) >= 3;
}
