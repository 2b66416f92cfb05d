import { MessagePattern } from '@nestjs/microservices';
import type { CommandSubject, ReplyOf, RequestOf } from '#contracts';

/** A NATS handler method for `S`: it takes the subject's request and answers its reply. */
export type CommandHandlerMethod<S extends CommandSubject> = (
  request: RequestOf<S>,
  ...rest: never[]
) => Promise<ReplyOf<S>> | ReplyOf<S>;

/**
 * `@MessagePattern(subject)` that also checks the method against `CommandMap` in contracts:
 * a handler whose payload or reply type disagrees with the map (and so with every caller)
 * does not compile. The payload parameter keeps its own class, which the validation pipe reads.
 */
export function Handles<S extends CommandSubject>(subject: S) {
  return <M extends CommandHandlerMethod<S>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    MessagePattern(subject)(target, key, descriptor);
  };
}
