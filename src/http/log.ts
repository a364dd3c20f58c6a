/**
 * One JSON line per event, written in batches: lines logged in one turn of the event loop
 * go out in a single write (stdout to a pipe or a file is a synchronous system call per
 * write in Node). Whatever is pending is written before the process exits.
 */
export type Log = (line: Record<string, unknown>) => void;

export function batchedLineLog(write: (text: string) => unknown = (text) => process.stdout.write(text)): Log & { flush: () => void } {
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
      setImmediate(flush);
    }
  };
  return Object.assign(log, { flush });
}
