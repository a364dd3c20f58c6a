/** How much text a writer gathers before handing it on: large enough that a stream is not a stream of tiny writes. */
const CHUNK_CHARS = 64 * 1024;

/** Text gathered for a streaming writer: `full()` gives a chunk once enough is there, `rest()` the remainder. */
export class Chunks {
  private parts: string[] = [];
  private size = 0;

  push(text: string): void {
    this.parts.push(text);
    this.size += text.length;
  }

  full(): string | null {
    return this.size >= CHUNK_CHARS ? this.rest() : null;
  }

  rest(): string {
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    return text;
  }
}

/** A value where a format holds only text, numbers and booleans: arrays and objects as JSON text, null as null. */
export function scalar(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** Characters XML 1.0 cannot hold at all (control characters but tab, line feed and carriage return), removed. */
export function xmlText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}
