import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { cleanupOpenApiDoc, ZodValidationPipe } from 'nestjs-zod';
import { json, text, type NextFunction, type Request, type Response } from 'express';
import type { AccountsConfig } from './accounts.config';
import { AppModule, OPS_PATHS } from './app.module';
import { AccountsMetrics } from './metrics/http-metrics';
import './common/schemas';
import { toProblem } from './common/problem-details.filter';
import { PROBLEM_CONTENT_TYPE } from './common/problem';
import { serveConsole } from './console-static';

export const API_PREFIX = 'api/v1';

export function buildOpenApi(app: NestExpressApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Branchline accounts API')
    .setDescription(
      'Provisioning for the Branchline PBX: tenants, branch offices, extensions, gateways, rates, routes, DIDs, ' +
        'conference rooms, users and API keys; call records for finance. Errors are RFC 7807 problem+json. ' +
        'Money is a decimal string with exactly five places ("0.02250") in every response; requests take a decimal ' +
        'string or a JSON number. Date-only query values are local calendar days (see GET /cdrs).',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A JWT from POST /api/v1/auth/login, or an API key' })
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
    .build();
  return cleanupOpenApiDoc(SwaggerModule.createDocument(app, config));
}

/** Builds the HTTP app exactly as production runs it; tests call this too. */
export async function createAccountsApp(config: AccountsConfig, options: { logger?: boolean } = {}) {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    bufferLogs: true,
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  else app.useLogger(false);
  app.enableShutdownHooks();
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  // first, so every request is timed, whatever answers it (a body-parser error, a guard, a handler)
  app.use(app.get(AccountsMetrics).middleware());
  // CSV imports are bigger than any JSON body; each gets its own limit.
  app.use(`/${API_PREFIX}/sites/:siteId/extensions/import`, text({ type: 'text/csv', limit: config.IMPORT_BODY_LIMIT }));
  app.use(`/${API_PREFIX}/reconciliations`, text({ type: 'text/csv', limit: config.IMPORT_BODY_LIMIT }));
  app.use(json({ limit: config.BODY_LIMIT }));
  // body-parser errors happen before Nest's filters see the request.
  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const body = toProblem(err);
    res.status(body.status).type(PROBLEM_CONTENT_TYPE).json({ ...body, instance: req.originalUrl });
  });
  serveConsole(app, config.CONSOLE_DIR);
  app.setGlobalPrefix(API_PREFIX, { exclude: OPS_PATHS.map((p) => p.slice(1)) });
  app.useGlobalPipes(new ZodValidationPipe());
  SwaggerModule.setup('docs', app, () => buildOpenApi(app), { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
