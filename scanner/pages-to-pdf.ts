import { PDFDocument } from 'pdf-lib';

/**
 * One PDF from scanned pages, in order, each page the physical size of the scan (pixels over dots per
 * inch). Compact encodings and the OCR text layer come later in the pipeline.
 */
export interface PageImage {
  png: Buffer;
  resolution: number;
}

export async function pagesToPdf(pages: PageImage[], title: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  pdf.setProducer('АЖО');
  for (const page of pages) {
    const image = await pdf.embedPng(page.png);
    const width = (image.width / page.resolution) * 72;
    const height = (image.height / page.resolution) * 72;
    pdf.addPage([width, height]).drawImage(image, { x: 0, y: 0, width, height });
  }
  return Buffer.from(await pdf.save());
}
