/** The few ANSI styles the text renderer uses; each closes only what it opened. */
const STYLES = {
  bold: ['\u001b[1m', '\u001b[22m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  red: ['\u001b[31m', '\u001b[39m'],
  green: ['\u001b[32m', '\u001b[39m'],
  yellow: ['\u001b[33m', '\u001b[39m'],
} as const;

export type AnsiStyle = keyof typeof STYLES;

/** Styles text, or returns it untouched when colour is off. */
export type Paint = (text: string, ...styles: AnsiStyle[]) => string;

/** A painter that styles text when `enabled`, and returns it untouched otherwise. */
export function painter(enabled: boolean): Paint {
  if (!enabled) return (text) => text;
  return (text, ...styles) =>
    styles.reduce((styled, style) => `${STYLES[style][0]}${styled}${STYLES[style][1]}`, text);
}
