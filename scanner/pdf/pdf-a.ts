import { createHash } from 'node:crypto';
import { PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import sharp from 'sharp';

/**
 * What PDF/A-2b (ISO 19005-2, level B) asks of a PDF of scans beyond what pdf-lib writes: XMP metadata
 * that claims the part and level and agrees with the document information dictionary, an sRGB output
 * intent (the pages use DeviceGray and DeviceRGB images), and a file identifier. The fonts are embedded
 * already, and nothing here is transparent, encrypted or scripted.
 *
 * No independent PDF/A validator (veraPDF) runs in this environment, so "aiming at PDF/A-2b": tests check
 * each of these parts as poppler reads it.
 */
export interface PdfAInfo {
  title: string;
  /** The tool recorded as creator and producer. */
  tool: string;
  created: Date;
}

const SRGB = 'sRGB IEC61966-2.1';

let srgbProfile: Promise<Buffer> | null = null;
/** libvips' own sRGB profile, taken from an image sharp tags with it: no ICC file is shipped. */
function srgbIccProfile(): Promise<Buffer> {
  srgbProfile ??= sharp({ create: { width: 1, height: 1, channels: 3, background: 'white' } })
    .withIccProfile('srgb')
    .png()
    .toBuffer()
    .then((png) => sharp(png).metadata())
    .then((meta) => {
      if (!meta.icc) throw new Error('sharp did not attach the sRGB profile');
      return meta.icc;
    });
  return srgbProfile;
}

export async function makePdfA2b(pdf: PDFDocument, info: PdfAInfo): Promise<void> {
  // Whole seconds: the information dictionary cannot hold more, and the XMP dates must say the same.
  const created = new Date(Math.floor(info.created.getTime() / 1000) * 1000);
  pdf.setTitle(info.title);
  pdf.setCreator(info.tool);
  pdf.setProducer(info.tool);
  pdf.setCreationDate(created);
  pdf.setModificationDate(created);

  const { context, catalog } = pdf;
  const metadata = context.stream(Buffer.from(xmp(info.title, info.tool, created), 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
  catalog.set(PDFName.of('Metadata'), context.register(metadata));

  const icc = context.flateStream(await srgbIccProfile(), { N: 3 });
  const intent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of(SRGB),
    Info: PDFString.of(SRGB),
    DestOutputProfile: context.register(icc),
  });
  catalog.set(PDFName.of('OutputIntents'), context.obj([intent]));

  const id = PDFHexString.of(createHash('sha256').update(`${info.title}\n${created.toISOString()}\n${pdf.getPageCount()}`).digest('hex').slice(0, 32));
  context.trailerInfo.ID = context.obj([id, id]);
}

function xmp(title: string, tool: string, created: Date): string {
  const date = created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(title)}</rdf:li></rdf:Alt></dc:title>
   <xmp:CreateDate>${date}</xmp:CreateDate>
   <xmp:ModifyDate>${date}</xmp:ModifyDate>
   <xmp:CreatorTool>${escapeXml(tool)}</xmp:CreatorTool>
   <pdf:Producer>${escapeXml(tool)}</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

// Control characters are not allowed in XML at all; markup characters become references.
const escapeXml = (text: string) => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '').replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
