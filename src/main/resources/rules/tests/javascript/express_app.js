const express = require('express');
const { exec, execFile } = require('child_process');
const fs = require('fs');
const app = express();

app.get('/ping', (req, res) => {
  const host = req.query.host;
  // ruleid: command_injection
  exec('ping -c 1 ' + host, (err, out) => res.send(out));
  // ok: command_injection
  execFile('ping', ['-c', '1', host], (err, out) => res.send(out));
});

app.get('/file', (req, res) => {
  // ruleid: path_traversal
  fs.readFile('/srv/files/' + req.query.name, (err, data) => res.send(data));
});

app.get('/hello', (req, res) => {
  // ruleid: xss
  res.send('<h1>Hello ' + req.query.name + '</h1>');
});

app.get('/calc', (req, res) => {
  // ruleid: code_injection
  res.json({ value: eval(req.query.expr) });
});
