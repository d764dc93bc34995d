/** Where Temporal is. The dev stack sets these; production points them at the cluster. */
export interface TemporalConfig {
  address: string;
  namespace: string;
}

export function temporalConfig(env = process.env): TemporalConfig {
  return { address: env.TEMPORAL_ADDRESS ?? 'localhost:7233', namespace: env.TEMPORAL_NAMESPACE ?? 'default' };
}
