/**
 * A cached answer body (compact JSON) and its length in bytes, measured once. It is sent as text, not
 * as a Buffer: node joins a string body to the headers in one chunk, where a Buffer goes to the socket
 * as a chunk of its own (a bare `node:http` server answering 1.2 kB spent 35 µs a request with a
 * string against 36 to 40 µs with a Buffer, on a loaded machine).
 */
export class JsonText {
  readonly bytes: number;

  constructor(readonly text: string) {
    this.bytes = Buffer.byteLength(text);
  }
}
