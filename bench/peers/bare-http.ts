import { createServer } from 'node:http';

// The ceiling for the mock benchmark: a bare node:http server answering a fixed 1 KB JSON body.
// Usage: node dist/bench/peers/bare-http.js PORT
const body = Buffer.from(JSON.stringify({ result: 'x'.repeat(1024 - 13) }));
const port = Number(process.argv[2] ?? 0);
createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length });
  res.end(body);
}).listen(port, '127.0.0.1');
