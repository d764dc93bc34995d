import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { ApiError, newIdempotencyKey } from '../api/client';

/**
 * An action a person takes (a form submission): sent with an Idempotency-Key that stays the same until it
 * succeeds, so clicking again after a network error or a timeout acts once. The API's refusal (code and
 * message) is the error the form shows. On success the listed queries are refreshed.
 */
export function useAction<A, R>(send: (args: A, idempotencyKey: string) => Promise<R>, refresh: readonly unknown[][] = []) {
  const key = useRef<string | null>(null);
  const queries = useQueryClient();
  return useMutation<R, ApiError, A>({
    mutationFn: (args) => {
      key.current ??= newIdempotencyKey();
      return send(args, key.current);
    },
    onSuccess: async () => {
      key.current = null;
      await Promise.all(refresh.map((queryKey) => queries.invalidateQueries({ queryKey })));
    },
    onError: (e) => {
      // A refusal the API answered for certain (4xx other than a busy case) ends this attempt: a new key next time.
      if (e instanceof ApiError && e.status < 500 && e.code !== 'BUSY') key.current = null;
    },
  });
}
