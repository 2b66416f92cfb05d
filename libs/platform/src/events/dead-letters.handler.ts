import { Controller, Inject, type Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  DeadLetterIdRequest,
  type DeadLetterPage,
  type DeadLetterService,
  deadLetterSubjects,
  type DeadLetterView,
  DiscardDeadLetterRequest,
  ListDeadLettersRequest,
} from '#contracts';
import { currentContext } from '../context/request-context.js';
import { AllowRoles } from '../nats/allow-roles.js';
import { DeadLetters, type DeadLetterView as StoredDeadLetter } from './dead-letters.js';

/**
 * The NATS edge of a service's dead letters (`<service>.dead-letters.list|replay|discard`,
 * admins only); the platform module adds it to every service with event consumers.
 */
export function deadLettersHandler(service: DeadLetterService): Type {
  const subjects = deadLetterSubjects(service);
  const named = (letter: StoredDeadLetter): DeadLetterView => ({ ...letter, service });
  const by = (): string => currentContext()?.caller?.actorId ?? 'unknown';

  @Controller()
  class DeadLettersHandler {
    constructor(@Inject(DeadLetters) private readonly deadLetters: DeadLetters) {}

    @MessagePattern(subjects.listDeadLetters)
    @AllowRoles('admin')
    async list(@Payload() request: ListDeadLettersRequest): Promise<DeadLetterPage> {
      const page = await this.deadLetters.list(request);
      return { ...page, items: page.items.map(named) };
    }

    @MessagePattern(subjects.replayDeadLetter)
    @AllowRoles('admin')
    async replay(@Payload() request: DeadLetterIdRequest): Promise<DeadLetterView> {
      return named(await this.deadLetters.replay(request.id, by()));
    }

    @MessagePattern(subjects.discardDeadLetter)
    @AllowRoles('admin')
    async discard(@Payload() request: DiscardDeadLetterRequest): Promise<DeadLetterView> {
      return named(await this.deadLetters.discard(request.id, request.reason, by()));
    }
  }
  return DeadLettersHandler;
}
