import { createZodDto } from './zod-dto';
import { z } from 'zod';
import { uuid } from './schemas';

export class IdParam extends createZodDto(z.object({ id: uuid() })) {}
