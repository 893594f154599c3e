import { PDFDocument, type PDFObject } from 'pdf-lib';

/**
 * Adds objects to a PDF as an incremental update: the original bytes stay exactly as they were, so
 * signatures already in the file keep verifying, and the update (new and changed objects, an xref
 * section with /Prev, a trailer) is appended after them.
 *
 * Written here because pdf-lib can only rewrite a whole file, which breaks earlier signatures.
 */
function serialize(object: PDFObject): Buffer {
  const bytes = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(bytes, 0);
  return Buffer.from(bytes);
}

function snapshot(pdf: PDFDocument): Map<string, Buffer> {
  return new Map(pdf.context.enumerateIndirectObjects().map(([ref, object]) => [ref.tag, serialize(object)]));
}

function previousStartXref(original: Buffer): number {
  const tail = original.subarray(Math.max(0, original.length - 2048)).toString('latin1');
  const matches = [...tail.matchAll(/startxref\s+(\d+)/g)];
  const last = matches[matches.length - 1];
  if (!last) throw new Error('no startxref: not a complete PDF');
  return Number(last[1]);
}

export interface IncrementalEdit {
  pdf: PDFDocument;
  /** Writes everything changed since `open` after the original bytes. */
  finish(): Buffer;
}

export async function openForIncrementalUpdate(original: Buffer): Promise<IncrementalEdit> {
  const pdf = await PDFDocument.load(original, { updateMetadata: false });
  const before = snapshot(pdf);
  return {
    pdf,
    finish() {
      const changed = pdf.context
        .enumerateIndirectObjects()
        .filter(([ref, object]) => !before.get(ref.tag)?.equals(serialize(object)))
        .sort(([a], [b]) => a.objectNumber - b.objectNumber);
      const parts: Buffer[] = [original];
      let offset = original.length;
      const push = (chunk: Buffer | string) => {
        const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
        parts.push(buffer);
        offset += buffer.length;
      };
      if (original[original.length - 1] !== 0x0a) push('\n');
      const entries: string[] = [];
      for (const [ref, object] of changed) {
        entries.push(`${ref.objectNumber} 1\n${String(offset).padStart(10, '0')} ${String(ref.generationNumber).padStart(5, '0')} n \n`);
        push(`${ref.objectNumber} ${ref.generationNumber} obj\n`);
        push(serialize(object));
        push('\nendobj\n');
      }
      const xrefOffset = offset;
      const { Root, Info, ID } = pdf.context.trailerInfo;
      const trailer = [
        `/Size ${pdf.context.largestObjectNumber + 1}`,
        `/Root ${Root!.toString()}`,
        Info ? `/Info ${Info.toString()}` : '',
        ID ? `/ID ${ID.toString()}` : '',
        `/Prev ${previousStartXref(original)}`,
      ].filter(Boolean);
      push(`xref\n${entries.join('')}trailer\n<< ${trailer.join(' ')} >>\nstartxref\n${xrefOffset}\n%%EOF\n`);
      return Buffer.concat(parts);
    },
  };
}
