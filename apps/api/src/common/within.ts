/**
 * `work`, or `timeoutError()` once `ms` have passed, whichever comes first. The work is not cancelled (give it
 * its own deadline too); its late failure is swallowed by the race.
 */
export async function within<T>(ms: number, work: Promise<T>, timeoutError: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError()), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
