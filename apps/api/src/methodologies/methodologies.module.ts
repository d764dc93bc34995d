import { Module } from '@nestjs/common';
import { MethodologiesController } from './methodologies.controller';
import { MethodologiesRepository } from './methodologies.repository';

@Module({ controllers: [MethodologiesController], providers: [MethodologiesRepository], exports: [MethodologiesRepository] })
export class MethodologiesModule {}
