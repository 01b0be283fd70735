import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import { renderMoneyIn } from './money';

/** The one place response amounts are rendered: every handler's result passes through it. */
@Injectable()
export class MoneyInterceptor implements NestInterceptor {
  intercept(_ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(map((body: unknown) => renderMoneyIn(body)));
  }
}
