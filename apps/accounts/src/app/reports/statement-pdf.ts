import PDFDocument from 'pdfkit';
import type { LocalDate } from '@branchline/reports';
import type { SummaryRow, Totals } from './report.dto';

/** What a monthly statement shows; every figure comes from the report summaries (usecases/site-statement.ts). */
export interface StatementData {
  tenant: string;
  site: { code: string; name: string };
  from: LocalDate;
  to: LocalDate;
  timeZone: string;
  currency: string;
  totals: Totals;
  byDirection: SummaryRow[];
  byExtension: SummaryRow[];
  topDestinations: SummaryRow[];
  dailyCost: Array<{ day: LocalDate; cost: string }>;
  otherCurrencies: Array<{ currency: string; calls: number; cost: string }>;
}

interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right';
  value: (r: SummaryRow) => string;
}

const MARGIN = 50;
const ROW_HEIGHT = 14;

/** Billable time as h:mm:ss (a layout of the seconds, which stay the figure). */
export function duration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

const figures = (cost: string): Column[] => [
  { header: 'Calls', width: 50, align: 'right', value: (r) => String(r.calls) },
  { header: 'Answered', width: 60, align: 'right', value: (r) => String(r.answered) },
  { header: 'Billable', width: 70, align: 'right', value: (r) => duration(r.billableSeconds) },
  { header: cost, width: 90, align: 'right', value: (r) => r.cost as string },
];

/**
 * The statement as a PDF (pdfkit, A4, the standard Helvetica fonts): a
 * header with tenant, site, period, zone and currency; the totals; totals by
 * direction, by extension and the costliest destinations as tables; and a
 * bar chart of the daily cost drawn with vector primitives. Amounts are the
 * exact five-place figures; the total also rounded once to the minor unit.
 */
export function statementPdf(d: StatementData): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `Call-charge statement ${d.site.code} ${d.from.slice(0, 7)}`, Author: 'Branchline' },
  });
  header(doc, d);
  const cost = `Cost (${d.currency})`;
  table(doc, 'By category', [{ header: 'Direction', width: 150, value: (r) => r.direction ?? '' }, ...figures(cost)], d.byDirection);
  table(
    doc,
    'By extension',
    [
      { header: 'Extension', width: 60, value: (r) => r.extensionNumber ?? '(none)' },
      { header: 'Name', width: 90, value: (r) => r.extensionName ?? '' },
      ...figures(cost),
    ],
    d.byExtension,
  );
  table(
    doc,
    'Top destinations',
    [
      { header: 'Destination', width: 120, value: (r) => r.destination ?? '(internal, inbound)' },
      { header: 'Country', width: 30, value: (r) => r.country ?? '' },
      ...figures(cost),
    ],
    d.topDestinations,
  );
  chart(doc, d.dailyCost, d.currency);
  doc.end();
  return doc;
}

function header(doc: PDFKit.PDFDocument, d: StatementData): void {
  doc.font('Helvetica-Bold').fontSize(16).text('Monthly call-charge statement');
  doc.font('Helvetica').fontSize(10).moveDown(0.5);
  doc.text(`Tenant: ${d.tenant}`);
  doc.text(`Site: ${d.site.name} (${d.site.code})`);
  doc.text(`Period: ${d.from} to ${d.to} (local days, ${d.timeZone})`);
  doc.text(`Currency: ${d.currency}`);
  doc.moveDown(0.5).font('Helvetica-Bold');
  doc.text(`Total: ${d.totals.calls} calls, ${d.totals.answered} answered, billable ${duration(d.totals.billableSeconds)}`);
  doc.text(`Total cost: ${d.totals.cost} ${d.currency} (invoice amount ${d.totals.costRounded} ${d.currency})`);
  doc.font('Helvetica');
  for (const o of d.otherCurrencies) doc.text(`Not included: ${o.calls} calls priced in ${o.currency}, ${o.cost} ${o.currency}`);
}

/** Room for `height` more points on this page, else a new page. */
function ensureRoom(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}

/** The text, shortened with an ellipsis to fit the width: a table cell stays one line. */
function fit(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let shorter = text;
  while (shorter.length > 0 && doc.widthOfString(`${shorter}\u2026`) > width) shorter = shorter.slice(0, -1);
  return `${shorter}\u2026`;
}

function line(doc: PDFKit.PDFDocument, columns: Column[], cells: string[]): void {
  ensureRoom(doc, ROW_HEIGHT);
  const y = doc.y;
  let x = MARGIN;
  columns.forEach((c, i) => {
    // An empty cell shows a dash, so a reader (and a text extractor) still sees every column.
    const text = fit(doc, cells[i] === '' ? '-' : cells[i], c.width - 6);
    const indent = c.align === 'right' ? c.width - 6 - doc.widthOfString(text) : 0;
    doc.text(text, x + indent, y, { lineBreak: false });
    x += c.width;
  });
  doc.x = MARGIN;
  doc.y = y + ROW_HEIGHT;
}

function table(doc: PDFKit.PDFDocument, title: string, columns: Column[], rows: SummaryRow[]): void {
  doc.moveDown(1);
  ensureRoom(doc, 3 * ROW_HEIGHT);
  doc.font('Helvetica-Bold').fontSize(12).text(title, MARGIN);
  doc.fontSize(9);
  line(doc, columns, columns.map((c) => c.header));
  doc.font('Helvetica');
  if (rows.length === 0) line(doc, columns.slice(0, 1), ['No calls']);
  for (const r of rows) line(doc, columns, columns.map((c) => c.value(r)));
}

/** Bars of the daily cost, scaled to the dearest day (a drawing: the figures are in the tables). */
function chart(doc: PDFKit.PDFDocument, days: Array<{ day: LocalDate; cost: string }>, currency: string): void {
  const height = 140;
  doc.moveDown(1);
  ensureRoom(doc, height + 50);
  doc.font('Helvetica-Bold').fontSize(12).text(`Daily cost (${currency})`, MARGIN);
  const top = doc.y + 10;
  const width = doc.page.width - 2 * MARGIN;
  const max = Math.max(...days.map((d) => Number(d.cost)), 0);
  const slot = width / days.length;
  doc.lineWidth(0.5).moveTo(MARGIN, top + height).lineTo(MARGIN + width, top + height).stroke('#444444');
  days.forEach((d, i) => {
    const h = max > 0 ? (Number(d.cost) / max) * height : 0;
    if (h > 0) doc.rect(MARGIN + i * slot + 1, top + height - h, Math.max(slot - 2, 1), h).fill('#3a6ea5');
  });
  doc.fillColor('black').font('Helvetica').fontSize(7);
  days.forEach((d, i) => {
    if (i % 5 === 0 || i === days.length - 1) doc.text(d.day.slice(8), MARGIN + i * slot, top + height + 3, { width: slot, align: 'center', lineBreak: false });
  });
  doc.text(`max ${max > 0 ? days.find((d) => Number(d.cost) === max)?.cost : '0.00000'}`, MARGIN, top - 8, { lineBreak: false });
  doc.x = MARGIN;
  doc.y = top + height + 15;
}
