/** What a command may touch of the outside world; tests pass their own. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** stderr is a terminal (progress bars only then). */
  isTTY: boolean;
}

export function nodeIo(): Io {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stderr.isTTY),
  };
}

/** An Io that records what was written, for tests. */
export function memoryIo(env: NodeJS.ProcessEnv = {}, cwd = process.cwd()): Io & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    env,
    cwd,
    isTTY: false,
    stdout(t: string) {
      io.out += t;
    },
    stderr(t: string) {
      io.err += t;
    },
  };
  return io;
}
