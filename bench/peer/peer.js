#!/usr/bin/env node
// The independent peer: an OpenAI-compatible streaming chat server written for bench/ in another runtime, sharing no
// code with benchy, so the harness measures benchy against a server it did not write. Each stream runs on an
// absolute schedule (first token at arrival + prefill, token k at the first token's write + k / tg-speed), and the
// peer records when it actually wrote each event (process.hrtime: CLOCK_MONOTONIC on Linux, the clock benchy's
// System.nanoTime reads). What it achieved, not what it was told to do, is what GET /peer/stats serves.
//
//   node bench/peer/peer.js [--port 0] [--tg-speed 50] [--prefill-ms 0] [--pp-speed 0] [--model peer]
//
// It prints "listening on http://127.0.0.1:PORT/v1" once ready. DELETE /peer/stats clears the record.
'use strict';

const http = require('node:http');

function options(argv) {
  const o = { port: 0, tgSpeed: 50, prefillMs: 0, ppSpeed: 0, model: 'peer', host: '127.0.0.1', keep: 4096 };
  const names = { '--port': 'port', '--tg-speed': 'tgSpeed', '--prefill-ms': 'prefillMs', '--pp-speed': 'ppSpeed',
    '--model': 'model', '--host': 'host', '--keep': 'keep' };
  for (let i = 0; i < argv.length; i += 2) {
    const key = names[argv[i]];
    if (!key || i + 1 >= argv.length) {
      console.error(`peer: unknown option or missing value: ${argv[i]}`);
      process.exit(2);
    }
    const text = argv[i + 1];
    const value = key === 'model' || key === 'host' ? text : Number(text);
    if (typeof value === 'number' && !(value >= 0)) {
      console.error(`peer: ${argv[i]} must be a number, 0 or more, but was ${text}`);
      process.exit(2);
    }
    o[key] = value;
  }
  if (!(o.tgSpeed > 0)) {
    console.error(`peer: --tg-speed must be more than 0, but was ${o.tgSpeed}`);
    process.exit(2);
  }
  return o;
}

const opts = options(process.argv.slice(2));
const now = () => process.hrtime.bigint();
const NANOS = 1e9;

// What the peer did: one record per stream, the newest `keep` kept.
let streams = [];
let tokensSent = 0;

// Roughly four characters a token, for the prefill time and the reported prompt size only; benchy's own counts come
// from its tokenizer, so the peer does not report prompt tokens in usage.
function promptChars(body) {
  let chars = 0;
  for (const m of body.messages || []) {
    chars += typeof m.content === 'string' ? m.content.length : 0;
  }
  return chars;
}

function chunk(id, created, delta, finish) {
  return 'data: ' + JSON.stringify({
    id, object: 'chat.completion.chunk', created, model: opts.model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  }) + '\n\n';
}

// Every due token of every stream is written from one 1 ms tick, in arrival order, so a busy peer falls behind
// evenly and records what it really did.
const live = new Set();
let ticking = false;

function tick() {
  const t = now();
  for (const s of live) {
    s.advance(t);
  }
  if (live.size > 0) {
    setTimeout(tick, 1);
  } else {
    ticking = false;
  }
}

function schedule(s) {
  live.add(s);
  if (!ticking) {
    ticking = true;
    setTimeout(tick, 1);
  }
}

class Stream {
  constructor(res, body, arrival) {
    this.res = res;
    this.id = 'chatcmpl-peer-' + (streams.length + 1);
    this.created = Math.floor(Date.now() / 1000);
    this.maxTokens = Math.max(1, Number(body.max_tokens || body.max_completion_tokens || 16));
    this.usage = Boolean(body.stream_options && body.stream_options.include_usage);
    const prefillNanos = BigInt(Math.round((opts.prefillMs / 1000 +
        (opts.ppSpeed > 0 ? promptChars(body) / 4 / opts.ppSpeed : 0)) * NANOS));
    this.firstDue = arrival + prefillNanos;
    this.interval = NANOS / opts.tgSpeed;
    this.sent = 0;
    this.record = { arrival_nanos: Number(arrival), first_token_nanos: -1, last_token_nanos: -1, tokens: 0,
      completed: false, prompt_chars: promptChars(body) };
    streams.push(this.record);
    if (streams.length > opts.keep) {
      streams = streams.slice(streams.length - opts.keep);
    }
    res.on('close', () => live.delete(this));
  }

  // Token k (k >= 1) is due k intervals after the first token was actually written: a late first write (a busy
  // event loop) delays the whole stream instead of bunching its next tokens together.
  due(k) {
    return BigInt(this.record.first_token_nanos) + BigInt(Math.round(k * this.interval));
  }

  advance(t) {
    if (this.res.destroyed) {
      live.delete(this);
      return;
    }
    if (this.sent === 0 && t >= this.firstDue) {
      // The first event carries the role and the first token together, as many servers send them.
      this.write(chunk(this.id, this.created, { role: 'assistant', content: ' w0' }, null));
    }
    while (this.sent > 0 && this.sent < this.maxTokens && t >= this.due(this.sent)) {
      this.write(chunk(this.id, this.created, { content: ' w' + this.sent }, null));
    }
    if (this.sent >= this.maxTokens) {
      this.finish();
    }
  }

  write(text) {
    this.res.write(text);
    const written = Number(now());
    this.sent++;
    tokensSent++;
    if (this.record.first_token_nanos < 0) {
      this.record.first_token_nanos = written;
    }
    this.record.last_token_nanos = written;
    this.record.tokens = this.sent;
  }

  finish() {
    live.delete(this);
    let tail = chunk(this.id, this.created, {}, 'length');
    if (this.usage) {
      tail += 'data: ' + JSON.stringify({ id: this.id, object: 'chat.completion.chunk', created: this.created,
        model: opts.model, choices: [], usage: { completion_tokens: this.sent } }) + '\n\n';
    }
    this.res.end(tail + 'data: [DONE]\n\n');
    this.record.completed = true;
  }
}

function stats() {
  const recent = streams.map((s) => {
    const span = (s.last_token_nanos - s.first_token_nanos) / NANOS;
    return Object.assign({}, s, {
      decode_seconds: s.tokens > 1 ? span : 0,
      decode_tokens_per_second: s.tokens > 1 && span > 0 ? (s.tokens - 1) / span : null,
    });
  });
  return { peer: 'node ' + process.version, totals: { streams: streams.length, tokens_sent: tokensSent }, recent };
}

function json(res, status, value) {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function complete(res, body) {
  // A blocking answer (warm-up, coherence): the tokens at once, the same words a stream would carry.
  const n = Math.max(1, Number(body.max_tokens || 16));
  const words = Array.from({ length: n }, (_, k) => ' w' + k).join('');
  json(res, 200, { id: 'chatcmpl-peer', object: 'chat.completion', created: Math.floor(Date.now() / 1000),
    model: opts.model, choices: [{ index: 0, message: { role: 'assistant', content: words }, finish_reason: 'length' }],
    usage: { completion_tokens: n } });
}

const server = http.createServer((req, res) => {
  const arrival = now();
  const path = req.url.split('?')[0];
  if (req.method === 'GET' && path === '/v1/models') {
    json(res, 200, { object: 'list', data: [{ id: opts.model, object: 'model', owned_by: 'peer' }] });
  } else if (path === '/peer/stats' && req.method === 'GET') {
    json(res, 200, stats());
  } else if (path === '/peer/stats' && req.method === 'DELETE') {
    streams = [];
    tokensSent = 0;
    res.writeHead(204).end();
  } else if (req.method === 'POST' && path === '/v1/chat/completions') {
    const parts = [];
    req.on('data', (d) => parts.push(d));
    req.on('end', () => {
      let body;
      try {
        body = JSON.parse(Buffer.concat(parts).toString('utf8'));
      } catch (e) {
        json(res, 400, { error: { message: 'body is not JSON: ' + e.message, type: 'invalid_request_error' } });
        return;
      }
      if (!body.stream) {
        complete(res, body);
        return;
      }
      res.socket.setNoDelay(true);
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      schedule(new Stream(res, body, arrival));
    });
  } else {
    json(res, 404, { error: { message: `no route for ${req.method} ${path}` } });
  }
});
server.keepAliveTimeout = 120000;
server.headersTimeout = 130000;
server.listen(opts.port, opts.host, () => {
  console.log(`listening on http://${opts.host}:${server.address().port}/v1`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 500).unref();
  });
}
