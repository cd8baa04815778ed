const express = require('express');
const axios = require('axios');
const serialize = require('node-serialize');
const libxmljs = require('libxmljs');
const User = require('./models/user');

const app = express();

app.get('/login/done', (req, res) => {
  // ruleid: open_redirect
  res.redirect(req.query.next);
});

app.get('/login/home', (req, res) => {
  // ok: open_redirect
  res.redirect('/home');
});

app.get('/preview', async (req, res) => {
  // ruleid: ssrf
  const page = await axios.get(req.query.url);
  // ruleid: ssrf
  const feed = await fetch(req.query.feed);
  // ok: ssrf
  const status = await axios.get('https://status.example.com/api');
  res.json({ page: page.data, feed: await feed.text(), status: status.data });
});

app.post('/session', (req, res) => {
  // ruleid: insecure_deserialization
  const session = serialize.unserialize(req.cookies.profile);
  // ok: insecure_deserialization
  const plain = JSON.parse(req.cookies.profile);
  res.json({ session, plain });
});

app.post('/xml', (req, res) => {
  // ruleid: xxe
  const doc = libxmljs.parseXml(req.body.xml, { noent: true });
  // ok: xxe
  const safe = libxmljs.parseXml(req.body.xml, { noent: false });
  res.send(doc.root().name() + safe.root().name());
});

app.post('/login', async (req, res) => {
  // ruleid: nosql_injection
  const user = await User.findOne({ name: req.body.name, password: req.body.password });
  // ok: nosql_injection
  const named = await User.findOne({ name: String(req.body.name) });
  res.json({ ok: Boolean(user), named });
});

const Router = require('@koa/router');
const router = new Router();

router.get('/out', (ctx) => {
  // ruleid: open_redirect
  ctx.redirect(ctx.query.to);
});

router.get('/home', (ctx) => {
  // ok: open_redirect
  ctx.redirect('/home');
});

app.get('/preview', async (req, res) => {
  // ruleid: ssrf
  request.get(req.query.url);
  // ok: ssrf
  request.get(`https://status.example.com/${req.query.service}`);
  // ruleid: ssrf
  await page.goto(req.query.target);
  // ok: ssrf
  await page.goto('https://example.com/');
  res.sendStatus(204);
});

app.post('/plugins/run', (req, res) => {
  const nodeVM = new NodeVM({ timeout: 1000 });
  // ruleid: code_injection
  nodeVM.run('module.exports = ' + req.body.expression);
  // ruleid: code_injection
  const script = new VMScript(`console.log(${req.query.input})`);
  // ok: code_injection
  nodeVM.run('module.exports = 42');
  res.sendStatus(204);
});
