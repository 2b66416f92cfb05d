import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from '#contracts';
import { DomainError } from './domain-error.js';

/** Flattens nested class-validator errors to `lines[0].quantity: must be ...` entries. */
export function toFieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = /^\d+$/.test(error.property)
      ? `${prefix}[${error.property}]`
      : prefix
        ? `${prefix}.${error.property}`
        : error.property;
    if (error.constraints) out.push({ field, problems: Object.values(error.constraints) });
    if (error.children?.length) out.push(...toFieldErrors(error.children, field));
  }
  return out;
}

export function validationFailed(fields: FieldError[]): DomainError {
  const summary = fields.map((f) => `${f.field}: ${f.problems.join(', ')}`).join('; ');
  return new DomainError('VALIDATION_FAILED', `Invalid request: ${summary}`, { fields });
}

/** The one validation pipe every edge uses: strict, transforming, and errors naming each field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(toFieldErrors(errors)),
  });
}
