import { DomainError } from '../errors';

/**
 * One explicit transition table per case type (style practice 8). Built from the table, the two
 * questions every caller asks: what may happen now, and "may this happen now?" — answered with a
 * WRONG_STATE message a person can act on (the state, and what is allowed in it).
 */
export function transitionTable<S extends string, A extends string>(actions: readonly A[], allowed: Record<A, readonly S[]>) {
  const allowedActions = (status: S): A[] => actions.filter((a) => allowed[a].includes(status));
  const assertAllowed = (status: S, action: A): void => {
    if (allowed[action].includes(status)) return;
    const now = allowedActions(status);
    throw new DomainError(
      'WRONG_STATE',
      `Cannot ${action} a case that is ${status}. ` +
        (now.length ? `Allowed now: ${now.join(', ')}.` : 'The case is closed; nothing more can be done.'),
      { status, action, allowed: now },
    );
  };
  return { allowedActions, assertAllowed };
}
