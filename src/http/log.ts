/**
 * One JSON line per event, written in batches: the lines of the next few milliseconds go out
 * in one write (stdout to a pipe or a file costs a synchronous system call per write, a
 * noticeable share of a small request's time). Whatever is pending is written before the
 * process exits, and at once when it reaches 64 KiB.
 */
export type Log = (line: Record<string, unknown>) => void;

export function batchedLineLog(
  write: (text: string) => unknown = (text) => process.stdout.write(text),
  delayMs = 20,
): Log & { flush: () => void } {
  let pending = '';
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (!pending) return;
    const text = pending;
    pending = '';
    write(text);
  };
  process.once('exit', flush);
  const log = (line: Record<string, unknown>) => {
    pending += `${JSON.stringify(line)}\n`;
    if (pending.length > 65536) flush();
    else if (!scheduled) {
      scheduled = true;
      setTimeout(flush, delayMs).unref();
    }
  };
  return Object.assign(log, { flush });
}
