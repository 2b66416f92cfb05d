import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiSecurity,
  getSchemaPath,
} from '@nestjs/swagger';

/** The body of every error answer (RFC 9457 application/problem+json). */
export class ProblemDetails {
  @ApiProperty({ example: 'urn:o2c:error:validation-failed' }) type: string;
  @ApiProperty({ example: 'Validation failed' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiProperty({ example: 'Invalid request: lines[0].quantity: quantity must not be less than 1' }) detail: string;
  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Stable error code' }) code: string;
  @ApiPropertyOptional({
    description: 'For VALIDATION_FAILED: each bad field and its problems',
    example: [{ field: 'lines[0].quantity', problems: ['quantity must not be less than 1'] }],
  })
  errors?: Array<{ field: string; problems: string[] }>;
  @ApiPropertyOptional() details?: object;
  @ApiProperty() requestId: string;
  @ApiProperty({ example: '/orders' }) instance: string;
}

const problem = (status: number, description: string) =>
  ApiResponse({
    status,
    description,
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetails) } } },
  });

/** The errors every authenticated route can answer. */
export const ApiStandardErrors = () =>
  applyDecorators(
    ApiExtraModels(ProblemDetails),
    ApiSecurity('api-key'),
    ApiSecurity('bearer'),
    problem(400, 'The request is invalid; `errors` names each bad field'),
    problem(401, 'No API key, or an invalid or revoked one'),
    problem(403, "The key's role may not call this route"),
    problem(503, 'The service behind this route is not running'),
    problem(504, 'The service behind this route did not answer in time'),
  );

export const ApiNotFound = (what: string) => problem(404, `${what} does not exist`);
export const ApiConflict = (what: string) => problem(409, what);
export const ApiUnprocessable = (what: string) => problem(422, what);

/** A paged list of `model`: `{ items, total, limit, offset }`. */
export const ApiPage = (model: Type<unknown>) =>
  applyDecorators(
    ApiExtraModels(model),
    ApiOkResponse({
      schema: {
        type: 'object',
        required: ['items', 'total', 'limit', 'offset'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(model) } },
          total: { type: 'integer' },
          limit: { type: 'integer' },
          offset: { type: 'integer' },
        },
      },
    }),
  );
