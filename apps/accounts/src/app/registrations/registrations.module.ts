import { Module } from '@nestjs/common';
import { RegistrarClient, registrarBusProvider } from './registrar.client';
import { RegistrationController } from './registration.controller';
import { RegistrationRepository } from './registration.repository';
import { RegistrationService } from './registration.service';

/** Live registration state, asked from the registrar over the Redis bus; extensions show it too. */
@Module({
  controllers: [RegistrationController],
  providers: [registrarBusProvider, RegistrarClient, RegistrationService, RegistrationRepository],
  exports: [RegistrarClient],
})
export class RegistrationsModule {}
