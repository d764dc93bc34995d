/** The benchmark's baseline: a workflow that does nothing, so its start rate is the server's own ceiling. */
export async function benchNoopWorkflow(): Promise<void> {}
