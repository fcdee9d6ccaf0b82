/** A list of snapshot ids to feed other commands (`diff --new`): one `@id` per line. */
export function idsToText(ids: readonly number[]): string {
  return ids.map((id) => `@${id}\n`).join('');
}

/** The same list as a JSON array of numbers. */
export function idsToJson(ids: readonly number[]): string {
  return `${JSON.stringify(ids)}\n`;
}
