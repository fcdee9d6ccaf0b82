/** A plain-text table with aligned columns; `right` lists the columns aligned to the right (numbers). */
export function textTable(header: string[], rows: string[][], right: number[] = []): string {
  // A loop, not Math.max(...rows): a spread of 300,000 rows overflows the call stack.
  const widths = header.map((title, column) => {
    let width = title.length;
    for (const row of rows) if (row[column].length > width) width = row[column].length;
    return width;
  });
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        right.includes(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column]),
      )
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].map((text) => `${text}\n`).join('');
}
