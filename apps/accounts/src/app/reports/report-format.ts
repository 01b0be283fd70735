/** The media types a report answer can have. */
export const MEDIA_TYPES = {
  json: 'application/json',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type AnswerFormat = keyof typeof MEDIA_TYPES;
/** The formats that are files (exports). */
export type FileFormat = Exclude<AnswerFormat, 'json'>;

/** What content negotiation picks from (Express's req.accepts), JSON first: it wins when the client has no preference. */
export const REPORT_MEDIA_TYPES: string[] = Object.values(MEDIA_TYPES);

/** `format` wins; without it, the format whose media type the Accept header prefers (`accepted`: Express's req.accepts), else JSON. */
export function answerFormat(format: AnswerFormat | undefined, accepted: string | false): AnswerFormat {
  if (format) return format;
  const negotiated = (Object.keys(MEDIA_TYPES) as AnswerFormat[]).find((f) => MEDIA_TYPES[f] === accepted);
  return negotiated ?? 'json';
}
