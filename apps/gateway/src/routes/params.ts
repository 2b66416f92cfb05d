import { ParseUUIDPipe } from '@nestjs/common';
import { validationFailed } from '#platform';

/** Validates a path parameter as a UUID, answering 400 that names the parameter. */
export const uuid = (name: string) =>
  new ParseUUIDPipe({
    exceptionFactory: () => validationFailed([{ field: name, problems: [`${name} must be a UUID`] }]),
  });
