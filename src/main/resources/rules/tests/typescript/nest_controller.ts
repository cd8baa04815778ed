import { Controller, Get, Query } from '@nestjs/common';
import { exec } from 'child_process';
import * as fs from 'fs';

@Controller('files')
export class FilesController {
  constructor(private readonly db: any) {}

  @Get('read')
  read(@Query('name') name: string) {
    // ruleid: path_traversal
    return fs.readFileSync('/srv/files/' + name, 'utf8');
  }

  @Get('users')
  async users(@Query('name') name: string) {
    // ruleid: sql_injection
    return this.db.query(`SELECT * FROM users WHERE name = '${name}'`);
  }

  @Get('ping')
  ping(@Query('host') host: string) {
    // ruleid: command_injection
    exec(`ping -c 1 ${host}`);
  }
}
