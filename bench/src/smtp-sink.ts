import net from "node:net";

export type SmtpSink = { url: string; received: () => number; close: () => Promise<void> };

/**
 * The smallest SMTP server that accepts mail: answers every command, counts each message at
 * the final ".", keeps nothing. Enough to measure how fast the worker can hand mail over.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  let count = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    // answers to pipelined commands go out at once: with Nagle's algorithm the second "250" of
    // MAIL FROM + RCPT TO waited for the client's delayed ACK, 40 ms per message (80 emails/s at most)
    socket.setNoDelay(true);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    let inData = false;
    let buffer = "";
    socket.write("220 bench-sink ESMTP\r\n");
    socket.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("latin1");
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) {
            if (buffer.length > 5) buffer = buffer.slice(-5);
            return;
          }
          buffer = buffer.slice(end + 5);
          inData = false;
          count++;
          socket.write("250 2.0.0 queued\r\n");
          continue;
        }
        const eol = buffer.indexOf("\r\n");
        if (eol < 0) return;
        const line = buffer.slice(0, eol).toUpperCase();
        buffer = buffer.slice(eol + 2);
        if (line.startsWith("EHLO"))
          socket.write("250-bench-sink\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 PIPELINING\r\n");
        else if (line.startsWith("DATA")) {
          inData = true;
          buffer = "\r\n" + buffer;
          socket.write("354 go ahead\r\n");
        } else if (line.startsWith("QUIT")) {
          socket.end("221 bye\r\n");
          return;
        } else socket.write("250 ok\r\n");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => count,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
