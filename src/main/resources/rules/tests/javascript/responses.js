const http = require('node:http');
const express = require('express');
const Router = require('@koa/router');

const app = express();

app.get('/debug/echo', (req, res) => {
  // ok: xss
  res.send({ query: req.query, headers: { accept: req.get('accept') } });
});

app.get('/debug/query', (req, res) => {
  // ok: xss
  res.send(req.query);
});

app.get('/list', (req, res) => {
  // ok: xss
  res.send([req.query.a, req.query.b]);
});

app.get('/hello', (req, res) => {
  // ruleid: xss
  res.send(req.query.name);
});

http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  res.writeHead(200, { 'Content-Type': 'application/json' });
  // ok: xss
  res.end(JSON.stringify({ greeting: url.searchParams.get('name') }));
}).listen(8080);

http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  // ruleid: xss
  res.end(url.searchParams.get('name'));
}).listen(8081);

const router = new Router();

router.get('/hi', (ctx) => {
  const name = ctx.query.name || 'world';
  ctx.type = 'html';
  // ruleid: xss
  ctx.body = `<p>Hello, ${name}</p>`;
});

router.get('/hi.json', (ctx) => {
  const name = ctx.query.name || 'world';
  // ok: xss
  ctx.body = { greeting: `Hello, ${name}` };
});
