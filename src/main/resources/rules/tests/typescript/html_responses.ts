import { Controller, Get, Header, Query } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

@Controller('pages')
export class PagesController {
  @Get('notice')
  @Header('Content-Type', 'text/html')
  notice(@Query('msg') msg: string) {
    // ruleid: xss
    return `<section class="notice">${msg}</section>`;
  }

  @Get('notice.json')
  noticeJson(@Query('msg') msg: string) {
    // ok: xss
    return `<section class="notice">${msg}</section>`;
  }
}

export default async function banner(app: FastifyInstance) {
  app.get<{ Querystring: { title: string } }>('/banner', async (request, reply) => {
    // ruleid: xss
    return reply.type('text/html').send(`<div class="banner">${request.query.title}</div>`);
  });
  app.get<{ Querystring: { title: string } }>('/banner.json', async (request, reply) => {
    // ok: xss
    return reply.send({ title: request.query.title });
  });
}
