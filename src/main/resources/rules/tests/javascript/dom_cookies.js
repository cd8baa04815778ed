const express = require('express');
const app = express();

function render(comment) {
  const li = document.createElement('li');
  // ruleid: xss
  li.innerHTML = '<b>' + location.hash.slice(1) + '</b>';
  // ok: xss
  li.textContent = comment.author;
  return li;
}

app.post('/login', (req, res) => {
  // ruleid: insecure_cookie
  res.cookie('session', req.body.token);
  // ok: insecure_cookie
  res.cookie('session', req.body.token, { secure: true, httpOnly: true, sameSite: 'lax' });
  res.end();
});
