import { inflateSync } from 'node:zlib';

/**
 * The content streams of a PDF as pdfkit writes them (inflated when
 * FlateDecode), and the text of their TJ operators, one string per operator
 * (one per line or table cell): pdfkit writes the standard fonts' text as
 * hex WinAnsi codes, split where it kerns, which for these tests' ASCII and
 * Latin-1 text decodes as Latin-1. Enough to read our own statements back in
 * a test; not a general PDF parser.
 */
export function pdfContent(pdf: Buffer): string[] {
  const src = pdf.toString('latin1');
  const streams: string[] = [];
  for (const m of src.matchAll(/<<([^<>]*)>>\s*stream\r?\n/g)) {
    const length = /\/Length (\d+)/.exec(m[1]);
    if (!length) continue;
    const start = (m.index ?? 0) + m[0].length;
    const data = pdf.subarray(start, start + Number(length[1]));
    streams.push((/\/FlateDecode/.test(m[1]) ? inflateSync(data) : data).toString('latin1'));
  }
  return streams;
}

export function pdfText(pdf: Buffer): string[] {
  return pdfContent(pdf).flatMap((content) =>
    [...content.matchAll(/\[([^\]]*)\]\s*TJ/g)].map((tj) =>
      [...tj[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1], 'hex').toString('latin1')).join(''),
    ),
  );
}
