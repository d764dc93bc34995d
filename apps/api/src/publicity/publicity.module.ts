import { Module } from '@nestjs/common';
import { PublicityController } from './publicity.controller';
import { PublicityRepository } from './publicity.repository';

@Module({ controllers: [PublicityController], providers: [PublicityRepository], exports: [PublicityRepository] })
export class PublicityModule {}
