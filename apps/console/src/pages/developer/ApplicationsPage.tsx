import { Typography } from 'antd';

/** To be built (issue 8). */
export default function ApplicationsPage() {
  return <Typography.Title level={1}>ApplicationsPage</Typography.Title>;
}
