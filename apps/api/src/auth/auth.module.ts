import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { AUTH_CONFIG, authConfig } from './auth-config';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { PasswordHasher } from './password-hasher';
import { SessionsRepository } from './sessions.repository';
import { TokenService } from './token.service';
import { UserStateCache } from './user-state.cache';
import { UsersRepository } from './users.repository';

/** Identity (ROLE-1): who is calling, checked on every request against the user's state now. */
@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      useFactory: () => {
        const secret = process.env.JWT_SECRET;
        if (!secret || secret.length < 32) throw new Error('JWT_SECRET must be set to at least 32 characters (scripts/up.sh generates one).');
        // A KeyObject made once: given a string, jsonwebtoken first tries it as a PEM public key on every verify (an
        // exception per request, about 1 ms of the event loop under load: issue 9's profile), then as a secret.
        return { secret: createSecretKey(Buffer.from(secret, 'utf8')), signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } };
      },
    }),
  ],
  controllers: [AuthController],
  providers: [
    { provide: AUTH_CONFIG, useFactory: () => authConfig() },
    TokenService,
    PasswordHasher,
    UsersRepository,
    SessionsRepository,
    UserStateCache,
    AuthService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AUTH_CONFIG, TokenService, PasswordHasher, UsersRepository, UserStateCache, AuthService],
})
export class AuthModule {}
