import { Module } from '@nestjs/common';
import { PersistenceModule } from '../../../../libs/persistence/src/persistence.module';
import { AuthModule } from '../auth/auth.module';
import { MethodologiesModule } from '../methodologies/methodologies.module';
import { OrganisationsModule } from '../organisations/organisations.module';

/** The smallest context the seed needs: database, token signing, organisations, methodologies. */
@Module({ imports: [PersistenceModule, AuthModule, OrganisationsModule, MethodologiesModule] })
export class SeedModule {}
