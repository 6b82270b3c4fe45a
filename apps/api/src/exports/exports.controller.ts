import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Caller, notFound } from '@app/core';
import { CONTENT_TYPES } from '@app/pdf';
import { Public } from '../auth/auth.decorators';
import { requestToken } from '../auth/auth.guard';
import { AuthService } from '../auth/auth.service';
import { ExportsService } from './exports.service';

/**
 * GET /exports/:id/download (ExportFile.downloadPath): the stored bytes, for anyone allowed to
 * export for the file's school. Everyone else (no or bad token, another school, a teacher, an
 * unknown or malformed id) gets the same 404: the answer does not reveal that the file exists.
 */
@Controller('exports')
export class ExportsController {
  constructor(
    private readonly auth: AuthService,
    private readonly service: ExportsService,
  ) {}

  // public to the guard: it authenticates here, so that a missing or bad token gets the same 404
  @Public()
  @Get(':id/download')
  async download(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const caller = await this.caller(req);
    const file = caller ? await this.service.findForDownload(caller, id) : null;
    if (!file) throw notFound('Export');
    res.status(200);
    res.setHeader('Content-Type', CONTENT_TYPES[file.format]);
    res.setHeader('Content-Length', String(file.content.length));
    res.setHeader('Content-Disposition', contentDisposition(file.fileName));
    // RFC 9530: lets the recipient check the bytes against the sha256 the API reports
    res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
    res.setHeader('Cache-Control', 'private, no-store');
    res.end(file.content);
  }

  /** The bearer header or the web app's session cookie (a download link opened in the browser). */
  private async caller(req: Request): Promise<Caller | null> {
    const token = requestToken(req);
    if (!token) return null;
    try {
      return await this.auth.authenticate(token);
    } catch {
      return null;
    }
  }
}

/** attachment; filename="…" (ASCII fallback); filename*=UTF-8''… (RFC 6266 / 5987). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
