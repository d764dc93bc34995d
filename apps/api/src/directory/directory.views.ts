import { ApiProperty } from '@nestjs/swagger';

/** Someone a form lets you pick: an officer to assign a case to, a verifier to name on an application. */
export class DirectoryEntryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '王芳' }) name!: string;
}
