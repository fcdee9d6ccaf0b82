/**
 * V8's own classes (DESIGN.md, "The user view"): what the engine keeps for itself, which rankings
 * leave out unless `--all` asks. `(string)` is not one of them: strings are values a program
 * makes and holds (URLs, keys, payloads), and a cache of them is a leak a user fixes. A
 * concatenated or sliced string is V8's representation of a string built from others (its parts
 * are counted again as `(string)`), so it is.
 */
const INTERNAL = new Set([
  '(compiled code)',
  '(system)',
  '(object shape)',
  '(array)',
  '(number)',
  '(concatenated string)',
  '(sliced string)',
  '(synthetic)',
]);

/** True for a class name (DevTools' Summary name) that is one of V8's own. */
export function isV8InternalClass(className: string): boolean {
  return INTERNAL.has(className) || className.startsWith('system / ');
}
