import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Allow, CurrentPrincipal, type Principal } from '../auth/principal';
import { Permission } from '../auth/permissions';
import { ExplainBodyDto, ExplainReplyDto } from './dialplan.dto';
import { DialplanService } from './dialplan.service';

@ApiTags('dialplan')
@ApiBearerAuth()
@Controller('dialplan')
export class DialplanController {
  constructor(private readonly dialplan: DialplanService) {}

  @Post('explain')
  @HttpCode(200)
  @Allow(Permission.DialplanExplain)
  @ApiOperation({
    summary: 'What a call from this extension to these digits would do now',
    description:
      'Asked live from the routing service, which answers with the same decision it routes calls with: the kind of number, ' +
      'the normalised (E.164) number and its category, whether the extension’s class of service and daily spend limit allow it ' +
      '(else the reason the phone would hear), the outbound route, the gateways in the order a call tries them with the rate ' +
      'each would charge, and the caller ID presented. Channel and concurrent-call limits are not considered (they depend on ' +
      'the calls up at the moment). 503 when routing does not answer in time.',
  })
  @ApiOkResponse({ type: ExplainReplyDto })
  @ApiUnprocessableEntityResponse({ description: 'Invalid body (problem+json naming the field)' })
  @ApiNotFoundResponse({ description: 'No such extension in your tenant (or your sites)' })
  @ApiServiceUnavailableResponse({ description: 'The routing service did not answer (problem+json)' })
  explain(@CurrentPrincipal() p: Principal, @Body() body: ExplainBodyDto) {
    return this.dialplan.explain(p, body);
  }
}
