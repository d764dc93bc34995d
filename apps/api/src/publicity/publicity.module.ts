import { Module } from '@nestjs/common';
import { Clock } from '../common/clock';
import { PublicityController } from './publicity.controller';
import { PublicityRepository } from './publicity.repository';

@Module({ controllers: [PublicityController], providers: [PublicityRepository, Clock], exports: [PublicityRepository] })
export class PublicityModule {}
