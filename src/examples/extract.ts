/**
 * Finds the fenced code blocks of an article or FAQ answer, with the `example="…"` marker of their meta string.
 * Only fences that start a line count, so inline code and indented prose never look like a sample.
 */

/** One fenced block, numbered from 1 in the order it appears in its file. */
export interface Fence {
  file: string;
  index: number;
  /** 1-based line of the opening fence. */
  line: number;
  /** The info string's first word, lower-cased (`bash`, `js`, `json`); empty for a bare fence. */
  lang: string;
  /** The value of `example="…"` in the meta string, if any. */
  marker?: string;
  code: string;
}

const opening = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)\s*(.*)$/;
const markerPattern = /(?:^|\s)example="([^"]*)"/;

export function extractFences(file: string, text: string): Fence[] {
  const lines = text.split(/\r?\n/);
  const fences: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = opening.exec(lines[i] ?? '');
    if (!match) continue;
    const [, marker = '', lang = '', meta = ''] = match;
    const closing = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !closing.test(lines[i] ?? ''); i++) body.push(lines[i] ?? '');
    const found = markerPattern.exec(meta);
    fences.push({
      file,
      index: fences.length + 1,
      line: start + 1,
      lang: lang.toLowerCase(),
      ...(found && { marker: found[1] }),
      code: body.join('\n'),
    });
  }
  return fences;
}
