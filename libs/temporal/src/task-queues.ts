/** One task queue for case workflows and their activities; scale out by adding workers on it. */
export const CASES_TASK_QUEUE = 'registry-cases';
