import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The one JSON shape of every error this API returns. */
export class ErrorResponse {
  @ApiProperty({ example: 409 }) statusCode!: number;
  @ApiProperty({ example: 'WRONG_STATE', description: 'Stable machine-readable code' }) code!: string;
  @ApiProperty({ example: 'Cannot review a case that is in_publicity. Allowed now: claim, assign, dismissComment, closePublicity.' })
  message!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) details?: Record<string, unknown>;
}
