/**
 * One CSV field as RFC 4180 writes it: as is, unless it holds a comma, a double quote, a carriage
 * return or a line feed; then in double quotes, with each double quote doubled.
 */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One CSV record and its line end. Lines end with `\n` (as Unix tools, spreadsheets, pandas and
 * Python's csv module read them), not RFC 4180's `\r\n`; a field's own line breaks stay quoted.
 */
export function csvRow(fields: readonly (string | number)[]): string {
  return `${fields.map(csvField).join(',')}\n`;
}
