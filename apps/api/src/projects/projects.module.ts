import { Module } from '@nestjs/common';
import { ProjectsController, PublicProjectsController } from './projects.controller';
import { ProjectsRepository } from './projects.repository';

@Module({ controllers: [ProjectsController, PublicProjectsController], providers: [ProjectsRepository], exports: [ProjectsRepository] })
export class ProjectsModule {}
