import { createServer } from 'node:http';

// The ceiling for the mock benchmark: a bare node:http server answering the bytes the mock answers,
// so that both write as much. A GET gets GET_BODY; a POST gets POST_BODY once its form body has been
// read (as any server that takes a form must), with the mock's content type.
// Usage: node dist/bench/peers/bare-http.js PORT GET_BODY POST_BODY
const [, , port = '0', getBody = '{}', postBody = '{}'] = process.argv;
const answers = { GET: Buffer.from(getBody), POST: Buffer.from(postBody) };
const headers = (body: Buffer) => ({
  'Content-Type': 'application/json; charset=utf-8',
  'Content-Length': body.length,
});
createServer((req, res) => {
  if (req.method !== 'POST') {
    res.writeHead(200, headers(answers.GET)).end(answers.GET);
    return;
  }
  // the form is read whole, then dropped: the ceiling does none of the mock's work with it
  req.on('data', () => undefined);
  req.on('end', () => res.writeHead(200, headers(answers.POST)).end(answers.POST));
}).listen(Number(port), '127.0.0.1');
