import { Typography } from 'antd';

/** To be built (issue 8). */
export default function SignOffQueuePage() {
  return <Typography.Title level={1}>SignOffQueuePage</Typography.Title>;
}
