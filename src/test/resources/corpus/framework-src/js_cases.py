"""JavaScript/TypeScript: Node stdlib, Express, Koa, Fastify, NestJS, Next.js, React, Vue, Angular,
Sequelize, Prisma, Mongoose, node-serialize, libxmljs, axios, undici."""
from gen import twin, case, new, mod

JS, TS = "javascript", "typescript"

# ---------------- Node stdlib ----------------
twin("node-http", JS, "xss", "src/server.js", '''
const http = require('node:http');

http.createServer((req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`);
  const name = url.searchParams.get('name') || 'stranger';
  <<X>>
}).listen(8080);
''', '''
res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
res.end(`<h1>Hello ${name}</h1>`);⟪!⟫''', '''
res.writeHead(200, { 'Content-Type': 'application/json' });
res.end(JSON.stringify({ greeting: `Hello ${name}` }));''',
    "node:http server writes a query parameter into a text/html body",
    "answer is JSON with an application/json content type",
    "https://nodejs.org/api/http.html#responseenddata-encoding-callback")

twin("node-child_process", JS, "command_injection", "src/routes/thumbnails.js", '''
const { exec, execFile } = require('node:child_process');
const express = require('express');

const router = express.Router();

router.post('/thumbnails', (req, res) => {
  const { file, width } = req.body;
  <<X>>
});

module.exports = router;
''', '''
exec(`convert uploads/${file} -thumbnail ${width}x thumbs/${file}`, (err) => {⟪!⟫
  if (err) return res.status(500).json({ error: 'convert failed' });
  res.json({ ok: true });
});''', '''
execFile('convert', [`uploads/${file}`, '-thumbnail', `${Number(width)}x`, `thumbs/${file}`], (err) => {
  if (err) return res.status(500).json({ error: 'convert failed' });
  res.json({ ok: true });
});''',
    "child_process.exec runs a shell command line built from body fields",
    "execFile with an argument array spawns convert without a shell",
    "https://nodejs.org/api/child_process.html#child_processexeccommand-options-callback",
    neg_url="https://nodejs.org/api/child_process.html#child_processexecfilefile-args-options-callback")

twin("node-fs", JS, "path_traversal", "src/routes/attachments.js", '''
const fs = require('node:fs/promises');
const path = require('node:path');
const express = require('express');

const router = express.Router();
const ROOT = path.resolve(__dirname, '../../storage/attachments');

router.get('/attachments', async (req, res) => {
  <<X>>
  res.type('application/octet-stream').send(await fs.readFile(file));
});

module.exports = router;
''', 'const file = path.join(ROOT, req.query.name);⟪!⟫', '''
const file = path.resolve(ROOT, String(req.query.name));
if (!file.startsWith(ROOT + path.sep)) return res.sendStatus(404);''',
    "query parameter joined onto the attachment root and read with fs.readFile",
    "path.resolve then prefix check against the root plus separator",
    "https://nodejs.org/api/path.html#pathjoinpaths",
    neg_url="https://nodejs.org/api/path.html#pathresolvepaths")

twin("node-vm", JS, "code_injection", "src/routes/pricing.js", '''
const vm = require('node:vm');
const { evaluate } = require('mathjs');
const express = require('express');

const router = express.Router();

router.post('/pricing/preview', (req, res) => {
  const { formula, price, qty } = req.body;
  <<X>>
  res.json({ total });
});

module.exports = router;
''', 'const total = vm.runInNewContext(formula, { price, qty });⟪!⟫',
    'const total = evaluate(String(formula), { price: Number(price), qty: Number(qty) });',
    "request-supplied formula run as JavaScript with vm (the vm module is not a security mechanism)",
    "formula evaluated by the mathjs expression parser, which has no access to JavaScript",
    "https://nodejs.org/api/vm.html#vm-executing-javascript",
    neg_url="https://mathjs.org/docs/expressions/security.html")

# ---------------- Express ----------------
twin("express", JS, "xss", "src/routes/search.js", '''
const express = require('express');
const { searchProducts } = require('../services/catalog');

const router = express.Router();

router.get('/search', async (req, res) => {
  const results = await searchProducts(req.query.q);
  <<X>>
});

module.exports = router;
''', "res.send(`<h2>${results.length} results for ${req.query.q}</h2>`);⟪!⟫",
    'res.json({ query: req.query.q, results });',
    "res.send with a string answers text/html; the query is interpolated into it",
    "res.json answers application/json",
    "https://expressjs.com/en/4x/api.html#res.send",
    neg_url="https://expressjs.com/en/4x/api.html#res.json")

case("fw-javascript-express-send-object-xss-neg", JS, "xss", "negative", [
    new("src/routes/debug.js", '''
const express = require('express');

const router = express.Router();

router.get('/debug/echo', (req, res) => {
  res.send({ query: req.query, headers: { accept: req.get('accept') } });
});

module.exports = router;
''')], "res.send with an object serialises it as JSON (application/json), not HTML",
    "https://expressjs.com/en/4x/api.html#res.send")

twin("express", JS, "open_redirect", "src/routes/session.js", '''
const express = require('express');
const passport = require('passport');

const router = express.Router();

router.post('/login', passport.authenticate('local', { failureRedirect: '/login' }), (req, res) => {
  const returnTo = req.query.returnTo || '/';
  <<X>>
});

module.exports = router;
''', 'res.redirect(returnTo);⟪!⟫', '''
const safe = typeof returnTo === 'string' && returnTo.startsWith('/') && !returnTo.startsWith('//') && !returnTo.includes('\\\\');
res.redirect(safe ? returnTo : '/');''',
    "login handler redirects to the returnTo query parameter",
    "only same-site relative paths are accepted; protocol-relative and backslash forms fall back to /",
    "https://expressjs.com/en/4x/api.html#res.redirect",
    before="res.redirect('/');")

twin("express-axios", JS, "ssrf", "src/routes/unfurl.js", '''
const axios = require('axios');
const express = require('express');

const router = express.Router();
const ALLOWED_HOSTS = new Set(['github.com', 'gitlab.com']);

router.get('/unfurl', async (req, res) => {
  const target = req.query.url;
  <<X>>
  res.json({ title: extractTitle(response.data) });
});

module.exports = router;
''', 'const response = await axios.get(target, { timeout: 5000 });⟪!⟫', '''
const parsed = new URL(target);
if (parsed.protocol !== 'https:' || !ALLOWED_HOSTS.has(parsed.hostname)) return res.status(400).json({ error: 'host not allowed' });
const response = await axios.get(parsed.toString(), { timeout: 5000 });''',
    "axios.get on a URL from the query string",
    "protocol and hostname checked against an allow-list before the request",
    "https://axios-http.com/docs/api_intro")

twin("express-session", JS, "trust_boundary", "src/routes/preferences.js", '''
const express = require('express');

const router = express.Router();

router.post('/preferences', async (req, res) => {
  <<X>>
  res.redirect('/settings');
});

module.exports = router;
''', 'req.session.role = req.body.role;⟪!⟫', '''
const user = await User.findByPk(req.session.userId);
req.session.theme = user.theme;''',
    "body field stored in express-session as the user's role",
    "session value comes from the database row of the logged-in user",
    "https://github.com/expressjs/session#reqsession")

twin("express-mysql2", JS, "sql_injection", "src/routes/orders.js", '''
const express = require('express');
const pool = require('../db');

const router = express.Router();

router.get('/orders', async (req, res) => {
  <<X>>
  res.json(rows);
});

module.exports = router;
''', "const [rows] = await pool.query(`SELECT id, total FROM orders WHERE status = '${req.query.status}'`);⟪!⟫",
    "const [rows] = await pool.execute('SELECT id, total FROM orders WHERE status = ?', [req.query.status]);",
    "mysql2 query text built with a template literal containing a query parameter",
    "prepared statement with a ? placeholder",
    "https://sidorares.github.io/node-mysql2/docs/examples/queries/prepared-statements/select")

twin("node-serialize", JS, "insecure_deserialization", "src/middleware/profile.js", '''
const serialize = require('node-serialize');

module.exports = function loadProfile(req, res, next) {
  const raw = req.cookies.profile;
  if (!raw) return next();
  <<X>>
  next();
};
''', "req.profile = serialize.unserialize(Buffer.from(raw, 'base64').toString());⟪!⟫",
    "req.profile = JSON.parse(Buffer.from(raw, 'base64').toString());",
    "node-serialize unserialize on a cookie: serialized functions are executed (IIFE payloads)",
    "JSON.parse yields plain data only",
    "https://www.npmjs.com/package/node-serialize",
    neg_url="https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/JSON/parse")

twin("libxmljs", JS, "xxe", "src/routes/invoices-xml.js", '''
const express = require('express');
const libxmljs = require('libxmljs');

const router = express.Router();

router.post('/invoices/import', express.text({ type: 'application/xml' }), (req, res) => {
  <<X>>
  res.json({ number: doc.get('//invoice/number').text() });
});

module.exports = router;
''', 'const doc = libxmljs.parseXml(req.body, { noent: true });⟪!⟫', 'const doc = libxmljs.parseXml(req.body);',
    "libxmljs parses the request body with noent: true, substituting external entities",
    "default options: entities are not substituted",
    "https://github.com/libxmljs/libxmljs/wiki#parsexml")

twin("mongoose", JS, "nosql_injection", "src/routes/auth.js", '''
const express = require('express');
const User = require('../models/user');

const router = express.Router();

router.post('/api/login', async (req, res) => {
  <<X>>
  if (!user || !(await user.verifyPassword(String(req.body.password)))) return res.status(401).end();
  res.json({ id: user.id });
});

module.exports = router;
''', 'const user = await User.findOne({ email: req.body.email });⟪!⟫',
    'const user = await User.findOne({ email: String(req.body.email) });',
    "JSON body value used as a Mongoose filter value: {\"$ne\": null} selects the first user",
    "value coerced to a string before it enters the filter",
    "https://mongoosejs.com/docs/api/mongoose.html#Mongoose.prototype.sanitizeFilter()")

twin("mongoose-where", TS, "nosql_injection", "src/projects/projects.router.ts", '''
import { Router } from 'express';
import { Project } from './project.model';

export const projects = Router();

projects.get('/projects', async (req, res) => {
  const owner = String(req.query.owner ?? '');
  <<X>>
  res.json(list);
});
''', "const list = await Project.find({ $where: `this.owner === '${owner}'` });⟪!⟫",
    "const list = await Project.find().where('owner').equals(owner);",
    "$where JavaScript predicate built from a query parameter",
    "query builder equality on a field",
    "https://mongoosejs.com/docs/api/query.html#Query.prototype.$where()",
    neg_url="https://mongoosejs.com/docs/api/query.html#Query.prototype.equals()")

case("fw-javascript-jest-command_injection-neg", JS, "command_injection", "negative", [
    new("__tests__/archive.test.js", '''
const { execSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createArchive } = require('../src/archive');

let dir;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archive-')); });
afterEach(() => { execSync(`rm -rf ${dir}`); });

test('archives every file', async () => {
  fs.writeFileSync(path.join(dir, 'a.txt'), 'a');
  const out = await createArchive(dir);
  expect(out.entries).toEqual(['a.txt']);
});
''')], "Jest test cleans a temp directory it created with a shell command; no untrusted input",
    "https://jestjs.io/docs/setup-teardown")

# ---------------- Koa ----------------
twin("koa", JS, "xss", "src/routes/hello.js", '''
const Router = require('@koa/router');

const router = new Router();

router.get('/hello', (ctx) => {
  const name = ctx.query.name || 'world';
  <<X>>
});

module.exports = router;
''', '''
ctx.type = 'html';
ctx.body = `<p>Hello, ${name}</p>`;⟪!⟫''', "ctx.body = { greeting: `Hello, ${name}` };",
    "Koa response body is an HTML string containing a query parameter",
    "object body: Koa answers application/json",
    "https://koajs.com/#response-body")

twin("koa", JS, "open_redirect", "src/routes/out.js", '''
const Router = require('@koa/router');

const router = new Router();
const DESTINATIONS = { docs: 'https://docs.example.com', status: 'https://status.example.com' };

router.get('/out', (ctx) => {
  <<X>>
});

module.exports = router;
''', 'ctx.redirect(ctx.query.to);⟪!⟫', "ctx.redirect(DESTINATIONS[ctx.query.to] || '/');",
    "ctx.redirect to the to query parameter",
    "the parameter only selects one of a fixed map of destinations",
    "https://koajs.com/#response-redirect-url-alt-")

twin("koa-pg", JS, "sql_injection", "src/routes/invoices.js", '''
const Router = require('@koa/router');
const { pool } = require('../db');

const router = new Router();

router.get('/invoices/:customer', async (ctx) => {
  <<X>>
  ctx.body = rows;
});

module.exports = router;
''', "const { rows } = await pool.query(`SELECT * FROM invoices WHERE customer_id = '${ctx.params.customer}'`);⟪!⟫",
    "const { rows } = await pool.query('SELECT * FROM invoices WHERE customer_id = $1', [ctx.params.customer]);",
    "node-postgres query text built from a route parameter",
    "parameterized query with $1",
    "https://node-postgres.com/features/queries#parameterized-query")

twin("koa-https", JS, "ssrf", "src/routes/avatar.js", '''
const https = require('node:https');
const Router = require('@koa/router');

const router = new Router();
const AVATAR_HOST = 'avatars.example-cdn.com';

router.get('/avatar-proxy', async (ctx) => {
  const src = new URL(ctx.query.src);
  <<X>>
  ctx.type = 'image/png';
  ctx.body = upstream;
});

module.exports = router;
''', "const upstream = await new Promise((resolve, reject) => https.get(src, resolve).on('error', reject));⟪!⟫", '''
ctx.assert(src.protocol === 'https:' && src.hostname === AVATAR_HOST, 400, 'unsupported avatar host');
const upstream = await new Promise((resolve, reject) => https.get(src, resolve).on('error', reject));''',
    "https.get on a URL taken from the query string",
    "protocol and hostname must match the avatar CDN before the request",
    "https://nodejs.org/api/https.html#httpsgeturl-options-callback")

# ---------------- Fastify ----------------
twin("fastify", TS, "xss", "src/routes/banner.ts", '''
import type { FastifyInstance } from 'fastify';

export default async function banner(app: FastifyInstance) {
  app.get<{ Querystring: { title: string } }>('/banner', async (request, reply) => {
    <<X>>
  });
}
''', "return reply.type('text/html').send(`<div class=\"banner\">${request.query.title}</div>`);⟪!⟫",
    'return reply.send({ title: request.query.title });',
    "Fastify reply typed text/html with a query parameter in the body",
    "object payload serialised as JSON",
    "https://fastify.dev/docs/latest/Reference/Reply/#senddata")

twin("fastify", TS, "open_redirect", "src/routes/logout.ts", '''
import type { FastifyInstance } from 'fastify';

export default async function logout(app: FastifyInstance) {
  app.get<{ Querystring: { next?: string } }>('/logout', async (request, reply) => {
    await request.session.destroy();
    const next = request.query.next ?? '/';
    <<X>>
  });
}
''', 'return reply.redirect(next);⟪!⟫', '''
const target = /^\\/(?![\\/\\\\])/.test(next) ? next : '/';
return reply.redirect(target);''',
    "reply.redirect to the next query parameter",
    "only paths starting with a single slash are accepted",
    "https://fastify.dev/docs/latest/Reference/Reply/#redirectdest--code")

twin("fastify-undici", TS, "ssrf", "src/routes/webhooks.ts", '''
import type { FastifyInstance } from 'fastify';
import { request as httpRequest } from 'undici';

const ALLOWED = new Set(['hooks.slack.com', 'discord.com']);

export default async function webhooks(app: FastifyInstance) {
  app.post<{ Body: { callback: string } }>('/webhooks/ping', async (request, reply) => {
    const { callback } = request.body;
    <<X>>
    return { status: statusCode };
  });
}
''', "const { statusCode } = await httpRequest(callback, { method: 'POST', body: '{}' });⟪!⟫", '''
if (!ALLOWED.has(new URL(callback).hostname)) return reply.code(400).send({ error: 'host not allowed' });
const { statusCode } = await httpRequest(callback, { method: 'POST', body: '{}' });''',
    "undici request to a callback URL from the body",
    "callback host checked against an allow-list",
    "https://undici.nodejs.org/#/?id=undicirequesturl-options-promise")

# ---------------- NestJS ----------------
twin("nestjs-typeorm", TS, "sql_injection", "src/reports/reports.controller.ts", '''
import { Controller, Get, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Controller('reports')
export class ReportsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('revenue')
  revenue(@Query('region') region: string) {
    <<X>>
  }
}
''', "return this.dataSource.query(`SELECT month, SUM(total) FROM sales WHERE region = '${region}' GROUP BY month`);⟪!⟫",
    "return this.dataSource.query('SELECT month, SUM(total) FROM sales WHERE region = $1 GROUP BY month', [region]);",
    "TypeORM DataSource.query with a @Query parameter in the SQL text",
    "DataSource.query with a parameters array",
    "https://typeorm.io/docs/data-source/data-source-api/")

twin("nestjs", TS, "open_redirect", "src/auth/oauth.controller.ts", '''
import { Controller, Get, Query, Redirect } from '@nestjs/common';

@Controller('oauth')
export class OAuthController {
  @Get('done')
  @Redirect('/', 302)
  done(@Query('state') state: string) {
    <<X>>
  }
}
''', 'return { url: state };⟪!⟫', "return { url: state === 'settings' ? '/settings' : '/' };",
    "@Redirect handler returns the state query parameter as the target URL",
    "the parameter selects one of two internal paths",
    "https://docs.nestjs.com/controllers#redirection")

twin("nestjs-http", TS, "ssrf", "src/integrations/integrations.controller.ts", '''
import { BadRequestException, Body, Controller, Post } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { firstValueFrom } from 'rxjs';

const ALLOWED = ['api.stripe.com', 'api.github.com'];

@Controller('integrations')
export class IntegrationsController {
  constructor(private readonly http: HttpService) {}

  @Post('probe')
  async probe(@Body('endpoint') endpoint: string) {
    <<X>>
    return { status: res.status };
  }
}
''', 'const res = await firstValueFrom(this.http.get(endpoint));⟪!⟫', '''
if (!ALLOWED.includes(new URL(endpoint).hostname)) throw new BadRequestException('endpoint not allowed');
const res = await firstValueFrom(this.http.get(endpoint));''',
    "HttpService.get on an endpoint URL from the request body",
    "endpoint host must be one of two known APIs",
    "https://docs.nestjs.com/techniques/http-module")

twin("nestjs", TS, "xss", "src/pages/pages.controller.ts", '''
import { Controller, Get, Header, Query } from '@nestjs/common';

@Controller('pages')
export class PagesController {
  @Get('notice')
  <<X>>
}
''', '''
@Header('Content-Type', 'text/html')
notice(@Query('msg') msg: string) {
  return `<section class="notice">${msg}</section>`;⟪!⟫
}''', '''
notice(@Query('msg') msg: string) {
  return { notice: msg };
}''',
    "handler declares text/html and returns a string containing a query parameter",
    "returned object is serialised to JSON by Nest",
    "https://docs.nestjs.com/controllers#headers")

# ---------------- Next.js ----------------
twin("nextjs", TS, "open_redirect", "app/auth/callback/route.ts", '''
import { NextRequest, NextResponse } from 'next/server';

export async function GET(request: NextRequest) {
  const callbackUrl = request.nextUrl.searchParams.get('callbackUrl') ?? '/';
  await completeSignIn(request);
  <<X>>
}
''', 'return NextResponse.redirect(new URL(callbackUrl, request.url));⟪!⟫', '''
const path = callbackUrl.startsWith('/') && !callbackUrl.startsWith('//') ? callbackUrl : '/';
return NextResponse.redirect(new URL(path, request.url));''',
    "new URL(callbackUrl, base) keeps an absolute callbackUrl, so the redirect can leave the site",
    "only same-origin paths are resolved against the request URL",
    "https://nextjs.org/docs/app/api-reference/functions/next-response#redirect")

twin("nextjs", TS, "ssrf", "app/api/og-image/route.ts", '''
import { NextRequest } from 'next/server';

const IMAGE_HOSTS = new Set(['images.example-cdn.com']);

export async function GET(request: NextRequest) {
  const src = request.nextUrl.searchParams.get('src') ?? '';
  <<X>>
  return new Response(upstream.body, { headers: { 'Content-Type': 'image/png' } });
}
''', 'const upstream = await fetch(src);⟪!⟫', '''
if (!IMAGE_HOSTS.has(new URL(src).hostname)) return new Response('bad host', { status: 400 });
const upstream = await fetch(src);''',
    "route handler fetches a URL taken from the query string",
    "host checked against an allow-list first",
    "https://nextjs.org/docs/app/building-your-application/routing/route-handlers")

twin("nextjs-prisma", TS, "sql_injection", "pages/api/posts.ts", '''
import type { NextApiRequest, NextApiResponse } from 'next';
import { prisma } from '../../lib/prisma';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const tag = String(req.query.tag ?? '');
  <<X>>
  res.status(200).json(posts);
}
''', "const posts = await prisma.$queryRawUnsafe(`SELECT id, title FROM \"Post\" WHERE tag = '${tag}'`);⟪!⟫",
    'const posts = await prisma.$queryRaw`SELECT id, title FROM "Post" WHERE tag = ${tag}`;',
    "$queryRawUnsafe with a template literal: the tag is part of the SQL text",
    "$queryRaw tagged template sends the tag as a bound parameter",
    "https://www.prisma.io/docs/orm/prisma-client/using-raw-sql/raw-queries#queryrawunsafe",
    neg_url="https://www.prisma.io/docs/orm/prisma-client/using-raw-sql/raw-queries#queryraw")

twin("prisma-execute", TS, "sql_injection", "src/admin/cleanup.service.ts", '''
import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';

@Injectable()
export class CleanupService {
  constructor(private readonly prisma: PrismaService) {}

  purgeTenant(tenantId: string) {
    <<X>>
  }
}
''', "return this.prisma.$executeRawUnsafe(`DELETE FROM \"Session\" WHERE \"tenantId\" = '${tenantId}'`);⟪!⟫",
    'return this.prisma.$executeRaw`DELETE FROM "Session" WHERE "tenantId" = ${tenantId}`;',
    "$executeRawUnsafe with the tenant id inside the SQL text (service method called from a controller)",
    "$executeRaw tagged template binds the value",
    "https://www.prisma.io/docs/orm/prisma-client/using-raw-sql/raw-queries#executerawunsafe")

# ---------------- React / Vue / Angular ----------------
twin("react", TS, "xss", "src/components/FlashMessage.tsx", '''
import { useSearchParams } from 'react-router-dom';

export function FlashMessage() {
  const [params] = useSearchParams();
  const message = params.get('flash') ?? '';
  if (!message) return null;
  <<X>>
}
''', 'return <div className="flash" dangerouslySetInnerHTML={{ __html: message }} />;⟪!⟫',
    'return <div className="flash">{message}</div>;',
    "dangerouslySetInnerHTML with a value read from the URL query",
    "JSX text children are escaped by React",
    "https://react.dev/reference/react-dom/components/common#dangerously-setting-the-inner-html")

twin("react-dompurify", JS, "xss", "src/components/RichPreview.jsx", '''
import DOMPurify from 'dompurify';

export default function RichPreview({ location }) {
  const html = new URLSearchParams(location.search).get('preview') || '';
  <<X>>
}
''', 'return <article dangerouslySetInnerHTML={{ __html: html }} />;⟪!⟫',
    'return <article dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(html) }} />;',
    "URL parameter rendered as raw HTML",
    "markup passes through DOMPurify.sanitize before it is set",
    "https://react.dev/reference/react-dom/components/common#dangerously-setting-the-inner-html",
    neg_url="https://github.com/cure53/DOMPurify#how-do-i-use-it")

twin("vue", JS, "xss", "src/views/Announcement.vue", '''
<template>
  <section class="announcement">
    <<X>>
  </section>
</template>

<script setup>
import { useRoute } from 'vue-router';

const route = useRoute();
const banner = route.query.banner ?? '';
</script>
''', '<div v-html="banner"></div>⟪!⟫', '<div>{{ banner }}</div>',
    "v-html renders a route query value as HTML",
    "mustache interpolation is HTML-escaped by Vue",
    "https://vuejs.org/guide/best-practices/security.html#html-injection")

twin("angular", TS, "xss", "src/app/embed/embed.component.ts", '''
import { Component, inject } from '@angular/core';
import { ActivatedRoute } from '@angular/router';
import { DomSanitizer, SafeResourceUrl } from '@angular/platform-browser';

@Component({
  selector: 'app-embed',
  template: '<iframe [src]="src" width="640" height="360"></iframe>',
})
export class EmbedComponent {
  private route = inject(ActivatedRoute);
  private sanitizer = inject(DomSanitizer);
  src: SafeResourceUrl;

  constructor() {
    const video = this.route.snapshot.queryParamMap.get('video') ?? '';
    <<X>>
  }
}
''', 'this.src = this.sanitizer.bypassSecurityTrustResourceUrl(video);⟪!⟫',
    'this.src = this.sanitizer.bypassSecurityTrustResourceUrl(`https://www.youtube-nocookie.com/embed/${encodeURIComponent(video)}`);',
    "a query parameter is trusted as an iframe resource URL (javascript: or any origin)",
    "only the encoded video id is placed into a fixed embed origin and path",
    "https://angular.dev/best-practices/security#bypass-security-apis")

twin("angular-innerhtml", TS, "xss", "src/app/notes/note.component.ts", '''
import { Component, inject } from '@angular/core';
import { ActivatedRoute } from '@angular/router';
import { DomSanitizer, SafeHtml } from '@angular/platform-browser';

@Component({
  selector: 'app-note',
  template: '<div class="note" [innerHTML]="body"></div>',
})
export class NoteComponent {
  private sanitizer = inject(DomSanitizer);
  body: SafeHtml | string = '';

  constructor(route: ActivatedRoute) {
    route.queryParamMap.subscribe((p) => {
      <<X>>
    });
  }
}
''', "this.body = this.sanitizer.bypassSecurityTrustHtml(p.get('body') ?? '');⟪!⟫",
    "this.body = p.get('body') ?? '';",
    "bypassSecurityTrustHtml on a query parameter disables Angular's sanitisation",
    "plain string bound to [innerHTML]: Angular sanitises it automatically",
    "https://angular.dev/best-practices/security#sanitization-and-security-contexts")

# ---------------- Sequelize ----------------
twin("sequelize", JS, "sql_injection", "src/routes/members.js", '''
const express = require('express');
const { QueryTypes } = require('sequelize');
const { sequelize } = require('../models');

const router = express.Router();

router.get('/members', async (req, res) => {
  <<X>>
  res.json(members);
});

module.exports = router;
''', "const members = await sequelize.query(`SELECT id, name FROM members WHERE email = '${req.query.email}'`, { type: QueryTypes.SELECT });⟪!⟫",
    "const members = await sequelize.query('SELECT id, name FROM members WHERE email = :email', { replacements: { email: req.query.email }, type: QueryTypes.SELECT });",
    "sequelize.query with the email query parameter interpolated",
    "named replacement :email is escaped by Sequelize",
    "https://sequelize.org/docs/v6/core-concepts/raw-queries/#replacements")

twin("sequelize-literal", TS, "sql_injection", "src/controllers/products.controller.ts", '''
import { Request, Response } from 'express';
import { Sequelize } from 'sequelize';
import { Product } from '../models/product';

const SORTS: Record<string, [string, string]> = { price: ['price', 'ASC'], newest: ['createdAt', 'DESC'] };

export async function listProducts(req: Request, res: Response) {
  const sort = String(req.query.sort ?? 'newest');
  <<X>>
  res.json(products);
}
''', "const products = await Product.findAll({ order: Sequelize.literal(`${sort} DESC`) });⟪!⟫",
    "const products = await Product.findAll({ order: [SORTS[sort] ?? SORTS.newest] });",
    "Sequelize literal() puts the sort parameter into the ORDER BY",
    "sort key selects one of a fixed set of order pairs",
    "https://sequelize.org/docs/v6/core-concepts/model-querying-basics/#ordering")

# ---------------- removed guards (expected on the old side) ----------------
case("fw-javascript-express-removed-guard-open_redirect-pos", JS, "open_redirect", "positive", [
    mod("src/routes/session.js", '''
router.post('/login', passport.authenticate('local', { failureRedirect: '/login' }), (req, res) => {
  const returnTo = req.query.returnTo || '/';
  const safe = typeof returnTo === 'string' && returnTo.startsWith('/') && !returnTo.startsWith('//');⟪-!⟫
  res.redirect(safe ? returnTo : '/');
});
''', '''
router.post('/login', passport.authenticate('local', { failureRedirect: '/login' }), (req, res) => {
  const returnTo = req.query.returnTo || '/';
  res.redirect(returnTo);
});
''', start=6)], "the diff deletes the local-path check before res.redirect; reported on the removed check",
    "https://expressjs.com/en/4x/api.html#res.redirect")
