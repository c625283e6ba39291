import type { Socket } from 'node:net';

/**
 * SSH sends several small packets in one turn of the event loop (channel success, data, exit status, EOF, close);
 * with Nagle off each would be its own write system call. Corking until the next tick sends them in one.
 */
export function coalesceWrites(socket: Socket): Socket {
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  let corked = false;
  socket.write = ((...args: unknown[]): boolean => {
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(() => {
        corked = false;
        socket.uncork();
      });
    }
    return write(...args);
  }) as Socket['write'];
  return socket;
}
