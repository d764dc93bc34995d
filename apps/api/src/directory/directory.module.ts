import { Module } from '@nestjs/common';
import { DirectoryController } from './directory.controller';
import { DirectoryRepository } from './directory.repository';

/** Names for the console's pickers (officers to assign, verifiers to name). */
@Module({ controllers: [DirectoryController], providers: [DirectoryRepository] })
export class DirectoryModule {}
